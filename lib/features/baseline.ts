/**
 * The registry of baseline feature kinds, and the two things models do with it: validate a
 * user's `baseline` ({@link resolveBaseline}) and build its design columns
 * ({@link baselineColumns}). Columns come in registry order.
 *
 * @module
 */
import type { BaselineSpec } from "../types.ts";
import type { BaselineFeature, FeatureColumn, FeatureContext, FeatureNames } from "./feature.ts";
import { trendFeature } from "./trend.ts";
import { yearlySeasonalityFeature } from "./fourier.ts";
import { eventsFeature } from "./events.ts";

/** A feature of any key. */
type AnyBaselineFeature = { [K in keyof BaselineSpec]: BaselineFeature<K> }[keyof BaselineSpec];

/** Every baseline feature kind, in the order of their design columns. */
export const BASELINE_FEATURES: readonly AnyBaselineFeature[] = [
  trendFeature,
  yearlySeasonalityFeature,
  eventsFeature,
];

/**
 * Validates a user's baseline and fills the defaults: each key by its feature kind.
 *
 * @param input What the user wrote (`undefined` for all defaults).
 * @param names Names already taken (channels, controls, reserved terms); features add theirs.
 * @throws {ConfigError} naming the key (`baseline.trend`, `baseline.events.sale` …).
 *
 * @example Defaults
 * ```ts
 * import { resolveBaseline } from "mixlab/features/mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(resolveBaseline(undefined, new Set()), {
 *   trend: "linear",
 *   yearlyFourier: 2,
 *   events: {},
 * });
 * ```
 */
export function resolveBaseline(
  input: Partial<Readonly<Record<keyof BaselineSpec, unknown>>> | undefined,
  names: FeatureNames,
): BaselineSpec {
  const out: Record<string, unknown> = {};
  for (const feature of BASELINE_FEATURES) {
    out[feature.key] = feature.resolve(input?.[feature.key], names);
  }
  return out as unknown as BaselineSpec;
}

/** The design columns of a baseline for the context's rows, in registry order. */
export function baselineColumns(baseline: BaselineSpec, context: FeatureContext): FeatureColumn[] {
  return BASELINE_FEATURES.flatMap((feature) =>
    (feature as BaselineFeature<typeof feature.key>).columns(
      baseline[feature.key] as never,
      context,
    )
  );
}
