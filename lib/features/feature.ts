/**
 * The contract of a baseline feature kind: how a key of {@link BaselineSpec} is validated and
 * which design columns it adds. Every kind (trend, yearly seasonality, events, …) is one
 * {@link BaselineFeature} in the registry of `baseline.ts`.
 *
 * @module
 */
import type { BaselineSpec, MmmData, TermGroup } from "../types.ts";
import { epochDay } from "../dates.ts";

/**
 * The calendar a model's baseline columns are measured in, fixed on the training data so that
 * new dates extrapolate (the trend keeps growing past 1).
 */
export interface FeatureFrame {
  /** Day number (days since 1970-01-01) of the first training date: the trend is 0 there. */
  readonly origin: number;
  /** Days from the first to the last training date (at least 1): the trend is 1 at the last. */
  readonly spanDays: number;
  /** Row spacing in days (smallest positive gap; 1 if unknown): the width of an event's row. */
  readonly periodDays: number;
  /**
   * What features learned from the training rows, by feature key (a categorical's levels, a
   * Box-Cox λ, the mean total spend): see {@link BaselineFeature.learn}.
   */
  readonly learned?: Readonly<Record<string, unknown>>;
}

/**
 * The frame of a set of row dates: first date, span and row spacing.
 *
 * @example Weekly rows over two weeks
 * ```ts
 * import { featureFrame } from "mixlab/features/mod.ts";
 * import assert from "node:assert/strict";
 * const frame = featureFrame(["2024-01-01", "2024-01-08", "2024-01-15"]);
 * assert.deepEqual([frame.spanDays, frame.periodDays], [14, 7]);
 * ```
 */
export function featureFrame(dates: readonly string[]): FeatureFrame {
  let first = Infinity, last = -Infinity, period = Infinity;
  const days = dates.map(epochDay);
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    if (d < first) first = d;
    if (d > last) last = d;
    if (i > 0) {
      const gap = d - (days[i - 1] as number);
      if (gap > 0 && gap < period) period = gap;
    }
  }
  return {
    origin: first,
    spanDays: last > first ? last - first : 1,
    periodDays: Number.isFinite(period) ? period : 1,
  };
}

/** One column a feature adds to the design. */
export interface FeatureColumn {
  /** Column name: `"trend"`, `"trend^2"`, `"sin1"`, `"cos1"`, an event's name … */
  readonly name: string;
  /** The decomposition term it adds to: `"trend"`, `"seasonality"`, an event's name … */
  readonly term: string;
  /** The term's group. */
  readonly group: Exclude<TermGroup, "intercept">;
  /** One value per row. */
  readonly values: Float64Array;
  /**
   * A column that several terms share (total spend over channels): its split, one part per
   * term, adding up to `values`. A linear model credits coefficient × part to each part's term.
   */
  readonly parts?: readonly { readonly term: string; readonly values: Float64Array }[];
}

/** What a feature sees when it builds its columns for a set of rows. */
export interface FeatureContext {
  /** The rows' data (dates, KPI, channels, controls). */
  readonly data: MmmData;
  /** Day numbers of the rows' dates. */
  readonly days: readonly number[];
  /** The training frame (from the training rows, also when building columns for new rows). */
  readonly frame: FeatureFrame;
  /** Rows preceding `data`, when predicting after the training data (for lags). */
  readonly history?: MmmData;
  /** Columns already in the design, by name: each channel's media column and each control. */
  readonly columns: ReadonlyMap<string, Float64Array>;
  /**
   * The same columns for the `history` rows (media carried over from the history's start), when
   * there is a history and a feature needs them (lags).
   */
  readonly historyColumns?: ReadonlyMap<string, Float64Array>;
}

/** The names a model has already given out (channels, controls, features, reserved terms). */
export interface FeatureNames {
  /** Whether `name` is taken. */
  has(name: string): boolean;
  /** Takes `name`. */
  add(name: string): unknown;
  /** The model's channels, for features that refer to them. @default unknown */
  readonly channels?: readonly string[];
  /** The model's controls, for features that refer to them. @default unknown */
  readonly controls?: readonly string[];
}

/**
 * One kind of baseline feature: reads one key of {@link BaselineSpec}.
 *
 * To add a kind: add its key to `BaselineSpec` (lib/types.ts), write a `BaselineFeature` for it
 * (validation with the current errors' style, and its columns), and list it in
 * `BASELINE_FEATURES` (baseline.ts). `defineModelSpec` and `designMatrix` then handle it.
 */
export interface BaselineFeature<K extends keyof BaselineSpec = keyof BaselineSpec> {
  /** The key of {@link BaselineSpec} it reads (`baseline.<key>` in errors and configs). */
  readonly key: K;
  /**
   * Validates the user's value (undefined when the user wrote none) and returns its canonical
   * form (with the default filled in; undefined for an optional key left out).
   *
   * @param key How errors name the key. @default `baseline.<key>`
   * @throws {ConfigError} naming the key (or a sub-key) and what to write instead.
   */
  resolve(input: unknown, names: FeatureNames, key?: string): BaselineSpec[K];
  /**
   * What the feature must fix on the training rows so that new rows get the same columns (a
   * categorical's levels, a fitted λ); kept in the frame's `learned[key]`.
   *
   * @param channels The model's channels.
   * @throws {MmmDataError} or {ConfigError} when the training rows do not fit the value.
   */
  learn?(value: NonNullable<BaselineSpec[K]>, train: MmmData, channels: readonly string[]): unknown;
  /** The feature's design columns for the context's rows (none when switched off). */
  columns(value: NonNullable<BaselineSpec[K]>, context: FeatureContext): FeatureColumn[];
}
