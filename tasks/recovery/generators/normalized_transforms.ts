/**
 * The normalised-adstock transforms of Meridian, Jin et al. 2017 and PyMC-Marketing, written
 * from their published definitions independently of mixlab's lib/transforms:
 * - media divided by a reference level before the transforms: the median of its non-zero values
 *   (Meridian's media scaling) or its maximum (PyMC-Marketing's `MaxAbsScaler`);
 * - finite-window adstock with weights normalised to sum 1 (Meridian
 *   `meridian/model/adstock_hill.py`, anchors.md §3d): over lags `l = 0..W−1`, geometric
 *   `α^l` or binomial `(1 − l/W)^{1/α − 1}`, zero before the series start;
 * - Hill `x^s / (x^s + ec^s)` (Meridian `HillTransformer(ec, slope)`; Jin et al. 2017 eq. 5);
 * - logistic `(1 − e^{−λx}) / (1 + e^{−λx})` (PyMC-Marketing `logistic_saturation`,
 *   anchors.md §4d).
 *
 * @module
 */

/** Which normalised adstock: geometric or Meridian's binomial. */
export type NormalizedAdstockKind = "geometric" | "binomial";

/**
 * Normalised lag weights `w_0..w_{W−1}` (index = lag; lag 0 is the current week).
 *
 * @example anchors.md §6 row 10: binomial, α = 0.5, W = 4 → 0.4, 0.3, 0.2, 0.1 by lag
 * ```ts
 * import { normalizedWeights } from "./normalized_transforms.ts";
 * import assert from "node:assert/strict";
 * const w = normalizedWeights("binomial", 0.5, 4);
 * assert.ok(Math.abs((w[0] as number) - 0.4) < 1e-15 && Math.abs((w[3] as number) - 0.1) < 1e-15);
 * ```
 */
export function normalizedWeights(
  kind: NormalizedAdstockKind,
  alpha: number,
  window: number,
): Float64Array {
  const w = new Float64Array(window);
  let total = 0;
  for (let l = 0; l < window; l++) {
    const v = kind === "geometric" ? Math.pow(alpha, l) : Math.pow(1 - l / window, 1 / alpha - 1);
    w[l] = v;
    total += v;
  }
  for (let l = 0; l < window; l++) w[l] = (w[l] as number) / total;
  return w;
}

/** `out_t = Σ_{l<W} w_l·x_{t−l}`, with zero media before the first week. */
export function windowAdstock(x: Float64Array, weights: Float64Array): Float64Array {
  const n = x.length, out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let l = 0; l < weights.length && l <= t; l++) {
      s += (weights[l] as number) * (x[t - l] as number);
    }
    out[t] = s;
  }
  return out;
}

/** The median of the non-zero values of `x` (Meridian's media scaling reference). */
export function medianNonZero(x: Float64Array): number {
  const v = Array.from(x).filter((a) => a !== 0).sort((a, b) => a - b);
  if (v.length === 0) throw new RangeError("Cannot scale media: every value is zero");
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] as number : ((v[m - 1] as number) + (v[m] as number)) / 2;
}

/** The maximum of `x` (PyMC-Marketing's max-abs scaling reference for non-negative spend). */
export function maxValue(x: Float64Array): number {
  let m = -Infinity;
  for (const a of x) m = Math.max(m, a);
  return m;
}

/** Logistic saturation `(1 − e^{−λx}) / (1 + e^{−λx})`. */
export function logisticCurve(x: Float64Array, lambda: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    const e = Math.exp(-lambda * (x[t] as number));
    out[t] = (1 - e) / (1 + e);
  }
  return out;
}
