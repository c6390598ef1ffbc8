/**
 * Ridge fits from sufficient statistics, for the tuner's hot loop: the raw cross-products
 * Σ a_t a_t' of the augmented rows a_t = [1, x_1 … x_P, y], summed up to every fold boundary
 * ("prefix moments"), so a fit on any range of rows between two boundaries needs no pass over
 * the rows. Media columns come first (c of them, recomputed per trial), then the fixed baseline
 * columns.
 *
 * @module
 */
import { createRidgeWorkspace, solveRidge } from "../models/ridge_solve.ts";

/** The rows of the model and the fold boundaries their sums are kept at. */
export interface MomentLayout {
  /** Rows. */
  readonly n: number;
  /** Media columns (first in each row). */
  readonly c: number;
  /** All model columns: media, then baseline. */
  readonly P: number;
  /** Row-major values of all model columns (media part rewritten per trial). */
  readonly rowsX: Float64Array;
  /** The response. */
  readonly y: Float64Array;
  /** Sorted fold boundaries, 0 and n included. */
  readonly cuts: readonly number[];
}

/**
 * Prefix moments of the fixed entries (1, baseline, y) at every cut: M[cut] = Σ_{t < cuts[cut]}
 * a_t a_t', media rows and columns left 0 (filled per trial by {@link addMediaMoments}).
 */
export function fixedPrefixMoments(layout: MomentLayout): Float64Array {
  const { n, c, P, rowsX, y, cuts } = layout;
  const A = P + 2, nCuts = cuts.length;
  const moments = new Float64Array(nCuts * A * A);
  const acc = new Float64Array(A * A), a = new Float64Array(A);
  let cut = 0;
  for (let t = 0; t <= n; t++) {
    while (cut < nCuts && cuts[cut] === t) {
      moments.set(acc, cut * A * A);
      cut++;
    }
    if (t === n) break;
    a[0] = 1;
    for (let k = c; k < P; k++) a[1 + k] = rowsX[t * P + k] as number;
    a[A - 1] = y[t] as number;
    // only the fixed entries (1, baseline, y) here; media entries are filled per trial
    for (let i = 0; i < A; i++) {
      if (i >= 1 && i <= c) continue;
      const ai = a[i] as number;
      for (let j = 0; j < A; j++) {
        if (j >= 1 && j <= c) continue;
        acc[i * A + j] = (acc[i * A + j] as number) + ai * (a[j] as number);
      }
    }
  }
  return moments;
}

/**
 * Writes into `mom` the fixed prefix moments plus the media rows and columns of the current
 * media values, accumulated in one pass over the rows.
 */
export function addMediaMoments(
  layout: MomentLayout,
  fixed: Float64Array,
  mom: Float64Array,
): void {
  const { n, c, P, rowsX, y, cuts } = layout;
  const A = P + 2, nCuts = cuts.length;
  const accRow = new Float64Array(c * A), a = new Float64Array(A);
  mom.set(fixed);
  let cut = 0;
  for (let t = 0; t <= n; t++) {
    while (cut < nCuts && cuts[cut] === t) {
      const o = cut * A * A;
      for (let j = 0; j < c; j++) {
        for (let k = 0; k < A; k++) {
          const v = accRow[j * A + k] as number;
          mom[o + (1 + j) * A + k] = v;
          mom[o + k * A + 1 + j] = v;
        }
      }
      cut++;
    }
    if (t === n) break;
    a[0] = 1;
    const row = t * P;
    for (let k = 0; k < P; k++) a[1 + k] = rowsX[row + k] as number;
    a[A - 1] = y[t] as number;
    for (let j = 0; j < c; j++) {
      const xj = a[1 + j] as number;
      if (xj === 0) continue;
      const o = j * A;
      for (let k = 0; k < A; k++) {
        accRow[o + k] = (accRow[o + k] as number) + xj * (a[k] as number);
      }
    }
  }
}

/**
 * `fitRidge`'s model (columns centred and standardised on the fitted rows, intercept
 * unpenalised, media coefficients optionally ≥ 0) fitted from prefix moments, with buffers
 * reused by every fit.
 */
export class MomentRidge {
  /** Coefficients of the last fit, in X units. */
  readonly beta: Float64Array;
  /** Residual sum of squares of the last fit. */
  sse = 0;
  readonly #P: number;
  readonly #sums: Float64Array;
  readonly #gram: Float64Array;
  readonly #xty: Float64Array;
  readonly #means: Float64Array;
  readonly #sds: Float64Array;
  readonly #coef: Float64Array;
  readonly #options: Parameters<typeof solveRidge>[4];

  /** Buffers for P columns, the first c of them held ≥ 0 when `nonNegative`. */
  constructor(P: number, c: number, nonNegative: boolean) {
    const A = P + 2;
    this.#P = P;
    this.beta = new Float64Array(P);
    this.#sums = new Float64Array(A * A);
    this.#gram = new Float64Array(P * P);
    this.#xty = new Float64Array(P);
    this.#means = new Float64Array(P);
    this.#sds = new Float64Array(P);
    this.#coef = new Float64Array(P);
    const mask = new Uint8Array(P);
    if (nonNegative) { for (let j = 0; j < c; j++) mask[j] = 1; }
    this.#options = { nonNegative: mask, out: this.#coef, workspace: createRidgeWorkspace(P) };
  }

  /**
   * Fits on the rows between cuts ka and kb of `mom`; writes β (X units) and the residual sum of
   * squares, and returns the intercept.
   */
  fit(mom: Float64Array, ka: number, kb: number, lambda: number): number {
    const P = this.#P, A = P + 2;
    const sums = this.#sums, gram = this.#gram, xty = this.#xty;
    const means = this.#means, sds = this.#sds, coef = this.#coef, beta = this.beta;
    const oa = ka * A * A, ob = kb * A * A;
    for (let i = 0; i < A * A; i++) sums[i] = (mom[ob + i] as number) - (mom[oa + i] as number);
    const cnt = sums[0] as number;
    const sy = sums[A - 1] as number;
    for (let j = 0; j < P; j++) {
      const sj = sums[1 + j] as number;
      means[j] = sj / cnt;
      const v = (sums[(1 + j) * A + 1 + j] as number) - sj * sj / cnt;
      const sd = Math.sqrt(Math.max(v, 0) / cnt);
      // a column constant on these rows is centred to zero; scale 1 keeps it harmless
      sds[j] = sd > 1e-12 * (Math.abs(means[j] as number) + 1) ? sd : 1;
    }
    for (let i = 0; i < P; i++) {
      const si = sums[1 + i] as number, di = sds[i] as number;
      xty[i] = ((sums[(1 + i) * A + A - 1] as number) - si * sy / cnt) / di;
      for (let j = i; j < P; j++) {
        const g = ((sums[(1 + i) * A + 1 + j] as number) - si * (sums[1 + j] as number) / cnt) /
          (di * (sds[j] as number));
        gram[i * P + j] = g;
        gram[j * P + i] = g;
      }
    }
    solveRidge(gram, xty, P, lambda, this.#options);
    // residual sum of squares: y_c'y_c − 2 b'Z'y_c + b'Z'Z b
    let bxty = 0, bgb = 0;
    for (let i = 0; i < P; i++) {
      const bi = coef[i] as number;
      bxty += bi * (xty[i] as number);
      let gi = 0;
      for (let j = 0; j < P; j++) gi += (gram[i * P + j] as number) * (coef[j] as number);
      bgb += bi * gi;
    }
    this.sse = Math.max(0, (sums[A * A - 1] as number) - sy * sy / cnt - 2 * bxty + bgb);
    let intercept = sy / cnt;
    for (let j = 0; j < P; j++) {
      const bj = (coef[j] as number) / (sds[j] as number);
      beta[j] = bj;
      intercept -= (means[j] as number) * bj;
    }
    return intercept;
  }
}
