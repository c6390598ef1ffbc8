/**
 * The elastic-net kernel: cyclic coordinate descent on a Gram matrix (Friedman, Hastie &
 * Tibshirani 2010, "covariance updates"), solving sklearn's objective once the intercept is
 * centred out:
 *
 *   minimise 1/(2n)·||y − Zb||² + λ·(ρ·||b||₁ + (1 − ρ)/2·||b||²)
 *
 * given `G = Z'Z / n` and `c = Z'y / n`, optionally with `b_j ≥ 0` for constrained j.
 *
 * @module
 */

/** Options of {@link solveElasticNet}. */
export interface SolveElasticNetOptions {
  /** Mix ρ ∈ [0, 1] of the L1 penalty (1 = lasso). @default 1 */
  readonly l1Ratio?: number;
  /** 1 for coefficients constrained to be ≥ 0. @default undefined (no constraints) */
  readonly nonNegative?: Uint8Array;
  /** Starting coefficients (warm start along a path); not modified. @default zeros */
  readonly start?: Float64Array;
  /** Array of length p to write the coefficients into (may be `start`). @default a new array */
  readonly out?: Float64Array;
  /** Stop when no coordinate moves more than this, relative to the largest one. @default 1e-12 */
  readonly tolerance?: number;
  /** Maximum sweeps over the coordinates. @default 100000 */
  readonly maxSweeps?: number;
}

/**
 * Solves the elastic-net problem by coordinate descent.
 *
 * @param gram p×p row-major `Z'Z / n` (not modified).
 * @param xty `Z'y / n` (not modified).
 * @param p Number of coefficients.
 * @param lambda Penalty λ ≥ 0.
 * @param options Mix, constraints, warm start and stopping rule.
 * @returns The coefficients and the sweeps used.
 *
 * @example One standardised coefficient is soft-thresholded: b = S(c, λρ) / (1 + λ(1 − ρ))
 * ```ts
 * import { solveElasticNet } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const { coefficients } = solveElasticNet(new Float64Array([1]), new Float64Array([0.8]), 1, 0.4, {
 *   l1Ratio: 0.5,
 * });
 * assert.ok(Math.abs((coefficients[0] as number) - 0.6 / 1.2) < 1e-15);
 * ```
 */
export function solveElasticNet(
  gram: Float64Array,
  xty: Float64Array,
  p: number,
  lambda: number,
  options: SolveElasticNetOptions = {},
): { coefficients: Float64Array; sweeps: number } {
  const rho = options.l1Ratio ?? 1;
  if (!(lambda >= 0) || !(rho >= 0 && rho <= 1)) {
    throw new RangeError(
      `Cannot solve elastic net: need lambda ≥ 0 and l1Ratio in [0, 1], got ${lambda} and ${rho}`,
    );
  }
  const b = options.out ?? new Float64Array(p);
  if (options.start) b.set(options.start);
  else b.fill(0);
  const nn = options.nonNegative, tol = options.tolerance ?? 1e-12;
  const maxSweeps = options.maxSweeps ?? 100_000;
  const l1 = lambda * rho, l2 = lambda * (1 - rho);
  // q = c − G b: the correlation of each column with the current residual
  const q = Float64Array.from(xty);
  for (let j = 0; j < p; j++) {
    const bj = b[j] as number;
    if (bj !== 0) {
      for (let k = 0; k < p; k++) q[k] = (q[k] as number) - (gram[k * p + j] as number) * bj;
    }
  }
  let sweeps = 0;
  while (sweeps < maxSweeps) {
    sweeps++;
    let maxDelta = 0, maxCoef = 0;
    for (let j = 0; j < p; j++) {
      const gjj = gram[j * p + j] as number;
      if (!(gjj > 0)) {
        b[j] = 0;
        continue;
      }
      const old = b[j] as number, r = (q[j] as number) + gjj * old;
      let num = Math.abs(r) > l1 ? r - Math.sign(r) * l1 : 0;
      if (nn !== undefined && nn[j] === 1 && num < 0) num = 0;
      const next = num / (gjj + l2), d = next - old;
      if (d !== 0) {
        for (let k = 0; k < p; k++) q[k] = (q[k] as number) - (gram[k * p + j] as number) * d;
        b[j] = next;
      }
      const s = Math.sqrt(gjj);
      maxDelta = Math.max(maxDelta, Math.abs(d) * s);
      maxCoef = Math.max(maxCoef, Math.abs(next) * s);
    }
    if (maxDelta <= tol * maxCoef) break;
  }
  return { coefficients: b, sweeps };
}
