/**
 * Outlier detection (IQR fences or robust z-score) and treatment (flag, winsorize, dummy).
 *
 * @module
 */
import { quantileSorted } from "../_internal/quantile.ts";

/** How outliers are found: Tukey's IQR fences or the robust (median/MAD) z-score. */
export type OutlierMethod = "iqr" | "robust-z";

/** What is done with outliers: report only, clamp to the fences, or add a 0/1 control. */
export type OutlierAction = "flag" | "winsorize" | "dummy";

/** Options of {@link findOutliers}. */
export interface FindOutliersOptions {
  /** Detection method. @default "iqr" */
  readonly method?: OutlierMethod;
  /**
   * Fence multiplier: k in [Q1 − k·IQR, Q3 + k·IQR] for `iqr`, or the cut-off of
   * |0.6745·(x − median)/MAD| for `robust-z` (Iglewicz & Hoaglin 1993).
   * @default 1.5 for iqr, 3.5 for robust-z
   */
  readonly threshold?: number;
}

/** Outliers of a column: the rows and the fences used. */
export interface OutlierResult {
  /** Rows outside the fences, ascending. */
  readonly rows: readonly number[];
  /** Lower fence. */
  readonly lower: number;
  /** Upper fence. */
  readonly upper: number;
}

/**
 * Finds outliers in a column.
 *
 * @param values The column (no NaN).
 * @param options Method and threshold.
 * @returns Outlier rows and the fences.
 *
 * @example One spike among steady weeks
 * ```ts
 * import { findOutliers } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * const r = findOutliers(new Float64Array([10, 11, 9, 10, 12, 10, 60]));
 * assert.deepEqual(r.rows, [6]);
 * ```
 */
export function findOutliers(
  values: Float64Array,
  options: FindOutliersOptions = {},
): OutlierResult {
  const method = options.method ?? "iqr";
  const sorted = values.slice().sort();
  let lower: number, upper: number;
  if (method === "iqr") {
    const k = options.threshold ?? 1.5;
    const q1 = quantileSorted(sorted, 0.25), q3 = quantileSorted(sorted, 0.75);
    lower = q1 - k * (q3 - q1);
    upper = q3 + k * (q3 - q1);
  } else if (method === "robust-z") {
    const z = options.threshold ?? 3.5;
    const median = quantileSorted(sorted, 0.5);
    const deviations = sorted.map((v) => Math.abs(v - median)).sort();
    const mad = quantileSorted(deviations, 0.5);
    lower = median - z * mad / 0.6745;
    upper = median + z * mad / 0.6745;
  } else {
    throw new RangeError(
      `Cannot find outliers: method must be "iqr" or "robust-z", got "${String(method)}"`,
    );
  }
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < lower || v > upper) rows.push(i);
  }
  return { rows, lower, upper };
}

/**
 * Clamps values to [lower, upper] and returns a new array.
 *
 * @example Winsorizing to the fences
 * ```ts
 * import { winsorize } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(winsorize(new Float64Array([1, 5, 9]), 2, 8)), [2, 5, 8]);
 * ```
 */
export function winsorize(values: Float64Array, lower: number, upper: number): Float64Array {
  return values.map((v) => Math.min(upper, Math.max(lower, v)));
}
