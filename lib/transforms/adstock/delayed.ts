/**
 * Delayed geometric adstock: weights `θ^{(l-L)²}` normalised over `maxLag` lags, so the effect
 * peaks `peak` rows after the spend (pymc-marketing `delayed_adstock`; LightweightMMM
 * `carryover`, Jin et al. 2017 eq. 2).
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { convolveLags, lagCount, output, param } from "../_util.ts";

/** Parameters of {@link delayedAdstock}. */
export interface DelayedParams {
  /** Decay θ in (0, 1): how fast weight falls away from the peak. */
  readonly decay: number;
  /** Lag (rows) of the peak effect, ≥ 0; need not be whole. */
  readonly peak: number;
  /** Number of lags carrying weight (lag 0 included). */
  readonly maxLag: number;
}

/** Normalised delayed weights `θ^{(l-peak)²} / Σ_m θ^{(m-peak)²}`, l = 0..maxLag-1. */
export function delayedWeights(params: DelayedParams): Float64Array {
  const lags = lagCount(params.maxLag), w = new Float64Array(lags);
  let s = 0;
  for (let l = 0; l < lags; l++) {
    const v = Math.pow(params.decay, (l - params.peak) ** 2);
    w[l] = v;
    s += v;
  }
  for (let l = 0; l < lags; l++) w[l] = (w[l] as number) / s;
  return w;
}

/**
 * Delayed adstock `x*_t = Σ_{l<L} w_l·x_{t-l}` with `w_l ∝ θ^{(l-peak)²}`, weights summing to 1.
 *
 * @param x Spend per row (not modified).
 * @param params Decay, peak lag and maxLag.
 * @param out Optional array of the same length to write into.
 * @returns The adstocked series.
 *
 * @example An impulse peaks at the chosen lag
 * ```ts
 * import { delayedAdstock } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = delayedAdstock(new Float64Array([1, 0, 0, 0, 0]), { decay: 0.5, peak: 2, maxLag: 5 });
 * // weights 0.5^4, 0.5, 1, 0.5, 0.5^4 over their sum 2.125
 * assert.ok(Math.abs((y[2] as number) - 1 / 2.125) < 1e-12);
 * ```
 */
export function delayedAdstock(
  x: Float64Array,
  params: DelayedParams,
  out?: Float64Array,
): Float64Array {
  return convolveLags(x, delayedWeights(params), output(x.length, out));
}

function resolved(p: Readonly<Record<string, number>>): DelayedParams {
  return { decay: param(p, "decay"), peak: param(p, "peak"), maxLag: param(p, "maxLag") };
}

/** Registry descriptor of {@link delayedAdstock} (kind `"delayed"`). */
export const DELAYED: TransformDescriptor = {
  kind: "delayed",
  family: "adstock",
  doc: "delayed geometric adstock with weights decay^((l-peak)^2), normalised (pymc-marketing)",
  params: {
    decay: {
      lower: 0.05,
      upper: 0.9,
      default: 0.5,
      min: 0.0001,
      max: 0.9999,
      doc: "how fast weight falls away from the peak lag, in (0, 1)",
    },
    peak: {
      lower: 0,
      upper: 6,
      default: 1,
      min: 0,
      max: 520,
      doc: "lag in rows of the largest effect; 0 is geometric-like, up to a few weeks for TV",
    },
    maxLag: {
      lower: 13,
      upper: 13,
      default: 13,
      min: 1,
      max: 520,
      integer: true,
      doc: "number of lags carrying weight (lag 0 included); LightweightMMM's carryover uses 13",
    },
  },
  apply: (x, p, out) => delayedAdstock(x, resolved(p), out),
  gradient(x, p) {
    const r = resolved(p), lags = lagCount(r.maxLag), theta = r.decay, lnTheta = Math.log(theta);
    const raw = new Float64Array(lags), dRawDecay = new Float64Array(lags);
    const dRawPeak = new Float64Array(lags);
    let s = 0, sDecay = 0, sPeak = 0;
    for (let l = 0; l < lags; l++) {
      const e = (l - r.peak) ** 2, v = Math.pow(theta, e);
      raw[l] = v;
      dRawDecay[l] = e === 0 ? 0 : e * Math.pow(theta, e - 1);
      dRawPeak[l] = v * lnTheta * -2 * (l - r.peak);
      s += v;
      sDecay += dRawDecay[l] as number;
      sPeak += dRawPeak[l] as number;
    }
    const wDecay = new Float64Array(lags), wPeak = new Float64Array(lags);
    for (let l = 0; l < lags; l++) {
      const v = raw[l] as number;
      wDecay[l] = ((dRawDecay[l] as number) * s - v * sDecay) / (s * s);
      wPeak[l] = ((dRawPeak[l] as number) * s - v * sPeak) / (s * s);
    }
    return {
      decay: convolveLags(x, wDecay, new Float64Array(x.length)),
      peak: convolveLags(x, wPeak, new Float64Array(x.length)),
    };
  },
  gain: () => 1,
  gainGradient: () => ({ decay: 0, peak: 0 }),
};
