/**
 * The config's `channels` section: each channel's spend and exposure columns, its media type,
 * its adstock and saturation, and its tuning bounds.
 *
 * @module
 */
import { CHANNEL_TYPES, type ChannelType } from "../transforms/adstock/geometric.ts";
import { fail, number, object, oneOf, record, string } from "./_config_reader.ts";

/** A transform as written in a config: kind and optional parameter values. */
export interface TransformConfig {
  /** Registered kind, e.g. `"geometric"`, `"hill"`. */
  readonly kind: string;
  /** Parameter values; missing ones take the defaults or are tuned. */
  readonly params: Readonly<Record<string, number>>;
}

/** One channel of the config. */
export interface ChannelConfig {
  /** Channel name. */
  readonly name: string;
  /** Spend column. */
  readonly spend: string;
  /** Optional exposure column. */
  readonly exposure?: string;
  /** Adstock choice. */
  readonly adstock: TransformConfig;
  /** Saturation choice. */
  readonly saturation: TransformConfig;
  /** Tuning bounds per parameter, overriding the transform's defaults: `{ decay: [0.1, 0.6] }`. */
  readonly bounds: Readonly<Record<string, readonly [number, number]>>;
  /** Media type, which sets the default decay bounds when tuning (Robyn's guidance). */
  readonly type?: ChannelType;
  /**
   * Which families the config names for this channel; tuning chooses the others from the data
   * (`tuning.families`) and keeps these.
   */
  readonly given: { readonly adstock: boolean; readonly saturation: boolean };
}

/** `channels`: an object from channel name to its settings, with at least one channel. */
export function parseChannels(value: unknown): ChannelConfig[] {
  const chans = record(value, "channels");
  const names = Object.keys(chans);
  if (names.length === 0) fail("channels", "must name at least one channel");
  return names.map((n) => channel(n, chans[n], `channels.${n}`));
}

/** A transform: a kind's name, or `{ kind, params }`; `fallback` when absent. */
function transform(value: unknown, key: string, fallback: string): TransformConfig {
  if (value === undefined) return { kind: fallback, params: {} };
  if (typeof value === "string") return { kind: string(value, key), params: {} };
  const o = object(value, key, ["kind", "params"]);
  const params: Record<string, number> = {};
  if (o.params !== undefined) {
    for (const [p, v] of Object.entries(record(o.params, `${key}.params`))) {
      params[p] = number(v, `${key}.params.${p}`, -Infinity);
    }
  }
  return { kind: string(o.kind, `${key}.kind`), params };
}

/** A channel's tuning bounds: `{ <param>: [lower, upper] }` with lower < upper. */
function bounds(value: unknown, key: string): Record<string, readonly [number, number]> {
  const out: Record<string, readonly [number, number]> = {};
  if (value === undefined) return out;
  for (const [p, v] of Object.entries(record(value, key))) {
    const k = `${key}.${p}`;
    if (!Array.isArray(v) || v.length !== 2) fail(k, "must be a [lower, upper] pair");
    const lo = number(v[0], `${k}[0]`, -Infinity), hi = number(v[1], `${k}[1]`, -Infinity);
    if (!(lo < hi)) fail(k, `must have lower < upper, got [${lo}, ${hi}]`);
    out[p] = [lo, hi];
  }
  return out;
}

/** One channel's settings; every key is optional. */
function channel(name: string, value: unknown, key: string): ChannelConfig {
  const o = value === undefined || value === null
    ? {}
    : object(value, key, ["spend", "exposure", "type", "adstock", "saturation", "bounds"]);
  const parsedBounds = bounds(o.bounds, `${key}.bounds`);
  const out: ChannelConfig = {
    name,
    spend: o.spend === undefined ? name : string(o.spend, `${key}.spend`),
    adstock: transform(o.adstock, `${key}.adstock`, "geometric"),
    saturation: transform(o.saturation, `${key}.saturation`, "hill"),
    bounds: parsedBounds,
    given: { adstock: o.adstock !== undefined, saturation: o.saturation !== undefined },
  };
  return {
    ...out,
    ...(o.exposure === undefined ? {} : { exposure: string(o.exposure, `${key}.exposure`) }),
    ...(o.type === undefined ? {} : { type: oneOf(o.type, `${key}.type`, CHANNEL_TYPES) }),
  };
}
