/**
 * The Jarque–Bera test of normality of residuals.
 *
 * @module
 */
import chisquareCdf from "@stdlib/dist-chisquare-cdf";
import { checkResiduals, mean } from "./_checks.ts";

/** Result of {@link jarqueBera}. */
export interface JarqueBeraResult {
  /** JB = n/6 · (S² + (K − 3)²/4). */
  readonly statistic: number;
  /** P(χ²₂ > JB): small values mean the residuals are not normal. */
  readonly pValue: number;
  /** Sample skewness S = m₃ / m₂^{3/2} (biased moments, 0 for a normal). */
  readonly skewness: number;
  /** Sample kurtosis K = m₄ / m₂² (not excess: 3 for a normal). */
  readonly kurtosis: number;
}

/**
 * Jarque–Bera test (Jarque & Bera, 1987), as statsmodels `jarque_bera`: skewness and kurtosis
 * from the biased central moments m_k = Σ(e − ē)^k / n, and a χ²₂ p-value (@stdlib).
 *
 * @param residuals Residuals.
 * @returns The statistic, p-value, skewness and kurtosis.
 * @throws {RangeError} When there are fewer than 3 residuals, one is not finite, or all are equal.
 *
 * @example A symmetric sample has zero skewness
 * ```ts
 * import { jarqueBera } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const r = jarqueBera(new Float64Array([-2, -1, 0, 1, 2]));
 * assert.equal(r.skewness, 0);
 * // m₂ = 2, m₄ = 34/5 → K = 1.7; JB = 5/6 · 1.69/4
 * assert.ok(Math.abs(r.kurtosis - 1.7) < 1e-12);
 * assert.ok(Math.abs(r.statistic - (5 / 6) * (1.69 / 4)) < 1e-12);
 * ```
 */
export function jarqueBera(residuals: Float64Array): JarqueBeraResult {
  checkResiduals("run the Jarque-Bera test", residuals, 3);
  const n = residuals.length, m = mean(residuals);
  let m2 = 0, m3 = 0, m4 = 0;
  for (const v of residuals) {
    const d = v - m, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (m2 === 0) throw new RangeError("Cannot run the Jarque-Bera test: the residuals are constant");
  const skewness = m3 / Math.pow(m2, 1.5);
  const kurtosis = m4 / (m2 * m2);
  const statistic = (n / 6) * (skewness * skewness + (kurtosis - 3) ** 2 / 4);
  return { statistic, pValue: 1 - chisquareCdf(statistic, 2), skewness, kurtosis };
}
