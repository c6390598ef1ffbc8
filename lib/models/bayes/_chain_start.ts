/**
 * Where a chain starts: the posterior mode found by L-BFGS from a jittered start, and the
 * Laplace approximation there (the inverse of −∇²log p, by central differences of the gradient)
 * as the sampler's first metric. Starting NUTS with the identity metric on an MMM posterior,
 * whose coordinates differ in scale by three orders of magnitude, cost trees of depth 9–10
 * (up to 1023 leapfrog steps) until the first metric window closed: four fifths of all
 * gradient evaluations of a 1000 + 1000 run went to warmup.
 *
 * @module
 */
import { Rng } from "../../rng.ts";
import { invertSpd } from "../../_internal/linalg.ts";
import { maximizeLogDensity } from "./_lbfgs.ts";
import type { LogDensity } from "./nuts.ts";

/**
 * L-BFGS iterations allowed for the mode. The Laplace metric is only as good as the mode: on the
 * 40-geo × 5-channel panel of `bench/geo_bench.ts` (233 coordinates) L-BFGS needs about 3,900
 * iterations; stopped at 1,000 its largest gradient entry was ~200 and log p 96 below the mode,
 * and the Laplace covariance there was 4–5× too narrow in sd for the media and transform
 * coordinates, which cost NUTS trees of 127–255 leapfrog steps until the metric had adapted
 * (31 at the converged mode). An iteration costs about one gradient, so this is seconds.
 */
const MODE_ITERATIONS = 10_000;

/** A chain's starting point and first metric. */
export interface ChainStart {
  /** The mode found (unconstrained coordinates). */
  readonly init: Float64Array;
  /** log p at the mode. */
  readonly logDensity: number;
  /** Dense covariance (dim × dim, row-major) of the Laplace approximation, if positive definite. */
  readonly covariance: Float64Array | undefined;
}

/**
 * −∇² log p at `theta` by central differences of the gradient, symmetrised, and its inverse;
 * undefined when it is not positive definite even with a small ridge.
 */
export function laplaceCovariance(
  target: LogDensity,
  theta: Float64Array,
): Float64Array | undefined {
  const dim = target.dim, h = new Float64Array(dim * dim);
  const up = new Float64Array(dim), dn = new Float64Array(dim);
  const x = Float64Array.from(theta);
  for (let j = 0; j < dim; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(theta[j] as number));
    x[j] = (theta[j] as number) + step;
    const a = target.logDensityAndGradient(x, up);
    x[j] = (theta[j] as number) - step;
    const b = target.logDensityAndGradient(x, dn);
    x[j] = theta[j] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
    for (let i = 0; i < dim; i++) {
      h[i * dim + j] = -((up[i] as number) - (dn[i] as number)) / (2 * step);
    }
  }
  let maxDiag = 0;
  for (let i = 0; i < dim; i++) {
    for (let j = i + 1; j < dim; j++) {
      const v = 0.5 * ((h[i * dim + j] as number) + (h[j * dim + i] as number));
      h[i * dim + j] = v;
      h[j * dim + i] = v;
    }
    maxDiag = Math.max(maxDiag, h[i * dim + i] as number);
  }
  if (!(maxDiag > 0) || !h.every(Number.isFinite)) return undefined;
  for (const ridge of [0, 1e-8, 1e-6, 1e-4]) {
    const a = Float64Array.from(h);
    for (let i = 0; i < dim; i++) a[i * dim + i] = (a[i * dim + i] as number) + ridge * maxDiag;
    const inv = invertSpd(a, dim);
    if (inv !== undefined && inv.every(Number.isFinite)) {
      let ok = true;
      for (let i = 0; i < dim && ok; i++) ok = (inv[i * dim + i] as number) > 0;
      if (ok) return inv;
    }
  }
  return undefined;
}

/**
 * The start of the chain seeded `seed`: L-BFGS from `center` jittered uniformly by ±`jitter` in
 * every coordinate (a generator of its own, so the sampler's stream is untouched), then the
 * Laplace covariance at the mode found.
 *
 * @param target The log density.
 * @param center A central starting point (e.g. the priors' medians).
 * @param seed The chain's seed.
 * @param jitter Half-width of the uniform jitter. @default 1
 * @returns The mode, its log density and the Laplace covariance.
 */
export function chainStart(
  target: LogDensity,
  center: Float64Array,
  seed: number,
  jitter = 1,
): ChainStart {
  const rng = new Rng(seed ^ 0x5bd1e995);
  const start = center.map((v) => v + rng.uniformIn(-jitter, jitter));
  const mode = maximizeLogDensity(target, start, { maxIterations: MODE_ITERATIONS });
  const found = Number.isFinite(mode.logDensity) ? mode : maximizeLogDensity(target, center);
  return {
    init: found.theta,
    logDensity: found.logDensity,
    covariance: Number.isFinite(found.logDensity)
      ? laplaceCovariance(target, found.theta)
      : undefined,
  };
}
