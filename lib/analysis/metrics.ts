/**
 * Goodness-of-fit metrics on an actual and a predicted series, and Robyn's DECOMP.RSSD.
 *
 * Definitions follow Meta's Robyn (R package v3.12.1: `get_rsq` and `nrmse` in
 * `R/R/model.R`, `decomp.rssd` in `R/R/model.R`), as summarised in shared/anchors.md §2d.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";

function checkPair(action: string, actual: Float64Array, predicted: Float64Array): number {
  const n = actual.length;
  if (n !== predicted.length) {
    throw new RangeError(
      `Cannot compute ${action}: actual has ${n} values but predicted has ${predicted.length}`,
    );
  }
  if (n === 0) throw new RangeError(`Cannot compute ${action}: the series are empty`);
  return n;
}

function sumSquaredError(actual: Float64Array, predicted: Float64Array): number {
  let sse = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = (actual[i] as number) - (predicted[i] as number);
    sse += e * e;
  }
  return sse;
}

/**
 * Coefficient of determination: R² = 1 − Σ(y−ŷ)² / Σ(y−ȳ)².
 *
 * @param actual Observed values.
 * @param predicted Predicted values, same length.
 * @returns R²; negative when the prediction is worse than the mean; NaN when `actual` is constant.
 * @throws {RangeError} When the lengths differ or the series are empty.
 *
 * @example R² of a close fit
 * ```ts
 * import { r2 } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * // SSE = 2, SST = 10 → R² = 0.8
 * assert.equal(r2(new Float64Array([1, 2, 3, 4, 5]), new Float64Array([1, 3, 3, 3, 5])), 0.8);
 * ```
 */
export function r2(actual: Float64Array, predicted: Float64Array): number {
  const n = checkPair("R²", actual, predicted);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += actual[i] as number;
  mean /= n;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += ((actual[i] as number) - mean) ** 2;
  return 1 - sumSquaredError(actual, predicted) / sst;
}

/** Options of {@link adjustedR2}. */
export interface AdjustedR2Options {
  /** Number of predictors p, not counting the intercept. */
  readonly nPredictors: number;
  /** Whether the model has an intercept (df_int = 1) or not (df_int = 0). @default true */
  readonly intercept?: boolean;
  /**
   * Rows the model was trained on; Robyn uses the training n when scoring validation or test
   * rows. @default the length of `actual`
   */
  readonly nTrain?: number;
}

/**
 * Adjusted R² as Robyn defines it (`get_rsq`, R/R/model.R, v3.12.1):
 * 1 − (1 − R²)·(n − df_int)/(n − p − 1), with df_int = 1 when there is an intercept.
 *
 * @param actual Observed values.
 * @param predicted Predicted values, same length.
 * @param options Number of predictors, intercept, training rows.
 * @returns The adjusted R².
 * @throws {RangeError} When the lengths differ, `nPredictors` is negative or n − p − 1 ≤ 0.
 *
 * @example Penalising two predictors on five rows
 * ```ts
 * import { adjustedR2 } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const y = new Float64Array([1, 2, 3, 4, 5]), yHat = new Float64Array([1, 3, 3, 3, 5]);
 * // R² = 0.8; 1 − 0.2·(5 − 1)/(5 − 2 − 1) = 0.6
 * assert.ok(Math.abs(adjustedR2(y, yHat, { nPredictors: 2 }) - 0.6) < 1e-12);
 * ```
 */
export function adjustedR2(
  actual: Float64Array,
  predicted: Float64Array,
  options: AdjustedR2Options,
): number {
  const { nPredictors: p, intercept = true } = options;
  const rsq = r2(actual, predicted);
  const n = options.nTrain ?? actual.length;
  if (!Number.isInteger(p) || p < 0) {
    throw new RangeError(
      `Cannot compute adjusted R²: nPredictors must be a non-negative integer, got ${p}`,
    );
  }
  const rdf = n - p - 1;
  if (rdf <= 0) {
    throw new RangeError(
      `Cannot compute adjusted R²: needs more rows than predictors + 1, got n = ${n}, p = ${p}`,
    );
  }
  const dfInt = intercept ? 1 : 0;
  return 1 - (1 - rsq) * (n - dfInt) / rdf;
}

/**
 * Root mean squared error: √(Σ(y−ŷ)²/n).
 *
 * @param actual Observed values.
 * @param predicted Predicted values, same length.
 * @returns The RMSE in the units of `actual`.
 * @throws {RangeError} When the lengths differ or the series are empty.
 *
 * @example RMSE of two errors of 1 in four rows
 * ```ts
 * import { rmse } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const y = new Float64Array([10, 12, 14, 13]), yHat = new Float64Array([11, 12, 13, 13]);
 * assert.equal(rmse(y, yHat), Math.sqrt(0.5));
 * ```
 */
export function rmse(actual: Float64Array, predicted: Float64Array): number {
  const n = checkPair("RMSE", actual, predicted);
  return Math.sqrt(sumSquaredError(actual, predicted) / n);
}

/**
 * Mean absolute error: Σ|y−ŷ|/n.
 *
 * @param actual Observed values.
 * @param predicted Predicted values, same length.
 * @returns The MAE in the units of `actual`.
 * @throws {RangeError} When the lengths differ or the series are empty.
 *
 * @example MAE
 * ```ts
 * import { mae } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * assert.equal(mae(new Float64Array([1, 2, 3]), new Float64Array([2, 2, 1])), 1);
 * ```
 */
export function mae(actual: Float64Array, predicted: Float64Array): number {
  const n = checkPair("MAE", actual, predicted);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs((actual[i] as number) - (predicted[i] as number));
  return s / n;
}

/** Options of {@link mape}. */
export interface MapeOptions {
  /**
   * What to do with rows whose actual value is 0, where the percentage error is undefined:
   * `"error"` throws an {@link MmmDataError} naming the rows, `"skip"` leaves them out of the
   * mean. @default "error"
   */
  readonly zeros?: "error" | "skip";
}

/**
 * Mean absolute percentage error as a fraction: mean of |y−ŷ|/|y| (0.05 means 5%).
 *
 * @param actual Observed values.
 * @param predicted Predicted values, same length.
 * @param options What to do with zero actuals.
 * @returns The MAPE as a fraction.
 * @throws {RangeError} When the lengths differ, the series are empty, or every actual is 0.
 * @throws {MmmDataError} When an actual value is 0 and `zeros` is `"error"`.
 *
 * @example MAPE, skipping a zero actual
 * ```ts
 * import { mape } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const y = new Float64Array([100, 0, 50]), yHat = new Float64Array([90, 3, 60]);
 * // (10/100 + 10/50) / 2 = 0.15
 * assert.ok(Math.abs(mape(y, yHat, { zeros: "skip" }) - 0.15) < 1e-15);
 * ```
 */
export function mape(
  actual: Float64Array,
  predicted: Float64Array,
  options: MapeOptions = {},
): number {
  const { zeros = "error" } = options;
  if (zeros !== "error" && zeros !== "skip") {
    throw new RangeError(`Cannot compute MAPE: zeros must be "error" or "skip", got "${zeros}"`);
  }
  const n = checkPair("MAPE", actual, predicted);
  const zeroRows: number[] = [];
  let s = 0;
  for (let i = 0; i < n; i++) {
    const y = actual[i] as number;
    if (y === 0) {
      zeroRows.push(i);
      continue;
    }
    s += Math.abs((y - (predicted[i] as number)) / y);
  }
  if (zeroRows.length > 0 && zeros === "error") {
    throw new MmmDataError(
      `Cannot compute MAPE: ${zeroRows.length} actual values are 0`,
      {
        rows: zeroRows.slice(0, 5),
        hint: 'pass { zeros: "skip" } to leave those rows out, or use MAE or NRMSE',
      },
    );
  }
  const used = n - zeroRows.length;
  if (used === 0) throw new RangeError("Cannot compute MAPE: every actual value is 0");
  return s / used;
}

/**
 * Normalised RMSE as Robyn defines it: RMSE / (max y − min y) (`nrmse`, R/R/model.R, v3.12.1).
 *
 * @param actual Observed values.
 * @param predicted Predicted values, same length.
 * @returns The NRMSE; Infinity when `actual` is constant and the prediction is not exact.
 * @throws {RangeError} When the lengths differ or the series are empty.
 *
 * @example anchors.md §6 test vector 12
 * ```ts
 * import { nrmse } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const y = new Float64Array([10, 12, 14, 13]), yHat = new Float64Array([11, 12, 13, 13]);
 * assert.equal(nrmse(y, yHat).toFixed(6), "0.176777");
 * ```
 */
export function nrmse(actual: Float64Array, predicted: Float64Array): number {
  const e = rmse(actual, predicted);
  let min = Infinity, max = -Infinity;
  for (const y of actual) {
    if (y < min) min = y;
    if (y > max) max = y;
  }
  return e / (max - min);
}

/** Options of {@link decompRssd}. */
export interface DecompRssdOptions {
  /**
   * Robyn's `rssd_zero_penalty`: multiply by 1 + the fraction of channels whose effect share
   * rounds (4 decimals) to 0. @default true
   */
  readonly zeroPenalty?: boolean;
}

/**
 * Robyn's DECOMP.RSSD: the distance between paid channels' share of effect and share of spend,
 * √Σ(effectShare − spendShare)², optionally with the zero-effect penalty (`decomp.rssd` in
 * R/R/model.R, v3.12.1; shared/anchors.md §2d). Each input is divided by its own sum first, so
 * raw totals (contribution, spend per channel) can be passed as well as shares.
 *
 * @param effectShare Effect (contribution) per paid channel, or its share.
 * @param spendShare Spend per paid channel, or its share, in the same channel order.
 * @param options The zero penalty.
 * @returns The RSSD; Infinity when every effect is 0 (Robyn's convention).
 * @throws {RangeError} When the lengths differ, are empty, or the spends sum to 0.
 *
 * @example anchors.md §6 test vectors 13 and 14
 * ```ts
 * import { decompRssd } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const spend = new Float64Array([0.4, 0.4, 0.2]);
 * assert.equal(decompRssd(new Float64Array([0.5, 0.3, 0.2]), spend).toFixed(6), "0.141421");
 * assert.equal(decompRssd(new Float64Array([0.7, 0.3, 0]), spend).toFixed(6), "0.498888");
 * ```
 */
export function decompRssd(
  effectShare: Float64Array,
  spendShare: Float64Array,
  options: DecompRssdOptions = {},
): number {
  const { zeroPenalty = true } = options;
  const k = effectShare.length;
  if (k !== spendShare.length) {
    throw new RangeError(
      `Cannot compute DECOMP.RSSD: ${k} effect shares but ${spendShare.length} spend shares`,
    );
  }
  if (k === 0) throw new RangeError("Cannot compute DECOMP.RSSD: no channels");
  let effectTotal = 0, spendTotal = 0;
  for (let i = 0; i < k; i++) {
    effectTotal += effectShare[i] as number;
    spendTotal += spendShare[i] as number;
  }
  if (!(spendTotal > 0)) {
    throw new RangeError(`Cannot compute DECOMP.RSSD: spends must sum above 0, got ${spendTotal}`);
  }
  if (effectTotal === 0) return Infinity;
  let ss = 0, zeroEffects = 0;
  for (let i = 0; i < k; i++) {
    const e = (effectShare[i] as number) / effectTotal;
    ss += (e - (spendShare[i] as number) / spendTotal) ** 2;
    if (Math.round(e * 1e4) === 0) zeroEffects++;
  }
  const rssd = Math.sqrt(ss);
  return zeroPenalty ? rssd * (1 + zeroEffects / k) : rssd;
}
