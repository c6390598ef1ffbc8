/**
 * The Durbin–Watson statistic for first-order autocorrelation of residuals.
 *
 * @module
 */
import { checkResiduals } from "./_checks.ts";

/**
 * Durbin–Watson statistic d = Σ_{t≥2}(e_t − e_{t−1})² / Σ e_t² (Durbin & Watson, 1950; as
 * statsmodels `durbin_watson`). d ≈ 2(1 − r₁): near 2 means no first-order autocorrelation,
 * towards 0 positive and towards 4 negative autocorrelation.
 *
 * @param residuals Residuals in time order.
 * @returns d, between 0 and 4.
 * @throws {RangeError} When there are fewer than 2 residuals or one is not finite.
 *
 * @example Alternating residuals are negatively autocorrelated
 * ```ts
 * import { durbinWatson } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * // differences ±2 three times: 12 / 4 = 3
 * assert.equal(durbinWatson(new Float64Array([1, -1, 1, -1])), 3);
 * ```
 */
export function durbinWatson(residuals: Float64Array): number {
  checkResiduals("compute the Durbin-Watson statistic", residuals, 2);
  let num = 0, den = (residuals[0] as number) ** 2;
  for (let t = 1; t < residuals.length; t++) {
    const e = residuals[t] as number;
    num += (e - (residuals[t - 1] as number)) ** 2;
    den += e * e;
  }
  return num / den;
}
