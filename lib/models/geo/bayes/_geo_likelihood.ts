/**
 * The geo model's likelihood with the geo levels (and trends) integrated out (see
 * `geo_posterior.ts`). With r = ỹ − m (m the shared regressors and media), per geo g of T weeks:
 * r̄_g its mean, b_g = Σ_t c_t r_gt / C (C = Σ c_t², c the centred trend) and
 * W_g = Σ_t (r_gt − r̄_g − b_g c_t)², and with v = s_τ² + σ²/T, w = s_ς² + σ²/C:
 *
 * ```
 * log L = −G(T − 1 − k)·log σ − Σ W_g / 2σ² − (G − 1)/2·log v − Σ_g (r̄_g − r̄)² / 2v
 *         [− G/2·log w − Σ_g b_g² / 2w]                         (k = 1 with geo trends, else 0)
 * ```
 *
 * and ∂ log L/∂m_gt = (r_gt − r̄_g − b_g c_t)/σ² + (r̄_g − r̄)/(vT) [+ b_g c_t/(wC)].
 *
 * @module
 */
import type { GeoChannelKernel } from "./_geo_channel_kernel.ts";
import { weightedGeoSums } from "./_geo_sums.ts";
import type { GeoLayout } from "./_geo_layout.ts";
import type { GeoPosteriorInput } from "./geo_posterior_input.ts";

/** The likelihood's buffers and its evaluation (allocation-free after construction). */
export class GeoLikelihood {
  readonly #input: GeoPosteriorInput;
  readonly #layout: GeoLayout;
  readonly #mu: Float64Array;
  readonly #e: Float64Array;
  readonly #mean: Float64Array;
  readonly #b: Float64Array;
  readonly #trend: Float64Array | undefined;
  readonly #trendSS: number;
  /**
   * Regressors equal in every geo (trend, seasonality, national controls): their index in
   * `baseline` and one geo's weeks. Their part of the mean and their gradient take a pass over
   * the weeks, not over every row: Σ_gt e_gt z_t = Σ_t z_t Σ_g e_gt.
   */
  readonly #weekly: readonly { readonly j: number; readonly z: Float64Array }[];
  /** Indices in `baseline` of the regressors that differ between geos. */
  readonly #rowwise: readonly number[];
  /** Per week: the weekly regressors' part of the mean, and Σ_g of a per-row array. */
  readonly #weekMean: Float64Array;
  readonly #weekSum: Float64Array;

  constructor(input: GeoPosteriorInput, layout: GeoLayout) {
    this.#input = input;
    this.#layout = layout;
    const n = input.y.length, T = input.weeks;
    this.#mu = new Float64Array(n);
    this.#e = new Float64Array(n);
    this.#mean = new Float64Array(input.geos);
    this.#b = new Float64Array(input.geos);
    this.#trend = input.geoTrend;
    let ss = 0;
    for (const v of input.geoTrend ?? []) ss += v * v;
    this.#trendSS = ss;
    const weekly: { j: number; z: Float64Array }[] = [], rowwise: number[] = [];
    input.baseline.forEach(({ values }, j) => {
      let same = true;
      for (let i = T; i < values.length && same; i++) same = values[i] === values[i % T];
      if (same) weekly.push({ j, z: values.slice(0, T) });
      else rowwise.push(j);
    });
    this.#weekly = weekly;
    this.#rowwise = rowwise;
    this.#weekMean = new Float64Array(T);
    this.#weekSum = new Float64Array(T);
  }

  /** m = shared regressors + media into `#mu`; then r = ỹ − m into `#e`, r̄_g, b_g. */
  #residuals(
    values: Float64Array,
    betaG: readonly Float64Array[],
    kernels: readonly GeoChannelKernel[],
  ) {
    const { y, geos: G, weeks: T, baseline } = this.#input, mu = this.#mu, e = this.#e;
    const b0 = this.#layout.baselineStart, wm = this.#weekMean;
    wm.fill(0);
    for (const { j, z } of this.#weekly) {
      const g = values[b0 + j] as number;
      for (let t = 0; t < T; t++) wm[t] = (wm[t] as number) + g * (z[t] as number);
    }
    for (let g = 0; g < G; g++) mu.set(wm, g * T);
    for (const j of this.#rowwise) {
      const z = baseline[j]!.values, g = values[b0 + j] as number;
      for (let i = 0; i < mu.length; i++) mu[i] = (mu[i] as number) + g * (z[i] as number);
    }
    for (let c = 0; c < kernels.length; c++) {
      const s = kernels[c]!.s, bg = betaG[c] as Float64Array;
      for (let g = 0; g < G; g++) {
        const beta = bg[g] as number, hi = (g + 1) * T;
        for (let i = g * T; i < hi; i++) mu[i] = (mu[i] as number) + beta * (s[i] as number);
      }
    }
    const trend = this.#trend, C = this.#trendSS;
    for (let g = 0; g < G; g++) {
      let m = 0, b = 0;
      for (let t = 0, i = g * T; t < T; t++, i++) {
        const r = (y[i] as number) - (mu[i] as number);
        e[i] = r;
        m += r;
        if (trend) b += (trend[t] as number) * r;
      }
      this.#mean[g] = m / T;
      this.#b[g] = trend ? b / C : 0;
    }
  }

  /**
   * log L at constrained `values` and the per-geo coefficients; adds the gradient of the shared
   * regressors, the levels' and trends' sds and σ into `grad` (times `slopes`), and writes
   * ∂ log L/∂β_gm into `dBeta[m][g]` and Σ_t ∂ log L/∂m_gt · ∂s_gmt/∂θ_k into `dFree[m][k][g]`.
   */
  evaluate(
    values: Float64Array,
    betaG: readonly Float64Array[],
    kernels: readonly GeoChannelKernel[],
    grad: Float64Array,
    slopes: Float64Array,
    dBeta: readonly Float64Array[],
    dFree: readonly (readonly Float64Array[])[],
  ): number {
    this.#residuals(values, betaG, kernels);
    const { geos: G, weeks: T, baseline } = this.#input, e = this.#e, L = this.#layout;
    const trend = this.#trend, C = this.#trendSS, mean = this.#mean, bs = this.#b;
    const sigma = values[L.sigma] as number, s2 = sigma * sigma;
    const st = values[L.geoIntercept] as number, v = st * st + s2 / T;
    const ss = trend ? values[L.geoTrend] as number : 0, w = trend ? ss * ss + s2 / C : 1;
    let grand = 0;
    for (let g = 0; g < G; g++) grand += (mean[g] as number) / G;
    let W = 0, Q = 0, B = 0;
    for (let g = 0; g < G; g++) {
      const m = mean[g] as number, b = bs[g] as number, dm = m - grand;
      Q += dm * dm;
      B += b * b;
      const level = dm / (v * T), tb = trend ? b / (w * C) : 0;
      for (let t = 0, i = g * T; t < T; t++, i++) {
        const ct = trend ? (trend[t] as number) : 0;
        const res = (e[i] as number) - m - b * ct;
        W += res * res;
        e[i] = res / s2 + level + tb * ct; // ∂ log L / ∂m_gt
      }
    }
    const k = trend ? 1 : 0;
    let ll = -G * (T - 1 - k) * Math.log(sigma) - W / (2 * s2) - 0.5 * (G - 1) * Math.log(v) -
      Q / (2 * v);
    // ∂/∂v and ∂/∂w of the level and trend terms
    const dv = -0.5 * (G - 1) / v + Q / (2 * v * v);
    let dw = 0;
    if (trend) {
      ll += -0.5 * G * Math.log(w) - B / (2 * w);
      dw = -0.5 * G / w + B / (2 * w * w);
    }
    const dSigma = -G * (T - 1 - k) / sigma + W / (s2 * sigma) + dv * 2 * sigma / T +
      (trend ? dw * 2 * sigma / C : 0);
    grad[L.sigma] = (grad[L.sigma] as number) + dSigma * (slopes[L.sigma] as number);
    grad[L.geoIntercept] = (grad[L.geoIntercept] as number) +
      dv * 2 * st * (slopes[L.geoIntercept] as number);
    if (trend) {
      grad[L.geoTrend] = (grad[L.geoTrend] as number) +
        dw * 2 * ss * (slopes[L.geoTrend] as number);
    }
    const b0 = L.baselineStart;
    if (this.#weekly.length > 0) {
      const ws = this.#weekSum;
      ws.set(e.subarray(0, T));
      for (let g = 1; g < G; g++) {
        for (let t = 0, i = g * T; t < T; t++, i++) ws[t] = (ws[t] as number) + (e[i] as number);
      }
      for (const { j, z } of this.#weekly) {
        let d = 0;
        for (let t = 0; t < T; t++) d += (ws[t] as number) * (z[t] as number);
        grad[b0 + j] = (grad[b0 + j] as number) + d * (slopes[b0 + j] as number);
      }
    }
    for (const j of this.#rowwise) {
      const z = baseline[j]!.values;
      let d = 0;
      for (let i = 0; i < e.length; i++) d += (e[i] as number) * (z[i] as number);
      grad[b0 + j] = (grad[b0 + j] as number) + d * (slopes[b0 + j] as number);
    }
    for (let c = 0; c < kernels.length; c++) {
      const kern = kernels[c] as GeoChannelKernel;
      weightedGeoSums(e, kern.s, kern.ds, G, T, dBeta[c] as Float64Array, dFree[c]!);
    }
    return ll;
  }

  /**
   * The shared regressors' part of the mean per row, and each geo's level and trend slope at
   * their conditional posterior means given `values` and the coefficients (τ₀ integrated out).
   */
  levels(
    values: Float64Array,
    betaG: readonly Float64Array[],
    kernels: readonly GeoChannelKernel[],
  ): { shared: Float64Array; level: Float64Array; slope: Float64Array } {
    this.#residuals(values, betaG, kernels);
    const { geos: G, weeks: T, baseline } = this.#input, L = this.#layout;
    const shared = new Float64Array(this.#mu.length);
    baseline.forEach((z, j) => {
      const g = values[L.baselineStart + j] as number;
      z.values.forEach((x, i) => (shared[i] = (shared[i] as number) + g * x));
    });
    const s2 = (values[L.sigma] as number) ** 2, st2 = (values[L.geoIntercept] as number) ** 2;
    let grand = 0;
    for (let g = 0; g < G; g++) grand += (this.#mean[g] as number) / G;
    const level = Float64Array.from(
      this.#mean,
      (m) => (T * m / s2 + grand / st2) / (T / s2 + 1 / st2),
    );
    const sl2 = this.#trend ? (values[L.geoTrend] as number) ** 2 : 0, C = this.#trendSS;
    const slope = Float64Array.from(
      this.#b,
      (b) => (this.#trend ? (C * b / s2) / (C / s2 + 1 / sl2) : 0),
    );
    return { shared, level, slope };
  }
}
