/**
 * Model specs: {@link defineModelSpec} validates what a user writes, fills the defaults and
 * returns a deep-frozen {@link ModelSpec}; {@link specToJSON}/{@link specFromJSON} round-trip it.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { BaselineSpec, ChannelSpec, ModelSpec } from "../types.ts";
import { resolveTransform, type TransformInput } from "../transforms/registry.ts";
import { resolveBaseline } from "../features/baseline.ts";

/** One channel as a user may write it: everything but the name is optional. */
export interface ChannelInput {
  /** Carry-over transform. @default geometric with decay 0.3 (its descriptor default) */
  readonly adstock?: TransformInput;
  /**
   * Diminishing-returns transform. @default hill (halfSaturation 1, shape 1) for the linear
   * specification, log1p for log-log
   */
  readonly saturation?: TransformInput;
  /** Spend divisor. @default undefined (the mean training spend, stored in the fit) */
  readonly scale?: number;
}

/** A baseline as a user may write it: any keys of {@link BaselineSpec}; categoricals may be a list. */
export type BaselineInput =
  & Partial<Omit<BaselineSpec, "categoricals">>
  & {
    /** Text columns: a list (each column's first level is its reference) or column → reference. */
    readonly categoricals?: BaselineSpec["categoricals"] | readonly string[];
  };

/** What {@link defineModelSpec} accepts. */
export interface ModelSpecInput {
  /**
   * Channels: names (all defaults), `{ name, ...ChannelInput }` objects, or a record from name
   * to {@link ChannelInput}. Order is kept and is the order of terms and parameters.
   */
  readonly channels:
    | readonly (string | (ChannelInput & { readonly name: string }))[]
    | Readonly<Record<string, ChannelInput>>;
  /** Names of controls entering linearly. @default [] */
  readonly controls?: readonly string[];
  /**
   * Baseline terms and feature kinds (lags, interactions, categoricals, fixed effects, event
   * flags, share of voice, total spend, on-air terms, calendar dummies, Box-Cox controls).
   * @default { yearlyFourier: 2, trend: "linear", events: {} }
   */
  readonly baseline?: BaselineInput;
  /** Linear, or log KPI on log1p media (elasticities). @default "linear" */
  readonly specification?: ModelSpec["specification"];
}

/** Names of baseline terms, which channels, controls and events may not take. */
const RESERVED = ["intercept", "trend", "seasonality"];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function channelEntries(
  channels: ModelSpecInput["channels"],
): [string, ChannelInput][] {
  if (Array.isArray(channels)) {
    return channels.map((c: string | (ChannelInput & { name: string }), i): [
      string,
      ChannelInput,
    ] => {
      if (typeof c === "string") return [c, {}];
      if (c === null || typeof c !== "object" || typeof c.name !== "string") {
        throw new ConfigError(`Cannot define model spec: channel ${i} has no string "name"`, {
          key: `channels.${i}`,
        });
      }
      return [c.name, c];
    });
  }
  if (channels === null || typeof channels !== "object") {
    throw new ConfigError('Cannot define model spec: "channels" must be an array or a record', {
      key: "channels",
    });
  }
  return Object.entries(channels as Readonly<Record<string, ChannelInput>>);
}

/**
 * Validates a model description, fills defaults and returns it deep-frozen.
 *
 * @throws {ConfigError} naming the key (`channels.tv.adstock.params.decay`, `baseline.trend` …)
 * for unknown transforms or parameters, values out of range, duplicate names or bad dates.
 *
 * @example Defaults for two channels
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import assert from "node:assert/strict";
 * const spec = defineModelSpec({
 *   channels: { tv: { adstock: { kind: "geometric", params: { decay: 0.6 } } }, search: {} },
 * });
 * assert.equal(spec.channels[0]?.adstock.params.decay, 0.6);
 * assert.equal(spec.channels[1]?.saturation.kind, "hill");
 * assert.equal(spec.baseline.yearlyFourier, 2);
 * assert.ok(Object.isFrozen(spec.channels));
 * ```
 */
export function defineModelSpec(input: ModelSpecInput): ModelSpec {
  if (input === null || typeof input !== "object") {
    throw new TypeError("Cannot define model spec: expected an object");
  }
  const specification = input.specification ?? "linear";
  if (specification !== "linear" && specification !== "log-log") {
    throw new ConfigError(
      `Cannot define model spec: unknown specification "${String(specification)}"`,
      { key: "specification", hint: 'use "linear" or "log-log"' },
    );
  }
  const seen = new Set<string>(RESERVED);
  const channels = channelEntries(input.channels).map(([name, c]): ChannelSpec => {
    const key = `channels.${name}`;
    if (name === "" || seen.has(name)) {
      throw new ConfigError(
        `Cannot define model spec: channel name "${name}" is empty, repeated or reserved`,
        { key, channel: name, hint: `"${RESERVED.join('", "')}" are reserved` },
      );
    }
    seen.add(name);
    const adstock = resolveTransform(c.adstock ?? { kind: "geometric" }, {
      family: "adstock",
      key: `${key}.adstock`,
    });
    const saturation = resolveTransform(
      c.saturation ?? { kind: specification === "log-log" ? "log1p" : "hill" },
      { family: "saturation", key: `${key}.saturation` },
    );
    if (c.scale !== undefined) {
      if (typeof c.scale !== "number" || !(c.scale > 0) || !Number.isFinite(c.scale)) {
        throw new ConfigError(
          `Cannot define model spec: scale of channel "${name}" is ${String(c.scale)}`,
          { key: `${key}.scale`, channel: name, hint: "use a positive finite number" },
        );
      }
      return { name, adstock, saturation, scale: c.scale };
    }
    return { name, adstock, saturation };
  });
  const controls = [...(input.controls ?? [])];
  controls.forEach((c, i) => {
    if (typeof c !== "string" || seen.has(c)) {
      throw new ConfigError(
        `Cannot define model spec: control name "${String(c)}" is repeated or reserved`,
        {
          key: `controls.${i}`,
          column: String(c),
          hint: `"${RESERVED.join('", "')}" are reserved`,
        },
      );
    }
    seen.add(c);
  });
  return deepFreeze({
    channels,
    controls,
    baseline: resolveBaseline(input.baseline, {
      has: (name: string) => seen.has(name),
      add: (name: string) => seen.add(name),
      channels: channels.map((c) => c.name),
      controls,
    }),
    specification,
  });
}

/** The JSON form of a {@link ModelSpec}, tagged with a format and version. */
export interface ModelSpecJson {
  /** Always `"mixlab.model-spec"`. */
  readonly format: "mixlab.model-spec";
  /** Schema version. */
  readonly version: 1;
  /** The spec's fields. */
  readonly spec: ModelSpec;
}

/**
 * The spec as plain JSON (tagged with format and version) for saving.
 *
 * @example Round trip
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { specFromJSON, specToJSON } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const spec = defineModelSpec({ channels: ["tv"], controls: ["price"] });
 * assert.deepEqual(specFromJSON(JSON.parse(JSON.stringify(specToJSON(spec)))), spec);
 * ```
 */
export function specToJSON(spec: ModelSpec): ModelSpecJson {
  return { format: "mixlab.model-spec", version: 1, spec: JSON.parse(JSON.stringify(spec)) };
}

/**
 * Rebuilds (and re-validates) a spec from {@link specToJSON} output.
 *
 * @throws {ConfigError} when the JSON is not a mixlab model spec or fails validation.
 */
export function specFromJSON(json: unknown): ModelSpec {
  const j = json as Partial<ModelSpecJson> | null;
  if (j === null || typeof j !== "object" || j.format !== "mixlab.model-spec" || j.version !== 1) {
    throw new ConfigError("Cannot read model spec: not a mixlab.model-spec version 1 object", {
      key: "format",
    });
  }
  const s = j.spec as ModelSpec;
  return defineModelSpec({
    channels: s.channels.map((c) => ({
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
      ...(c.scale !== undefined ? { scale: c.scale } : {}),
    })),
    controls: s.controls,
    baseline: s.baseline,
    specification: s.specification,
  });
}
