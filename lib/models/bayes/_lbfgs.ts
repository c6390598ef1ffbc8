/**
 * Limited-memory BFGS (Nocedal & Wright 2006, "Numerical Optimization", Algorithm 7.4 and the
 * two-loop recursion 7.5) with a backtracking Armijo line search, used to find the posterior
 * mode that the sampler starts from. Maximises a log density: it minimises −log p.
 *
 * @module
 */
import type { LogDensity } from "./nuts.ts";

/** Options of {@link maximizeLogDensity}. */
export interface LbfgsOptions {
  /** Pairs of the curvature memory. @default 10 */
  readonly memory?: number;
  /** Most iterations. @default 500 */
  readonly maxIterations?: number;
  /** Stop when the gradient's largest entry is below this. @default 1e-6 */
  readonly gradientTolerance?: number;
  /** Stop when an iteration improves log p by less than this (relative, plus absolute). @default 1e-10 */
  readonly functionTolerance?: number;
}

/** Where {@link maximizeLogDensity} stopped. */
export interface LbfgsResult {
  /** The point found. */
  readonly theta: Float64Array;
  /** log p there. */
  readonly logDensity: number;
  /** Its gradient. */
  readonly gradient: Float64Array;
  /** Iterations taken. */
  readonly iterations: number;
  /** Log-density evaluations. */
  readonly evaluations: number;
  /** True when a tolerance was met (false: iteration limit, or no progress possible). */
  readonly converged: boolean;
}

/**
 * Maximises a log density from `start` by L-BFGS.
 *
 * @param target The log density and its gradient.
 * @param start The starting point (not modified).
 * @param options Memory, iteration limit and tolerances.
 * @returns The point found with its log density and gradient.
 */
export function maximizeLogDensity(
  target: LogDensity,
  start: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const dim = target.dim, mem = options.memory ?? 10;
  const maxIt = options.maxIterations ?? 500;
  const gtol = options.gradientTolerance ?? 1e-6, ftol = options.functionTolerance ?? 1e-10;
  const x = Float64Array.from(start), g = new Float64Array(dim);
  let f = target.logDensityAndGradient(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f)) {
    return { theta: x, logDensity: f, gradient: g, iterations: 0, evaluations, converged: false };
  }
  const S = Array.from({ length: mem }, () => new Float64Array(dim));
  const Y = Array.from({ length: mem }, () => new Float64Array(dim));
  const rho = new Float64Array(mem), alpha = new Float64Array(mem);
  const d = new Float64Array(dim), xNew = new Float64Array(dim), gNew = new Float64Array(dim);
  let stored = 0, head = 0, converged = false, it = 0;
  for (; it < maxIt; it++) {
    let gmax = 0;
    for (let i = 0; i < dim; i++) gmax = Math.max(gmax, Math.abs(g[i] as number));
    if (gmax < gtol) {
      converged = true;
      break;
    }
    // Two-loop recursion on the ascent direction: d = H·g (H ≈ inverse of −∇²log p).
    d.set(g);
    for (let k = 0; k < stored; k++) {
      const j = (head - 1 - k + mem) % mem, s = S[j] as Float64Array, y = Y[j] as Float64Array;
      let a = 0;
      for (let i = 0; i < dim; i++) a += (s[i] as number) * (d[i] as number);
      a *= rho[j] as number;
      alpha[j] = a;
      for (let i = 0; i < dim; i++) d[i] = (d[i] as number) - a * (y[i] as number);
    }
    if (stored > 0) {
      const j = (head - 1 + mem) % mem, s = S[j] as Float64Array, y = Y[j] as Float64Array;
      let sy = 0, yy = 0;
      for (let i = 0; i < dim; i++) {
        sy += (s[i] as number) * (y[i] as number);
        yy += (y[i] as number) * (y[i] as number);
      }
      const gamma = sy / yy;
      for (let i = 0; i < dim; i++) d[i] = (d[i] as number) * gamma;
    } else {
      // first step: at most 0.1 in the largest coordinate
      const scale = Math.min(1, 0.1 / gmax);
      for (let i = 0; i < dim; i++) d[i] = (d[i] as number) * scale;
    }
    for (let k = stored - 1; k >= 0; k--) {
      const j = (head - 1 - k + mem) % mem, s = S[j] as Float64Array, y = Y[j] as Float64Array;
      let b = 0;
      for (let i = 0; i < dim; i++) b += (y[i] as number) * (d[i] as number);
      b *= rho[j] as number;
      const a = alpha[j] as number;
      for (let i = 0; i < dim; i++) d[i] = (d[i] as number) + (a - b) * (s[i] as number);
    }
    let slope = 0;
    for (let i = 0; i < dim; i++) slope += (g[i] as number) * (d[i] as number);
    if (!(slope > 0)) {
      // not an ascent direction: restart from the gradient
      stored = 0;
      const scale = Math.min(1, 0.1 / gmax);
      slope = 0;
      for (let i = 0; i < dim; i++) {
        d[i] = (g[i] as number) * scale;
        slope += (g[i] as number) * (d[i] as number);
      }
    }
    // Backtracking Armijo line search.
    let step = 1, fNew = -Infinity, accepted = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < dim; i++) xNew[i] = (x[i] as number) + step * (d[i] as number);
      fNew = target.logDensityAndGradient(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew >= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    const j = head, s = S[j] as Float64Array, y = Y[j] as Float64Array;
    let sy = 0;
    for (let i = 0; i < dim; i++) {
      s[i] = (xNew[i] as number) - (x[i] as number);
      // y = ∇(−log p) difference
      y[i] = (g[i] as number) - (gNew[i] as number);
      sy += (s[i] as number) * (y[i] as number);
    }
    if (sy > 1e-12) {
      rho[j] = 1 / sy;
      head = (head + 1) % mem;
      stored = Math.min(stored + 1, mem);
    }
    const improvement = fNew - f;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (improvement < ftol * (1 + Math.abs(f))) {
      converged = true;
      it++;
      break;
    }
  }
  return { theta: x, logDensity: f, gradient: g, iterations: it, evaluations, converged };
}
