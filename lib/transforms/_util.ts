/**
 * Private helpers shared by the transform implementations.
 *
 * @module
 */

/** Reads a parameter that resolution has guaranteed to exist. */
export function param(params: Readonly<Record<string, number>>, name: string): number {
  return params[name] as number;
}

/** Returns `out` when it has length `n`, or a new array; throws RangeError on a length mismatch. */
export function output(n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (out.length !== n) {
    throw new RangeError(
      `Cannot apply transform: "out" has length ${out.length}, expected ${n}`,
    );
  }
  return out;
}

/**
 * Finite-lag convolution: `out[t] = Σ_{l=0}^{min(t, L-1)} w[l] · x[t-l]` (lag 0 is the current
 * row; rows before the series start count as zero spend).
 */
export function convolveLags(
  x: Float64Array,
  w: Float64Array,
  out: Float64Array,
): Float64Array {
  const n = x.length, lags = w.length;
  for (let t = 0; t < n; t++) {
    const top = t < lags - 1 ? t : lags - 1;
    let s = 0;
    for (let l = 0; l <= top; l++) s += (w[l] as number) * (x[t - l] as number);
    out[t] = s;
  }
  return out;
}

/** The maximum lag as a whole number of rows, at least 1. */
export function lagCount(maxLag: number): number {
  return Math.max(1, Math.round(maxLag));
}

/** Lag weights `v_l / Σ_m v_m` for l = 0…lags−1, with `v_l = weight(l)`. */
export function normalisedWeights(lags: number, weight: (l: number) => number): Float64Array {
  const w = new Float64Array(lags);
  let s = 0;
  for (let l = 0; l < lags; l++) {
    const v = weight(l);
    w[l] = v;
    s += v;
  }
  for (let l = 0; l < lags; l++) w[l] = (w[l] as number) / s;
  return w;
}

/** A constant input of 1 over `lags` rows: the last output of a finite-lag adstock is its gain. */
function ones(lags: number): Float64Array {
  return new Float64Array(lags).fill(1);
}

/**
 * Gain of a finite-lag adstock with weights over `lags` rows: the sum of its weights, read as
 * its output at the last of `lags` rows of constant input 1.
 */
export function windowGain(
  apply: (x: Float64Array, p: Readonly<Record<string, number>>) => Float64Array,
  params: Readonly<Record<string, number>>,
  lags: number,
): number {
  return apply(ones(lags), params)[lags - 1] as number;
}

/** The derivative of {@link windowGain} in each parameter, from the adstock's own gradient. */
export function windowGainGradient(
  gradient: (
    x: Float64Array,
    p: Readonly<Record<string, number>>,
  ) => Record<string, Float64Array>,
  params: Readonly<Record<string, number>>,
  lags: number,
): Record<string, number> {
  const g = gradient(ones(lags), params), out: Record<string, number> = {};
  for (const [name, d] of Object.entries(g)) out[name] = d[lags - 1] as number;
  return out;
}
