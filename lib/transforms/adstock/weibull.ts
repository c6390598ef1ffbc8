/**
 * Weibull adstock as Robyn defines it (R/R/transformation.R `adstock_weibull`, v3.12), with
 * lag weights for lags l = 1..maxLag (lag 1 is the current row):
 * - CDF: `w_l = Π_{i<l} (1 - F(i; shape, scale))`, so `w_1 = 1` and weights fall monotonically;
 * - PDF: `w_l = minmax(f(l; shape, scale))`, so the largest weight is 1, the smallest 0, and the
 *   effect can peak after the spend (shape > 1).
 * Then `x*_t = Σ_l w_l·x_{t-l+1}`; weights do not sum to 1.
 *
 * Two deliberate differences from Robyn keep parameters meaning the same on any data window:
 * - `scale` is in rows (lags), not a share of the series length. Robyn's relative scale maps to
 *   it by {@link robynWeibullScale}: `round(1 + (n-1)·scale)` with R's half-to-even rounding.
 * - the weights span a fixed `maxLag`, not the series length n. Robyn uses `maxLag = n`: with
 *   `maxLag` set to the number of rows (and the scale converted) the results are Robyn's.
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { convolveLags, lagCount, output, param, windowGain, windowGainGradient } from "../_util.ts";

/** Parameters of the Weibull adstocks. */
export interface WeibullParams {
  /** Weibull shape k > 0. */
  readonly shape: number;
  /** Weibull scale λ > 0, in rows. */
  readonly scale: number;
  /** Number of lags carrying weight (Robyn: the series length). */
  readonly maxLag: number;
}

/**
 * Converts Robyn's relative Weibull scale (a share of the series length n) into the scale in
 * rows used here: `round(quantile(1:n, scale))` = `round(1 + (n-1)·scale)`, rounding halves to
 * even as R does.
 *
 * @example Robyn's scale 0.3 on 10 rows is 4 rows
 * ```ts
 * import { robynWeibullScale } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * assert.equal(robynWeibullScale(0.3, 10), 4);
 * assert.equal(robynWeibullScale(0.5, 4), 2); // 2.5 rounds to even
 * ```
 */
export function robynWeibullScale(scale: number, n: number): number {
  const v = 1 + (n - 1) * scale, f = Math.floor(v);
  if (v - f === 0.5) return f % 2 === 0 ? f : f + 1;
  return Math.round(v);
}

/** Robyn's Weibull CDF weights `w_l = Π_{i<l} (1 - F(i))`, l = 1..maxLag (index l-1). */
export function weibullCdfWeights(params: WeibullParams): Float64Array {
  const lags = lagCount(params.maxLag), w = new Float64Array(lags);
  let cum = 0;
  for (let l = 1; l <= lags; l++) {
    w[l - 1] = Math.exp(-cum);
    cum += Math.pow(l / params.scale, params.shape);
  }
  return w;
}

function weibullDensity(l: number, k: number, lambda: number): number {
  const z = l / lambda;
  return (k / lambda) * Math.pow(z, k - 1) * Math.exp(-Math.pow(z, k));
}

/** Robyn's Weibull PDF weights: the density at l = 1..maxLag, min-max scaled to [0, 1]. */
export function weibullPdfWeights(params: WeibullParams): Float64Array {
  const lags = lagCount(params.maxLag), w = new Float64Array(lags);
  for (let l = 1; l <= lags; l++) w[l - 1] = weibullDensity(l, params.shape, params.scale);
  return minMax(w).scaled;
}

function minMax(f: Float64Array): { scaled: Float64Array; lo: number; hi: number } {
  let lo = 0, hi = 0;
  for (let i = 1; i < f.length; i++) {
    if ((f[i] as number) < (f[lo] as number)) lo = i;
    if ((f[i] as number) > (f[hi] as number)) hi = i;
  }
  const min = f[lo] as number, range = (f[hi] as number) - min;
  const scaled = new Float64Array(f.length);
  if (range === 0) {
    // Robyn's .normalize: a flat vector becomes (1, 0, 0, …)
    scaled[0] = 1;
    return { scaled, lo, hi };
  }
  for (let i = 0; i < f.length; i++) scaled[i] = ((f[i] as number) - min) / range;
  return { scaled, lo, hi };
}

/**
 * Weibull CDF adstock (Robyn `adstock_weibull(type = "cdf")`, scale in rows).
 *
 * @param x Spend per row (not modified).
 * @param params Shape, scale (rows) and maxLag.
 * @param out Optional array of the same length to write into.
 * @returns The adstocked series.
 *
 * @example Shape 1 is exponential decay: weights e^{-l(l-1)/(2·4)}… start 1, 0.7788
 * ```ts
 * import { weibullCdfAdstock } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = weibullCdfAdstock(new Float64Array([1, 0, 0]), { shape: 1, scale: 4, maxLag: 10 });
 * assert.ok(Math.abs((y[1] as number) - Math.exp(-0.25)) < 1e-12);
 * ```
 */
export function weibullCdfAdstock(
  x: Float64Array,
  params: WeibullParams,
  out?: Float64Array,
): Float64Array {
  return convolveLags(x, weibullCdfWeights(params), output(x.length, out));
}

/**
 * Weibull PDF adstock (Robyn `adstock_weibull(type = "pdf")`, scale in rows): the effect of a
 * spend can peak a few rows later.
 *
 * @param x Spend per row (not modified).
 * @param params Shape, scale (rows) and maxLag.
 * @param out Optional array of the same length to write into.
 * @returns The adstocked series.
 *
 * @example Shape 2, scale 4 peaks two rows after the spend (anchors.md §6, vector 3)
 * ```ts
 * import { weibullPdfAdstock } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = weibullPdfAdstock(new Float64Array([1, 0, 0, 0]), { shape: 2, scale: 4, maxLag: 10 });
 * assert.equal(y[2], 1);
 * ```
 */
export function weibullPdfAdstock(
  x: Float64Array,
  params: WeibullParams,
  out?: Float64Array,
): Float64Array {
  return convolveLags(x, weibullPdfWeights(params), output(x.length, out));
}

function resolved(p: Readonly<Record<string, number>>): WeibullParams {
  return { shape: param(p, "shape"), scale: param(p, "scale"), maxLag: param(p, "maxLag") };
}

const SCALE_DOC = "Weibull scale in rows (lags); Robyn's relative scale s on n rows is " +
  "robynWeibullScale(s, n), and its default range 0-0.1 of ~200 weekly rows is 1-20 rows";
const MAX_LAG_DOC = "number of lags carrying weight, fixed so weights do not depend on the " +
  "data length (Robyn uses the series length: set it to the number of rows to match)";

/**
 * The parameters of a Weibull adstock: shape (its range and default differ between the CDF and
 * PDF forms), scale in rows, and a fixed window of 52 lags (at least `minLag`).
 */
function weibullParams(
  shape: { readonly upper: number; readonly default: number; readonly doc: string },
  minLag: number,
): TransformDescriptor["params"] {
  return {
    shape: {
      lower: 0.0001,
      upper: shape.upper,
      default: shape.default,
      min: 0.0001,
      max: 20,
      doc: shape.doc,
    },
    scale: { lower: 0.5, upper: 20, default: 3, min: 0.001, max: 520, doc: SCALE_DOC },
    maxLag: {
      lower: 52,
      upper: 52,
      default: 52,
      min: minLag,
      max: 520,
      integer: true,
      doc: MAX_LAG_DOC,
    },
  };
}

/** What distinguishes the two Weibull descriptors. */
interface WeibullForm {
  readonly kind: string;
  readonly doc: string;
  readonly shape: Parameters<typeof weibullParams>[0];
  readonly minLag: number;
  readonly adstock: (x: Float64Array, params: WeibullParams, out?: Float64Array) => Float64Array;
  /** d weight_l / d shape and d weight_l / d scale for lags 1…lags. */
  readonly lagGradients: (k: number, lambda: number, lags: number) => [Float64Array, Float64Array];
}

/** A Weibull adstock's registry descriptor: the gradient convolves the weights' derivatives. */
function weibullDescriptor(form: WeibullForm): TransformDescriptor {
  const descriptor: TransformDescriptor = {
    kind: form.kind,
    family: "adstock",
    doc: form.doc,
    params: weibullParams(form.shape, form.minLag),
    apply: (x, p, out) => form.adstock(x, resolved(p), out),
    gradient(x, p) {
      const { shape: k, scale: lambda, maxLag } = resolved(p);
      const [wk, wl] = form.lagGradients(k, lambda, lagCount(maxLag));
      return {
        shape: convolveLags(x, wk, new Float64Array(x.length)),
        scale: convolveLags(x, wl, new Float64Array(x.length)),
      };
    },
    gain: (p) => windowGain(descriptor.apply, p, lagCount(param(p, "maxLag"))),
    gainGradient: (p) => windowGainGradient(descriptor.gradient, p, lagCount(param(p, "maxLag"))),
  };
  return descriptor;
}

/** Derivatives of the CDF weights w_l = exp(-Σ_{i<l} (i/λ)^k). */
function cdfLagGradients(k: number, lambda: number, lags: number): [Float64Array, Float64Array] {
  const dk = new Float64Array(lags), dl = new Float64Array(lags);
  let cum = 0, cumK = 0;
  for (let l = 1; l <= lags; l++) {
    const w = Math.exp(-cum);
    // w_l = exp(-Σ_{i<l} (i/λ)^k): d/dk = -w Σ (i/λ)^k ln(i/λ); d/dλ = w (k/λ) Σ (i/λ)^k
    dk[l - 1] = -w * cumK;
    dl[l - 1] = w * (k / lambda) * cum;
    const z = l / lambda, zk = Math.pow(z, k);
    cum += zk;
    cumK += zk * Math.log(z);
  }
  return [dk, dl];
}

/** Derivatives of the min-max scaled density weights. */
function pdfLagGradients(k: number, lambda: number, lags: number): [Float64Array, Float64Array] {
  const f = new Float64Array(lags), dfk = new Float64Array(lags), dfl = new Float64Array(lags);
  for (let l = 1; l <= lags; l++) {
    const z = l / lambda, zk = Math.pow(z, k), v = weibullDensity(l, k, lambda);
    f[l - 1] = v;
    // ln f = ln k - k ln λ + (k-1) ln l - (l/λ)^k
    dfk[l - 1] = v * (1 / k + Math.log(z) * (1 - zk));
    dfl[l - 1] = v * (k / lambda) * (zk - 1);
  }
  const { lo, hi } = minMax(f);
  const min = f[lo] as number, range = (f[hi] as number) - min;
  const wk = new Float64Array(lags), wl = new Float64Array(lags);
  if (range > 0) {
    const rk = (dfk[hi] as number) - (dfk[lo] as number);
    const rl = (dfl[hi] as number) - (dfl[lo] as number);
    for (let i = 0; i < lags; i++) {
      const c = (f[i] as number) - min;
      wk[i] = ((dfk[i] as number) - (dfk[lo] as number)) / range - c * rk / (range * range);
      wl[i] = ((dfl[i] as number) - (dfl[lo] as number)) / range - c * rl / (range * range);
    }
  }
  return [wk, wl];
}

/** Registry descriptor of {@link weibullCdfAdstock} (kind `"weibull-cdf"`). */
export const WEIBULL_CDF: TransformDescriptor = weibullDescriptor({
  kind: "weibull-cdf",
  doc: "Robyn's Weibull CDF adstock: weights Π(1 - F(i)), scale in rows",
  shape: {
    upper: 2,
    default: 1,
    doc: "Weibull shape; Robyn's CDF range 0.0001-2 (1 = exponential decay)",
  },
  minLag: 1,
  adstock: weibullCdfAdstock,
  lagGradients: cdfLagGradients,
});

/** Registry descriptor of {@link weibullPdfAdstock} (kind `"weibull-pdf"`). */
export const WEIBULL_PDF: TransformDescriptor = weibullDescriptor({
  kind: "weibull-pdf",
  doc: "Robyn's Weibull PDF adstock: min-max scaled density weights, scale in rows",
  shape: {
    upper: 10,
    default: 2,
    doc: "Weibull shape; Robyn's PDF range 0.0001-10 (above 2 the effect peaks later)",
  },
  minLag: 2,
  adstock: weibullPdfAdstock,
  lagGradients: pdfLagGradients,
});
