/**
 * Meridian's binomial adstock (`meridian/model/adstock_hill.py`, `compute_decay_weights` with
 * `"binomial"`; anchors.md §3d): over a window of L lags (lag 0 included; Meridian's
 * `max_lag + 1`), lag l has weight proportional to `(1 − l/L)^{1/decay − 1}`, normalised to sum
 * 1. Unlike geometric decay, the weights reach zero smoothly at the end of the window: decay 1
 * spreads the effect evenly over the window, decay 0.5 falls linearly, and small decays keep it
 * near the week of spend (decay → 0 is no carryover). Meridian calls the parameter α.
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { convolveLags, lagCount, normalisedWeights, output, param } from "../_util.ts";

/** Parameters of {@link binomialAdstock}. */
export interface BinomialParams {
  /** Meridian's α in (0, 1]: larger keeps the effect longer. */
  readonly decay: number;
  /** Number of lags L (lag 0 included) carrying weight: Meridian's max_lag + 1. */
  readonly maxLag: number;
}

/** Normalised binomial weights `(1 − l/L)^{1/decay − 1} / Σ_m (1 − m/L)^{1/decay − 1}`, l = 0..L−1. */
export function binomialWeights(decay: number, maxLag: number): Float64Array {
  const lags = lagCount(maxLag), e = 1 / decay - 1;
  return normalisedWeights(lags, (l) => Math.pow(1 - l / lags, e));
}

/**
 * Binomial adstock: `x*_t = Σ_{l<L} w_l·x_{t−l}` with Meridian's binomial weights; rows before
 * the series start count as zero spend.
 *
 * @param x Spend per row (not modified).
 * @param params Decay (Meridian's α) and maxLag L.
 * @param out Optional array of the same length to write into.
 * @returns The adstocked series, with the same total as `x` once the window has passed.
 *
 * @example α = 0.5 over 4 lags: weights 0.4, 0.3, 0.2, 0.1 (anchors.md §6, vector 10)
 * ```ts
 * import { binomialAdstock } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = binomialAdstock(new Float64Array([1, 0, 0, 0, 0]), { decay: 0.5, maxLag: 4 });
 * assert.deepEqual(Array.from(y, (v) => Math.round(v * 1e12) / 1e12), [0.4, 0.3, 0.2, 0.1, 0]);
 * ```
 */
export function binomialAdstock(
  x: Float64Array,
  params: BinomialParams,
  out?: Float64Array,
): Float64Array {
  return convolveLags(x, binomialWeights(params.decay, params.maxLag), output(x.length, out));
}

/** Registry descriptor of {@link binomialAdstock} (kind `"binomial"`). */
export const BINOMIAL: TransformDescriptor = {
  kind: "binomial",
  family: "adstock",
  doc: "Meridian's binomial adstock: weights (1 − l/L)^(1/decay − 1) normalised over maxLag lags",
  params: {
    decay: {
      lower: 0.05,
      upper: 0.9,
      default: 0.3,
      min: 0.001,
      max: 1,
      doc: "Meridian's α: lag l of L has weight ∝ (1 − l/L)^(1/α − 1); 1 spreads the effect " +
        "evenly over the window, 0.5 falls linearly, small values keep it in the week of spend",
    },
    maxLag: {
      lower: 9,
      upper: 9,
      default: 9,
      min: 1,
      max: 520,
      integer: true,
      doc: "number of lags carrying weight (lag 0 included): Meridian's max_lag + 1 " +
        "(its default max_lag 8 gives 9)",
    },
  },
  apply: (x, p, out) =>
    binomialAdstock(x, { decay: param(p, "decay"), maxLag: param(p, "maxLag") }, out),
  gradient(x, p) {
    // w_l = r_l / S with r_l = (1 − l/L)^e, e = 1/decay − 1, de/ddecay = −1/decay²:
    // dr_l = r_l·ln(1 − l/L)·de, dw_l = (dr_l·S − r_l·dS) / S².
    const decay = param(p, "decay"), lags = lagCount(param(p, "maxLag"));
    const e = 1 / decay - 1, de = -1 / (decay * decay);
    const r = new Float64Array(lags), dr = new Float64Array(lags);
    let s = 0, ds = 0;
    for (let l = 0; l < lags; l++) {
      const base = 1 - l / lags, v = Math.pow(base, e), dv = v * Math.log(base) * de;
      r[l] = v;
      dr[l] = dv;
      s += v;
      ds += dv;
    }
    const dw = new Float64Array(lags);
    for (let l = 0; l < lags; l++) {
      dw[l] = ((dr[l] as number) * s - (r[l] as number) * ds) / (s * s);
    }
    return { decay: convolveLags(x, dw, new Float64Array(x.length)) };
  },
  gain: () => 1,
  gainGradient: () => ({ decay: 0 }),
};
