/**
 * The ridge kernel for hot loops (tuning calls it tens of thousands of times): solves
 *
 *   minimise ½·b'(G + λ·diag(f))·b − c'b   subject to b_j ≥ 0 for constrained j
 *
 * on a precomputed Gram matrix `G = Z'Z` and `c = Z'y` of centred (and usually standardised)
 * columns. That is sklearn's Ridge objective `||y - Zb||² + λ·Σ f_j b_j²` once the intercept is
 * centred out. Without a binding constraint it is one Cholesky solve; when a sign constraint
 * binds, an exact active-set method (Lawson & Hanson 1974, NNLS, extended to free variables)
 * finishes in a few Cholesky solves of the passive block, to the KKT tolerance.
 *
 * Pass a {@link RidgeWorkspace} and `out` to solve without allocating.
 *
 * @module
 */
import { FitError } from "../errors.ts";
import { choleskyInPlace, choleskySolve } from "../_internal/linalg.ts";

/** Scratch buffers for {@link solveRidge}, sized for p coefficients. */
export interface RidgeWorkspace {
  /** Number of coefficients it is sized for. */
  readonly p: number;
  /** p×p factor of the penalised Gram matrix. */
  readonly factor: Float64Array;
  /** p×p factor of a passive block. */
  readonly block: Float64Array;
  /** Right-hand side of a passive block. */
  readonly rhs: Float64Array;
  /** Solution of a passive block. */
  readonly sub: Float64Array;
  /** Full-length trial solution. */
  readonly trial: Float64Array;
  /** Indices of the passive set. */
  readonly index: Int32Array;
  /** 1 where a coefficient is in the passive (free to move) set. */
  readonly passive: Uint8Array;
}

/** Allocates the scratch buffers of {@link solveRidge} for p coefficients. */
export function createRidgeWorkspace(p: number): RidgeWorkspace {
  return {
    p,
    factor: new Float64Array(p * p),
    block: new Float64Array(p * p),
    rhs: new Float64Array(p),
    sub: new Float64Array(p),
    trial: new Float64Array(p),
    index: new Int32Array(p),
    passive: new Uint8Array(p),
  };
}

/** Options of {@link solveRidge}. */
export interface SolveRidgeOptions {
  /** 1 for coefficients constrained to be ≥ 0. @default undefined (no constraints) */
  readonly nonNegative?: Uint8Array;
  /** Penalty multiplier per coefficient (0 = unpenalised). @default undefined (all 1) */
  readonly penaltyFactor?: Float64Array;
  /** Array of length p to write the coefficients into. @default a new array */
  readonly out?: Float64Array;
  /** Scratch buffers from {@link createRidgeWorkspace}. @default new buffers */
  readonly workspace?: RidgeWorkspace;
  /** KKT tolerance, relative to the largest |c_j|. @default 1e-12 */
  readonly tolerance?: number;
}

function notPositiveDefinite(): FitError {
  return new FitError(
    "Cannot fit ridge: the penalised Gram matrix is not positive definite",
    { hint: "increase lambda or remove constant or collinear columns" },
  );
}

/** Solves the passive block A_PP s_P = c_P (constrained non-passive entries are 0). */
function solvePassive(
  gram: Float64Array,
  xty: Float64Array,
  p: number,
  lambda: number,
  pf: Float64Array | undefined,
  ws: RidgeWorkspace,
  s: Float64Array,
): void {
  const idx = ws.index, a = ws.block;
  let m = 0;
  for (let j = 0; j < p; j++) if (ws.passive[j] === 1) idx[m++] = j;
  for (let r = 0; r < m; r++) {
    const i = idx[r] as number;
    for (let q = 0; q <= r; q++) {
      const k = idx[q] as number;
      let v = gram[i * p + k] as number;
      if (i === k) v += lambda * (pf ? pf[i] as number : 1);
      a[r * m + q] = v;
      a[q * m + r] = v;
    }
    ws.rhs[r] = xty[i] as number;
  }
  if (!choleskyInPlace(a, m)) throw notPositiveDefinite();
  choleskySolve(a, m, ws.rhs, ws.sub as Float64Array<ArrayBuffer>);
  s.fill(0);
  for (let r = 0; r < m; r++) s[idx[r] as number] = ws.sub[r] as number;
}

/**
 * Solves the (optionally sign-constrained) ridge problem on a Gram matrix.
 *
 * @param gram p×p row-major `Z'Z` of centred columns (not modified).
 * @param xty `Z'y` (not modified).
 * @param p Number of coefficients.
 * @param lambda Penalty λ ≥ 0.
 * @param options Constraints, penalty factors, output and scratch buffers.
 * @returns The coefficients (`options.out` when given).
 * @throws {FitError} when the penalised Gram matrix is singular (λ = 0 with collinear columns).
 *
 * @example One coefficient: b = c / (g + λ), clipped at 0 when constrained
 * ```ts
 * import { solveRidge } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const g = new Float64Array([4]);
 * assert.ok(Math.abs((solveRidge(g, new Float64Array([6]), 1, 2)[0] as number) - 1) < 1e-15);
 * const nn = new Uint8Array([1]);
 * assert.equal(solveRidge(g, new Float64Array([-6]), 1, 2, { nonNegative: nn })[0], 0);
 * ```
 */
export function solveRidge(
  gram: Float64Array,
  xty: Float64Array,
  p: number,
  lambda: number,
  options: SolveRidgeOptions = {},
): Float64Array {
  if (!(lambda >= 0)) {
    throw new RangeError(`Cannot solve ridge: lambda must be ≥ 0, got ${lambda}`);
  }
  const out = options.out ?? new Float64Array(p);
  const ws = options.workspace && options.workspace.p === p
    ? options.workspace
    : createRidgeWorkspace(p);
  const pf = options.penaltyFactor, nn = options.nonNegative;
  const f = ws.factor;
  for (let i = 0; i < p * p; i++) f[i] = gram[i] as number;
  for (let j = 0; j < p; j++) {
    f[j * p + j] = (f[j * p + j] as number) + lambda * (pf ? pf[j] as number : 1);
  }
  if (!choleskyInPlace(f, p)) throw notPositiveDefinite();
  choleskySolve(f, p, xty, out as Float64Array<ArrayBuffer>);
  if (nn === undefined) return out;
  let feasible = true;
  for (let j = 0; j < p; j++) if (nn[j] === 1 && (out[j] as number) < 0) feasible = false;
  if (feasible) return out;
  activeSet(gram, xty, p, lambda, pf, nn, ws, out, options.tolerance ?? 1e-12);
  return out;
}

function activeSet(
  gram: Float64Array,
  xty: Float64Array,
  p: number,
  lambda: number,
  pf: Float64Array | undefined,
  nn: Uint8Array,
  ws: RidgeWorkspace,
  b: Float64Array,
  tolerance: number,
): void {
  const passive = ws.passive, s = ws.trial;
  let cmax = 0;
  for (let j = 0; j < p; j++) cmax = Math.max(cmax, Math.abs(xty[j] as number));
  const tol = tolerance * Math.max(cmax, 1e-300);
  // Warm start: keep the constrained coefficients the unconstrained solution made positive.
  for (let j = 0; j < p; j++) passive[j] = nn[j] !== 1 || (b[j] as number) > 0 ? 1 : 0;
  solvePassive(gram, xty, p, lambda, pf, ws, s);
  let ok = true;
  for (let j = 0; j < p; j++) {
    if (nn[j] === 1 && passive[j] === 1 && !((s[j] as number) > 0)) ok = false;
  }
  if (!ok) {
    // Fall back to the always-feasible start: every constrained coefficient at 0.
    for (let j = 0; j < p; j++) passive[j] = nn[j] === 1 ? 0 : 1;
    solvePassive(gram, xty, p, lambda, pf, ws, s);
  }
  b.set(s);
  const maxIterations = 30 * p + 30;
  for (let iter = 0; iter < maxIterations; iter++) {
    // w = c − A b: the descent direction; a constrained coefficient at 0 with w_j > 0 should enter.
    let enter = -1, best = tol;
    for (let j = 0; j < p; j++) {
      if (passive[j] === 1) continue;
      let w = xty[j] as number;
      for (let k = 0; k < p; k++) w -= (gram[j * p + k] as number) * (b[k] as number);
      if (w > best) {
        best = w;
        enter = j;
      }
    }
    if (enter < 0) return;
    passive[enter] = 1;
    for (let inner = 0; inner <= p; inner++) {
      solvePassive(gram, xty, p, lambda, pf, ws, s);
      let alpha = 1, leaving = false;
      for (let j = 0; j < p; j++) {
        if (nn[j] !== 1 || passive[j] !== 1 || (s[j] as number) > 0) continue;
        const bj = b[j] as number, a = bj / (bj - (s[j] as number));
        if (a < alpha) alpha = a;
        leaving = true;
      }
      if (!leaving) {
        b.set(s);
        break;
      }
      for (let j = 0; j < p; j++) {
        b[j] = (b[j] as number) + alpha * ((s[j] as number) - (b[j] as number));
        if (nn[j] === 1 && passive[j] === 1 && (b[j] as number) <= 0) {
          b[j] = 0;
          passive[j] = 0;
        }
      }
    }
  }
  throw new FitError("Cannot fit ridge: the sign-constrained solve did not converge", {
    hint: "increase lambda or remove collinear columns",
  });
}
