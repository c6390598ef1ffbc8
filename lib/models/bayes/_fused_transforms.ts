/**
 * The fused kernels of the Bayesian channel column: geometric adstock, Hill and logistic
 * saturation with their derivatives, each in one pass over a range of rows without allocating.
 *
 * @module
 */

/**
 * Geometric adstock `a_t = x_t + θ a_{t−1}` and its derivative `∂a_t/∂θ = a_{t−1} + θ ∂a_{t−1}/∂θ`
 * in one pass over rows [from, to), continuing from `a_{from−1}` = prev and its derivative dprev.
 */
export function geometricForward(
  x: Float64Array,
  theta: number,
  a: Float64Array,
  da: Float64Array | undefined,
  from: number,
  to: number,
  prev: number,
  dprev: number,
  zero: boolean,
): void {
  for (let t = from; t < to; t++) {
    const d = prev + theta * dprev;
    prev = (zero ? 0 : (x[t] as number)) + theta * prev;
    dprev = d;
    a[t] = prev;
    if (da) da[t] = d;
  }
}

/**
 * Hill `y = 1/(1 + (k/u)^a)` over rows [from, to) with dy/du = a·y(1−y)/u, ∂y/∂k = −a·y(1−y)/k
 * and ∂y/∂a = y(1−y)·log(u/k): one log and one exp per row.
 */
export function hillForward(
  u: Float64Array,
  k: number,
  shape: number,
  y: Float64Array,
  slope: Float64Array,
  dk: Float64Array | undefined,
  ds: Float64Array | undefined,
  from: number,
  to: number,
): void {
  const lk = Math.log(k), ak = -shape / k;
  for (let t = from; t < to; t++) {
    const v = u[t] as number;
    if (!(v > 0)) {
      y[t] = 0;
      slope[t] = 0;
      if (dk) dk[t] = 0;
      if (ds) ds[t] = 0;
      continue;
    }
    const l = Math.log(v) - lk;
    const yt = 1 / (1 + Math.exp(-shape * l)), w = yt * (1 - yt);
    y[t] = yt;
    slope[t] = (shape * w) / v;
    if (dk) dk[t] = ak * w;
    if (ds) ds[t] = w * l;
  }
}

/** Logistic `y = tanh(λu/2)` over rows [from, to) with dy/du = (λ/2)(1−y²), ∂y/∂λ = (u/2)(1−y²). */
export function logisticForward(
  u: Float64Array,
  lambda: number,
  y: Float64Array,
  slope: Float64Array,
  dl: Float64Array | undefined,
  from: number,
  to: number,
): void {
  const h = 0.5 * lambda;
  for (let t = from; t < to; t++) {
    const v = u[t] as number, yt = Math.tanh(h * v), w = 1 - yt * yt;
    y[t] = yt;
    slope[t] = h * w;
    if (dl) dl[t] = 0.5 * v * w;
  }
}

/**
 * Normalised geometric adstock over L lags, `a_t = Σ_{l<L} θ^l x_{t−l} / S`, S = Σ_{l<L} θ^l,
 * and ∂a_t/∂θ, over rows [from, to) of one series starting at `from`, in O(1) per row: the
 * window sum follows `b_t = x_t + θ b_{t−1} − θ^L x_{t−L}`, its derivative
 * `b'_t = b_{t−1} + θ b'_{t−1} − Lθ^{L−1} x_{t−L}`, and `a' = b'/S − b·S'/S²`.
 */
export function truncatedGeometricForward(
  x: Float64Array,
  theta: number,
  lags: number,
  a: Float64Array,
  da: Float64Array | undefined,
  from: number,
  to: number,
  factor: number,
): void {
  let S = 0, dS = 0, pl = 1;
  for (let l = 0; l < lags; l++) {
    S += pl;
    if (l > 0) dS += l * Math.pow(theta, l - 1);
    pl *= theta;
  }
  const tL = pl,
    dtL = lags * Math.pow(theta, lags - 1),
    inv = factor / S,
    dInv = factor * dS / (S * S);
  let b = 0, db = 0;
  for (let t = from; t < to; t++) {
    const old = t - lags >= from ? (x[t - lags] as number) : 0;
    db = b + theta * db - dtL * old;
    b = (x[t] as number) + theta * b - tL * old;
    a[t] = b * inv;
    if (da) da[t] = db * inv - b * dInv;
  }
}
