/**
 * The registry of baseline feature kinds, and the two things models do with it: validate a
 * user's `baseline` ({@link resolveBaseline}) and build its design columns
 * ({@link baselineColumns}). Columns come in registry order.
 *
 * @module
 */
import type { BaselineSpec, MmmData } from "../types.ts";
import { ConfigError } from "../errors.ts";
import type { BaselineFeature, FeatureColumn, FeatureContext, FeatureNames } from "./feature.ts";
import { trendFeature } from "./trend.ts";
import { yearlySeasonalityFeature } from "./fourier.ts";
import { eventsFeature } from "./events.ts";
import { monthOfYearFeature, weekOfMonthFeature } from "./calendar.ts";
import { boxCoxFeature } from "./box_cox.ts";
import { categoricalsFeature, eventFlagsFeature, fixedEffectsFeature } from "./categoricals.ts";
import { lagsFeature } from "./lag.ts";
import { interactionsFeature } from "./interactions.ts";
import { shareOfVoiceFeature, totalSpendFeature, zeroSpendFeature } from "./spend_features.ts";

/** A feature of any key. */
export type AnyBaselineFeature = {
  [K in keyof BaselineSpec]-?: BaselineFeature<K>;
}[keyof BaselineSpec];

/** Every baseline feature kind, in the order of their design columns. */
export const BASELINE_FEATURES: readonly AnyBaselineFeature[] = [
  trendFeature,
  yearlySeasonalityFeature,
  eventsFeature,
  monthOfYearFeature,
  weekOfMonthFeature,
  boxCoxFeature,
  categoricalsFeature,
  fixedEffectsFeature,
  eventFlagsFeature,
  lagsFeature,
  interactionsFeature,
  shareOfVoiceFeature,
  totalSpendFeature,
  zeroSpendFeature,
];

/**
 * The keys whose columns add to channels' contributions (lags of a channel, a channel's
 * interactions, share of voice, total spend, on-air terms): the estimators that build media
 * columns themselves (tuning's evaluator, the Bayesian model) do not support them yet.
 */
export function channelFeatureKeys(
  baseline: BaselineSpec,
  channels: readonly string[],
): string[] {
  const keys: string[] = [];
  if (Object.keys(baseline.lags ?? {}).some((name) => channels.includes(name))) keys.push("lags");
  if ((baseline.interactions ?? []).some(([a]) => channels.includes(a))) {
    keys.push("interactions");
  }
  if (Object.keys(baseline.shareOfVoice ?? {}).length > 0) keys.push("shareOfVoice");
  if (baseline.totalSpend) keys.push("totalSpend");
  if ((baseline.zeroSpend ?? []).length > 0) keys.push("zeroSpend");
  return keys;
}

/**
 * Throws a ConfigError naming the first of {@link channelFeatureKeys}, for estimators that
 * build channels' media columns themselves and would leave those columns out.
 *
 * @param action What cannot be done, e.g. `"fit Bayesian model"`.
 */
export function rejectChannelFeatures(
  baseline: BaselineSpec,
  channels: readonly string[],
  action: string,
): void {
  const [key] = channelFeatureKeys(baseline, channels);
  if (key !== undefined) {
    throw new ConfigError(
      `Cannot ${action}: baseline.${key} adds columns to channels, which it does not support yet`,
      {
        key: `baseline.${key}`,
        hint: "fit ridge, OLS, elastic net, lasso or trees with it, or leave it out",
      },
    );
  }
}

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
  if (input !== undefined && (input === null || typeof input !== "object")) {
    throw new ConfigError('Cannot define model spec: "baseline" must be an object', {
      key: "baseline",
    });
  }
  const known = BASELINE_FEATURES.map((f) => f.key as string);
  const unknown = Object.keys(input ?? {}).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw new ConfigError(`Cannot define model spec: baseline.${unknown} is not a known key`, {
      key: `baseline.${unknown}`,
      hint: `baseline keys are ${known.map((k) => `"${k}"`).join(", ")}`,
    });
  }
  const out: Record<string, unknown> = {};
  for (const feature of BASELINE_FEATURES) {
    const value = feature.resolve(input?.[feature.key], names);
    if (value !== undefined) out[feature.key] = value;
  }
  return out as unknown as BaselineSpec;
}

/**
 * What the baseline's features learn from the training rows (levels, λ, mean total spend), by
 * key, for {@link FeatureFrame.learned}.
 *
 * @throws {ConfigError} or {MmmDataError} when the training rows do not fit a feature.
 */
export function learnBaseline(
  baseline: BaselineSpec,
  train: MmmData,
  channels: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const feature of BASELINE_FEATURES) {
    const value = baseline[feature.key];
    if (value === undefined || !("learn" in feature) || feature.learn === undefined) continue;
    out[feature.key] = (feature as BaselineFeature<typeof feature.key>).learn!(
      value as never,
      train,
      channels,
    );
  }
  return out;
}

/** The design columns of a baseline for the context's rows, in registry order. */
export function baselineColumns(baseline: BaselineSpec, context: FeatureContext): FeatureColumn[] {
  return BASELINE_FEATURES.flatMap((feature) =>
    baseline[feature.key] === undefined
      ? []
      : (feature as BaselineFeature<typeof feature.key>).columns(
        baseline[feature.key] as never,
        context,
      )
  );
}
