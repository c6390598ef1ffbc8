/**
 * Robyn's media transforms, written from their published definitions (Robyn 3.12,
 * `R/R/transformation.R`; formulas in /work/shared/anchors.md §2d, test vectors §6 rows 1–6),
 * independently of mixlab's lib/transforms:
 * - geometric adstock `x*_1 = x_1`, `x*_t = x_t + θ·x*_{t−1}` (infinite, unnormalised);
 * - Weibull adstock with weights over the *full series length* n (Robyn's `windlen`): the
 *   relative scale s becomes `round(quantile_7(1..n, s))` rows with R's half-to-even rounding;
 *   CDF weights `cumprod(1, 1 − F(1), …, 1 − F(n − 1))`, PDF weights the density at 1..n
 *   min-max normalised; `x*_t = Σ_{s≤t} x_s·w_{t−s+1}`;
 * - Hill with the inflexion `γ·max(x*)` over the modelling window (v3.12, after PR #1132):
 *   `x*^α / (x*^α + inflexion^α)`.
 *
 * @module
 */

/** Robyn's geometric adstock of `x` with decay θ. */
export function robynGeometric(x: Float64Array, theta: number): Float64Array {
  const out = new Float64Array(x.length);
  let carry = 0;
  for (let t = 0; t < x.length; t++) {
    carry = (x[t] as number) + theta * carry;
    out[t] = carry;
  }
  return out;
}

/** R's `round()` (IEC 60559: halves go to the even neighbour). */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v), d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Robyn's Weibull scale in rows: `round(quantile(1:n, scale, type = 7))` = `round(1 + (n−1)·scale)`. */
export function robynWeibullRows(scale: number, n: number): number {
  return roundHalfEven(1 + (n - 1) * scale);
}

function weibullCdf(x: number, shape: number, lambda: number): number {
  return 1 - Math.exp(-Math.pow(x / lambda, shape));
}

function weibullPdf(x: number, shape: number, lambda: number): number {
  const z = x / lambda;
  return (shape / lambda) * Math.pow(z, shape - 1) * Math.exp(-Math.pow(z, shape));
}

/** Which Weibull weights: Robyn's `type = "cdf"` or `"pdf"`. */
export type WeibullType = "cdf" | "pdf";

/**
 * Robyn's Weibull lag weights `w_1..w_n` (index 0 is lag 1, the current week) for a series of
 * n weeks, shape k and relative scale s. With k = 0 or s = 0 Robyn applies no adstock: the
 * weights are (1, 0, …, 0).
 *
 * @example anchors.md §6 row 5: CDF, n = 10, shape 1, scale 0.3 starts 1, 0.7788
 * ```ts
 * import { robynWeibullWeights } from "./robyn_transforms.ts";
 * import assert from "node:assert/strict";
 * const w = robynWeibullWeights(10, 1, 0.3, "cdf");
 * assert.ok(Math.abs((w[1] as number) - 0.7788) < 1e-4);
 * ```
 */
export function robynWeibullWeights(
  n: number,
  shape: number,
  scale: number,
  type: WeibullType,
): Float64Array {
  const w = new Float64Array(n);
  if (shape === 0 || scale === 0) {
    w[0] = 1;
    return w;
  }
  const lambda = robynWeibullRows(scale, n);
  if (type === "cdf") {
    let cum = 1;
    for (let l = 1; l <= n; l++) {
      w[l - 1] = cum;
      cum *= 1 - weibullCdf(l, shape, lambda);
    }
    return w;
  }
  let lo = Infinity, hi = -Infinity;
  for (let l = 1; l <= n; l++) {
    const v = weibullPdf(l, shape, lambda);
    w[l - 1] = v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) {
    // Robyn's .normalize of a constant vector: (1, 0, …, 0)
    w.fill(0);
    w[0] = 1;
    return w;
  }
  for (let i = 0; i < n; i++) w[i] = ((w[i] as number) - lo) / (hi - lo);
  return w;
}

/** Robyn's Weibull adstock: `x*_t = Σ_{s≤t} x_s·w_{t−s+1}` with weights over the series length. */
export function robynWeibull(x: Float64Array, weights: Float64Array): Float64Array {
  const n = x.length, out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let u = 0; u <= t; u++) s += (x[u] as number) * (weights[t - u] as number);
    out[t] = s;
  }
  return out;
}

/** Robyn's Hill inflexion: γ times the largest adstocked value in rows `[0, windowEnd)`. */
export function robynInflexion(adstocked: Float64Array, gamma: number, windowEnd: number): number {
  let max = -Infinity;
  for (let t = 0; t < windowEnd; t++) max = Math.max(max, adstocked[t] as number);
  return gamma * max;
}

/** Hill `x^α / (x^α + k^α)` (0 at 0), the curve Robyn, Meridian and Jin et al. 2017 share. */
export function hillCurve(x: Float64Array, k: number, alpha: number): Float64Array {
  const out = new Float64Array(x.length), ka = Math.pow(k, alpha);
  for (let t = 0; t < x.length; t++) {
    const xa = Math.pow(x[t] as number, alpha);
    out[t] = xa / (xa + ka);
  }
  return out;
}
