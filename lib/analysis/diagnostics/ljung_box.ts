/**
 * The Ljung–Box and Box–Pierce portmanteau tests for autocorrelation of residuals.
 *
 * @module
 */
import chisquareCdf from "@stdlib/dist-chisquare-cdf";
import { checkResiduals } from "./_checks.ts";
import { autocorrelation } from "./residual_diagnostics.ts";

/** Options of {@link ljungBox}. */
export interface LjungBoxOptions {
  /**
   * The lags to test: a number L tests every lag 1..L, a list tests those lags.
   * @default every lag from modelDf + 1 to min(10, floor(n / 5)), as statsmodels
   */
  readonly lags?: number | readonly number[];
  /** Degrees of freedom used by the model (e.g. ARMA p + q), subtracted from each lag. @default 0 */
  readonly modelDf?: number;
}

/** The test at one lag. */
export interface LjungBoxResult {
  /** The lag h. */
  readonly lag: number;
  /** Ljung–Box Q = n(n+2) Σ_{k≤h} r_k² / (n − k). */
  readonly statistic: number;
  /** P(χ²_{h − modelDf} > Q): small values mean the residuals are autocorrelated. */
  readonly pValue: number;
  /** Box–Pierce Q = n Σ_{k≤h} r_k². */
  readonly boxPierce: number;
  /** P(χ²_{h − modelDf} > Q_BP). */
  readonly boxPiercePValue: number;
}

/**
 * Ljung–Box test of no autocorrelation up to each lag (Ljung & Box, 1978), with the Box–Pierce
 * variant, as statsmodels `acorr_ljungbox(x, lags, boxpierce=True, model_df)`: the
 * autocorrelations r_k are of the demeaned series, normalised by n (not n − k). P-values are
 * 1 − CDF of the χ² distribution (@stdlib), so values below about 1e-15 carry only absolute
 * precision.
 *
 * @param residuals Residuals in time order.
 * @param options Lags and model degrees of freedom.
 * @returns One result per requested lag, in the order requested.
 * @throws {RangeError} When a lag is not an integer in [modelDf + 1, n − 1] or a residual is not
 * finite.
 *
 * @example White-looking residuals pass at lag 2
 * ```ts
 * import { ljungBox } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const e = new Float64Array([0.3, -1.2, 0.8, 0.1, -0.5, 1.4, -0.9, 0.2, 0.6, -0.7]);
 * const [lag2] = ljungBox(e, { lags: [2] });
 * assert.equal(lag2?.lag, 2);
 * assert.ok(lag2!.statistic > 0 && lag2!.pValue > 0 && lag2!.pValue <= 1);
 * ```
 */
export function ljungBox(residuals: Float64Array, options: LjungBoxOptions = {}): LjungBoxResult[] {
  const action = "run the Ljung-Box test";
  checkResiduals(action, residuals, 3);
  const n = residuals.length;
  const { modelDf = 0 } = options;
  if (!Number.isInteger(modelDf) || modelDf < 0) {
    throw new RangeError(
      `Cannot ${action}: modelDf must be a non-negative integer, got ${modelDf}`,
    );
  }
  const lags = resolveLags(options.lags, n, modelDf);
  for (const h of lags) {
    if (!Number.isInteger(h) || h <= modelDf || h >= n) {
      throw new RangeError(
        `Cannot ${action}: lag must be an integer in [${modelDf + 1}, ${n - 1}], got ${h}`,
      );
    }
  }
  const maxLag = Math.max(...lags);
  const acf = autocorrelation(residuals, maxLag);
  // cumulative sums of r_k²/(n − k) and r_k² for k = 1..maxLag
  const cumLb = new Float64Array(maxLag + 1), cumBp = new Float64Array(maxLag + 1);
  for (let k = 1; k <= maxLag; k++) {
    const r = acf[k - 1] as number;
    cumLb[k] = (cumLb[k - 1] as number) + r * r / (n - k);
    cumBp[k] = (cumBp[k - 1] as number) + r * r;
  }
  return lags.map((lag) => {
    const statistic = n * (n + 2) * (cumLb[lag] as number);
    const boxPierce = n * (cumBp[lag] as number);
    const df = lag - modelDf;
    return {
      lag,
      statistic,
      pValue: 1 - chisquareCdf(statistic, df),
      boxPierce,
      boxPiercePValue: 1 - chisquareCdf(boxPierce, df),
    };
  });
}

function resolveLags(
  lags: number | readonly number[] | undefined,
  n: number,
  modelDf: number,
): number[] {
  if (lags === undefined) {
    const max = Math.max(modelDf + 1, Math.min(10, Math.floor(n / 5)));
    return Array.from({ length: max - modelDf }, (_, i) => modelDf + 1 + i);
  }
  if (typeof lags === "number") {
    if (!Number.isInteger(lags) || lags < 1) {
      throw new RangeError(
        `Cannot run the Ljung-Box test: lags must be a positive integer, got ${lags}`,
      );
    }
    return Array.from({ length: lags }, (_, i) => i + 1);
  }
  if (lags.length === 0) throw new RangeError("Cannot run the Ljung-Box test: lags is empty");
  return [...lags];
}
