/**
 * The No-U-Turn sampler's phase-space points and subtree outputs, and the checks on them: the
 * multinomial weights' log-sum and the generalised no-U-turn criterion (Betancourt 2017, §A.3).
 *
 * @module
 */

/**
 * A point in phase space: position, momentum, gradient and log density, with M⁻¹·momentum and
 * M⁻¹·gradient under the current metric (kept up to date by the leapfrog, so that each step
 * costs one product with M⁻¹, that of the new gradient).
 */
export interface PhasePoint {
  theta: Float64Array;
  p: Float64Array;
  grad: Float64Array;
  logp: number;
  /** M⁻¹·p. */
  pSharp: Float64Array;
  /** M⁻¹·grad. */
  gSharp: Float64Array;
}

/** What a subtree hands back to its parent. */
export interface SubtreeOut {
  /** Sum of momenta over the subtree. */
  rho: Float64Array;
  /** Momentum and M⁻¹·momentum at the first and last state, in building order. */
  pBeg: Float64Array;
  pEnd: Float64Array;
  pSharpBeg: Float64Array;
  pSharpEnd: Float64Array;
  /** The subtree's multinomial sample. */
  sample: PhasePoint;
  /** log Σ exp(-H) over the subtree, relative to the initial Hamiltonian. */
  logSumWeight: number;
}

/** A phase point of `dim` zeros. */
export function makePoint(dim: number): PhasePoint {
  return {
    theta: new Float64Array(dim),
    p: new Float64Array(dim),
    grad: new Float64Array(dim),
    logp: 0,
    pSharp: new Float64Array(dim),
    gSharp: new Float64Array(dim),
  };
}

/** Copies `from` into `to`. */
export function copyPoint(to: PhasePoint, from: PhasePoint): void {
  to.theta.set(from.theta);
  to.p.set(from.p);
  to.grad.set(from.grad);
  to.logp = from.logp;
  to.pSharp.set(from.pSharp);
  to.gSharp.set(from.gSharp);
}

/** An empty subtree output of `dim`. */
export function makeOut(dim: number): SubtreeOut {
  return {
    rho: new Float64Array(dim),
    pBeg: new Float64Array(dim),
    pEnd: new Float64Array(dim),
    pSharpBeg: new Float64Array(dim),
    pSharpEnd: new Float64Array(dim),
    sample: makePoint(dim),
    logSumWeight: -Infinity,
  };
}

/** log(exp(a) + exp(b)), exact at -∞. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** p♯⁻·ρ > 0 and p♯⁺·ρ > 0: the trajectory has not turned back on itself. */
export function noUTurn(
  pSharpMinus: Float64Array,
  pSharpPlus: Float64Array,
  rho: Float64Array,
): boolean {
  let a = 0, b = 0;
  for (let i = 0; i < rho.length; i++) {
    const r = rho[i] as number;
    a += (pSharpMinus[i] as number) * r;
    b += (pSharpPlus[i] as number) * r;
  }
  return a > 0 && b > 0;
}

/** Same as {@link noUTurn} on ρ + extra, without allocating. */
export function noUTurnExtended(
  pSharpMinus: Float64Array,
  pSharpPlus: Float64Array,
  rho: Float64Array,
  extra: Float64Array,
): boolean {
  let a = 0, b = 0;
  for (let i = 0; i < rho.length; i++) {
    const r = (rho[i] as number) + (extra[i] as number);
    a += (pSharpMinus[i] as number) * r;
    b += (pSharpPlus[i] as number) * r;
  }
  return a > 0 && b > 0;
}
