/**
 * The search space of a media mix model: each channel's adstock and saturation parameters, with
 * bounds from the transform descriptors (or from the channel's type, for geometric decay), any
 * of them overridable or fixed, plus the ridge penalty λ.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { CHANNEL_TYPES, type ChannelType } from "../transforms/adstock/geometric.ts";
import { paramRange } from "../transforms/descriptor.ts";
import { getTransform } from "../transforms/registry.ts";
import type { ModelSpec } from "../types.ts";
import { paramKey } from "../models/param_key.ts";
import { defineSearchSpace, type ParamDef, type SearchSpace } from "./search_space.ts";

/** A bound override: `[lower, upper]`, or one number to fix the parameter. */
export type BoundInput = readonly [number, number] | number;

/** Options of {@link mmmSearchSpace}. */
export interface MmmSearchSpaceOptions {
  /**
   * Overrides by parameter name: `"<channel>.adstock.<param>"`, `"<channel>.saturation.<param>"`
   * or `"lambda"`. @default {}
   */
  readonly bounds?: Readonly<Record<string, BoundInput>>;
  /** Channel types, which set the default bounds of a geometric decay. @default {} */
  readonly channelTypes?: Readonly<Record<string, ChannelType>>;
  /** Ridge penalty bounds (searched on a log scale), or a fixed value. @default [1e-4, 10] */
  readonly lambda?: BoundInput;
}

/**
 * Builds the search space of a model spec. Whole-number parameters (maximum lags) are fixed at
 * the spec's value unless given bounds.
 *
 * @throws {ConfigError} for an override naming an unknown parameter, or bounds outside the
 * parameter's hard limits.
 *
 * @example Two channels and λ
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { mmmSearchSpace } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const spec = defineModelSpec({ channels: ["tv", "search"] });
 * const space = mmmSearchSpace(spec, {
 *   channelTypes: { tv: "tv" },
 *   bounds: { "search.saturation.shape": 1 },
 * });
 * assert.deepEqual(space.names, [
 *   "tv.adstock.decay", "tv.saturation.halfSaturation", "tv.saturation.shape",
 *   "search.adstock.decay", "search.saturation.halfSaturation", "search.saturation.shape",
 *   "lambda",
 * ]);
 * assert.equal(space.dimension, 6);
 * assert.equal(space.params[0]!.lower, 0.3);
 * ```
 */
export function mmmSearchSpace(spec: ModelSpec, options: MmmSearchSpaceOptions = {}): SearchSpace {
  const overrides = { ...(options.bounds ?? {}) };
  const types = options.channelTypes ?? {};
  const params: ParamDef[] = [];
  const take = (name: string): BoundInput | undefined => {
    const b = overrides[name];
    delete overrides[name];
    return b;
  };
  for (const ch of spec.channels) {
    const type = types[ch.name];
    if (type !== undefined && !CHANNEL_TYPES.includes(type)) {
      throw new ConfigError(`Cannot build search space: unknown channel type "${type}"`, {
        channel: ch.name,
        key: `channelTypes.${ch.name}`,
        hint: `use one of ${CHANNEL_TYPES.map((t) => `"${t}"`).join(", ")}`,
      });
    }
    for (const stage of ["adstock", "saturation"] as const) {
      const t = ch[stage];
      const d = getTransform(t.kind, { family: stage });
      for (const [pname, ps] of Object.entries(d.params)) {
        const name = paramKey(ch.name, stage, pname);
        const current = t.params[pname] ?? ps.default;
        let def: ParamDef;
        const b = take(name);
        if (typeof b === "number") def = { name, lower: b, upper: b, fixed: b };
        else if (b !== undefined) def = { name, lower: b[0], upper: b[1] };
        else if (ps.integer) def = { name, lower: current, upper: current, fixed: current };
        else {
          const [lower, upper] = paramRange(ps, type);
          def = { name, lower, upper };
        }
        const lo = def.fixed ?? def.lower, hi = def.fixed ?? def.upper;
        if (!(lo >= ps.min && hi <= ps.max && lo <= hi)) {
          throw new ConfigError(
            `Cannot build search space: bounds [${lo}, ${hi}] of "${name}" leave [${ps.min}, ${ps.max}]`,
            { channel: ch.name, key: `bounds.${name}`, hint: "keep bounds within the limits" },
          );
        }
        params.push(def);
      }
    }
  }
  const lambda = take("lambda") ?? options.lambda ?? [1e-4, 10];
  params.push(
    typeof lambda === "number"
      ? { name: "lambda", lower: lambda, upper: lambda, fixed: lambda }
      : { name: "lambda", lower: lambda[0], upper: lambda[1], log: lambda[0] > 0 },
  );
  const unknown = Object.keys(overrides);
  if (unknown.length > 0) {
    throw new ConfigError(
      `Cannot build search space: unknown parameter "${unknown[0]}" in bounds`,
      {
        key: `bounds.${unknown[0]}`,
        hint: `parameters are ${params.map((p) => `"${p.name}"`).slice(0, 6).join(", ")}, …`,
      },
    );
  }
  return defineSearchSpace(params);
}
