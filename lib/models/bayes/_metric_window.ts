/**
 * NUTS warmup's metric estimate: Welford accumulators of the draws in one adaptation window
 * (co-moments when the metric is dense), turned into a regularised inverse metric at the
 * window's end.
 *
 * @module
 */

/** What the estimate is written into: a sampler's diagonal or dense inverse metric. */
export interface MetricTarget {
  /** Diagonal inverse metric (used when not dense). */
  readonly invMetric: Float64Array;
  /** Sets the dense inverse metric. */
  setCovariance(cov: Float64Array): void;
}

/** The draws of one adaptation window. */
export class MetricWindow {
  readonly #dim: number;
  readonly #dense: boolean;
  #n = 0;
  readonly #mean: Float64Array;
  readonly #m2: Float64Array;
  readonly #delta: Float64Array;
  readonly #prior: { readonly metric: Float64Array; readonly weight: number } | undefined;

  /**
   * Accumulators for `dim` coordinates, with co-moments when `dense`. With `prior`, every
   * estimate is shrunk towards `prior.metric` (a covariance, dim × dim, or variances), which
   * counts as `prior.weight` draws: a window with fewer draws than coordinates then stays close
   * to it instead of being rank-deficient.
   */
  constructor(
    dim: number,
    dense: boolean,
    prior?: { readonly metric: Float64Array; readonly weight: number },
  ) {
    this.#dim = dim;
    this.#dense = dense;
    this.#prior = prior !== undefined && prior.weight > 0 ? prior : undefined;
    this.#mean = new Float64Array(dim);
    this.#m2 = new Float64Array(dense ? dim * dim : dim);
    this.#delta = new Float64Array(dim);
  }

  /** Adds a draw. */
  add(theta: Float64Array): void {
    const dim = this.#dim, wMean = this.#mean, wM2 = this.#m2, delta = this.#delta;
    const wN = ++this.#n;
    for (let i = 0; i < dim; i++) {
      const d = (theta[i] as number) - (wMean[i] as number);
      delta[i] = d;
      wMean[i] = (wMean[i] as number) + d / wN;
    }
    if (this.#dense) {
      // M2 += (x − mean_old)(x − mean_new)'
      for (let i = 0; i < dim; i++) {
        const di = delta[i] as number;
        for (let j = 0; j < dim; j++) {
          const after = (theta[j] as number) - (wMean[j] as number);
          wM2[i * dim + j] = (wM2[i * dim + j] as number) + di * after;
        }
      }
    } else {
      for (let i = 0; i < dim; i++) {
        const after = (theta[i] as number) - (wMean[i] as number);
        wM2[i] = (wM2[i] as number) + (delta[i] as number) * after;
      }
    }
  }

  /** Writes the window's regularised estimate into `target`, and empties the window. */
  applyTo(target: MetricTarget): void {
    const dim = this.#dim, dense = this.#dense, wN = this.#n, wM2 = this.#m2;
    if (this.#prior !== undefined) return this.#applyShrunk(target, this.#prior);
    // Regularised estimate: Stan shrinks towards 1e-3·I with weight 5 / (n + 5); here the
    // ridge is 1e-3 of each coordinate's own variance, so it stays a small relative
    // correction whatever the scale (Stan's absolute 1e-3 swamped posterior variances of
    // 1e-5, as for an MMM's baseline coefficients, and cut the step size tenfold).
    const w = wN / (wN + 5), ridge = 1e-3 * (5 / (wN + 5));
    const variance = (i: number) =>
      wN > 1 ? (wM2[dense ? i * dim + i : i] as number) / (wN - 1) : 1;
    if (dense) {
      const cov = new Float64Array(dim * dim);
      for (let i = 0; i < dim; i++) {
        for (let j = 0; j < dim; j++) {
          const v = wN > 1 ? (wM2[i * dim + j] as number) / (wN - 1) : (i === j ? 1 : 0);
          cov[i * dim + j] = w * v + (i === j ? ridge * Math.max(variance(i), 1e-12) : 0);
        }
      }
      target.setCovariance(cov);
    } else {
      for (let i = 0; i < dim; i++) {
        target.invMetric[i] = w * variance(i) + ridge * Math.max(variance(i), 1e-12);
      }
    }
    this.#n = 0;
    this.#mean.fill(0);
    wM2.fill(0);
  }

  /** (Σ (x − x̄)(x − x̄)ᵀ + k·M₀) / (n − 1 + k): the window's estimate shrunk towards M₀. */
  #applyShrunk(
    target: MetricTarget,
    prior: { readonly metric: Float64Array; readonly weight: number },
  ): void {
    const dim = this.#dim, wN = this.#n, wM2 = this.#m2, k = prior.weight, m0 = prior.metric;
    const full = m0.length === dim * dim, den = Math.max(wN - 1, 0) + k;
    const at = (i: number, j: number) =>
      full ? (m0[i * dim + j] as number) : (i === j ? (m0[i] as number) : 0);
    const m2 = (i: number, j: number) =>
      wN > 1 ? (this.#dense ? (wM2[i * dim + j] as number) : (i === j ? wM2[i] as number : 0)) : 0;
    if (this.#dense) {
      const cov = new Float64Array(dim * dim);
      for (let i = 0; i < dim; i++) {
        for (let j = 0; j < dim; j++) cov[i * dim + j] = (m2(i, j) + k * at(i, j)) / den;
      }
      target.setCovariance(cov);
    } else {
      for (let i = 0; i < dim; i++) target.invMetric[i] = (m2(i, i) + k * at(i, i)) / den;
    }
    this.#n = 0;
    this.#mean.fill(0);
    wM2.fill(0);
  }
}
