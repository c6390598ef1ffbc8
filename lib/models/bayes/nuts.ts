/**
 * The No-U-Turn Sampler on an unconstrained space: the multinomial variant (Betancourt 2017,
 * "A Conceptual Introduction to Hamiltonian Monte Carlo", §A.3; Stan's `base_nuts`) of Hoffman &
 * Gelman (2014), with the generalised no-U-turn criterion checked on every merged subtree and
 * across the seams of merged subtrees, a diagonal or dense Euclidean metric, and Stan's warmup: dual-averaging step
 * size adaptation (Hoffman & Gelman 2014, Algorithm 5; δ = 0.8, γ = 0.05, κ = 0.75, t₀ = 10) and
 * diagonal or dense metric adaptation in doubling windows (75-draw initial buffer, 25-draw first window, 50-draw
 * terminal buffer; Stan Reference Manual, "HMC algorithm parameters"). One departure from Stan:
 * the metric estimate is regularised towards its own diagonal (a ridge of 1e-3 of each
 * variance), not towards 1e-3·I, so that tiny posterior scales are not swamped.
 *
 * @module
 */
import { Rng } from "../../rng.ts";
import { choleskyInPlace } from "../../_internal/linalg.ts";
import { FitError } from "../../errors.ts";
import { MetricWindow } from "./_metric_window.ts";

/** A log density on ℝ^dim with its gradient: what {@link sampleNuts} draws from. */
export interface LogDensity {
  /** Number of unconstrained parameters. */
  readonly dim: number;
  /**
   * Returns log p(θ) up to a constant and writes ∂ log p / ∂θ into `grad`. Return `-Infinity`
   * (or NaN) outside the support.
   */
  logDensityAndGradient(theta: Float64Array, grad: Float64Array): number;
}

/** Options of {@link sampleNuts} and {@link sampleNutsChain}. */
export interface NutsOptions {
  /** Number of chains; chain k is seeded with `seed + k`. @default 4 */
  readonly chains?: number;
  /** Warmup (adaptation) iterations per chain, discarded. @default 1000 */
  readonly warmup?: number;
  /** Kept draws per chain. @default 1000 */
  readonly draws?: number;
  /** Seed of chain 0. @default 0 */
  readonly seed?: number;
  /** Maximum tree depth: at most 2^maxTreeDepth leapfrog steps per draw. @default 10 */
  readonly maxTreeDepth?: number;
  /** Target mean acceptance statistic of the step-size adaptation. @default 0.8 */
  readonly targetAccept?: number;
  /** Initial points: uniform on (-initRadius, initRadius) per coordinate. @default 2 */
  readonly initRadius?: number;
  /** Initial point of every chain (overrides `initRadius`). @default undefined */
  readonly init?: Float64Array;
  /**
   * The first metric: a covariance (dim × dim, row-major) or variances (length dim), e.g. from
   * a Laplace approximation at the mode; its diagonal is used by the diagonal metric.
   * @default the identity
   */
  readonly initMetric?: Float64Array;
  /** Adapt the metric during warmup (else the first metric is kept). @default true */
  readonly adaptMetric?: boolean;
  /**
   * Metric: `"diag"` adapts posterior variances, `"dense"` the full covariance (better for
   * correlated posteriors, O(dim²) per leapfrog step). @default "diag"
   */
  readonly metric?: "diag" | "dense";
  /**
   * Called after every iteration with the chain's progress (it does not change the draws).
   * @default undefined
   */
  readonly onProgress?: (progress: ChainProgress) => void;
}

/** Where a chain is: reported after every iteration to {@link NutsOptions.onProgress}. */
export interface ChainProgress {
  /** Iterations done, warmup included. */
  readonly iteration: number;
  /** Warmup iterations of the chain. */
  readonly warmup: number;
  /** Kept draws of the chain. */
  readonly draws: number;
  /** `"warmup"` while adapting, then `"sampling"`. */
  readonly phase: "warmup" | "sampling";
  /** Divergent transitions so far in the current phase. */
  readonly divergences: number;
  /** Leapfrog steps of the last iteration. */
  readonly leapfrogSteps: number;
}

/** The draws and sampler statistics of one chain. */
export interface NutsChain {
  /** Kept draws, row-major: `draws[i * dim + j]` is parameter j of draw i. */
  readonly draws: Float64Array;
  /** Log density of each kept draw. */
  readonly logDensity: Float64Array;
  /** Mean Metropolis acceptance statistic of each kept draw's trajectory. */
  readonly acceptStat: Float64Array;
  /** Tree depth reached by each kept draw. */
  readonly treeDepth: Uint8Array;
  /** Leapfrog steps taken by each kept draw. */
  readonly leapfrogSteps: Uint32Array;
  /** 1 where the kept draw's trajectory diverged (energy error above 1000). */
  readonly divergent: Uint8Array;
  /** Hamiltonian at each kept draw with its momentum (for E-BFMI). */
  readonly energy: Float64Array;
  /** Step size after warmup. */
  readonly stepSize: number;
  /**
   * Inverse metric after warmup: posterior variances (length dim) for the diagonal metric, the
   * covariance estimate (dim×dim, row-major) for the dense one.
   */
  readonly inverseMetric: Float64Array;
}

/** Result of {@link sampleNuts}: every chain's draws, in chain order. */
export interface NutsResult {
  /** Number of parameters. */
  readonly dim: number;
  /** Kept draws per chain. */
  readonly draws: number;
  /** The chains. */
  readonly chains: readonly NutsChain[];
}

const MAX_DELTA_H = 1000;
const DA_GAMMA = 0.05;
const DA_KAPPA = 0.75;
const DA_T0 = 10;

interface Resolved {
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  maxTreeDepth: number;
  targetAccept: number;
  initRadius: number;
  init: Float64Array | undefined;
  initMetric: Float64Array | undefined;
  adaptMetric: boolean;
  dense: boolean;
  onProgress: ((progress: ChainProgress) => void) | undefined;
}

function resolveNutsOptions(dim: number, options: NutsOptions): Resolved {
  const r: Resolved = {
    chains: options.chains ?? 4,
    warmup: options.warmup ?? 1000,
    draws: options.draws ?? 1000,
    seed: options.seed ?? 0,
    maxTreeDepth: options.maxTreeDepth ?? 10,
    targetAccept: options.targetAccept ?? 0.8,
    initRadius: options.initRadius ?? 2,
    init: options.init,
    initMetric: options.initMetric,
    adaptMetric: options.adaptMetric ?? true,
    dense: (options.metric ?? "diag") === "dense",
    onProgress: options.onProgress,
  };
  if (options.metric !== undefined && options.metric !== "diag" && options.metric !== "dense") {
    throw new RangeError(
      `Cannot run NUTS: "metric" must be "diag" or "dense", current value is "${
        String(options.metric)
      }"`,
    );
  }
  const positiveInt = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(
        `Cannot run NUTS: "${name}" must be an integer of at least ${min}, current value is ${v}`,
      );
    }
  };
  positiveInt("chains", r.chains, 1);
  positiveInt("warmup", r.warmup, 0);
  positiveInt("draws", r.draws, 1);
  positiveInt("maxTreeDepth", r.maxTreeDepth, 1);
  if (r.maxTreeDepth > 20) {
    throw new RangeError(
      `Cannot run NUTS: "maxTreeDepth" must be at most 20, current value is ${r.maxTreeDepth}`,
    );
  }
  if (!(r.targetAccept > 0 && r.targetAccept < 1)) {
    throw new RangeError(
      `Cannot run NUTS: "targetAccept" must be in (0, 1), current value is ${r.targetAccept}`,
    );
  }
  if (!(r.initRadius >= 0) || !Number.isFinite(r.initRadius)) {
    throw new RangeError(
      `Cannot run NUTS: "initRadius" must be finite and non-negative, current value is ${r.initRadius}`,
    );
  }
  if (!Number.isFinite(r.seed)) {
    throw new RangeError(`Cannot run NUTS: "seed" must be finite, current value is ${r.seed}`);
  }
  const m = r.initMetric;
  if (m !== undefined && m.length !== dim && m.length !== dim * dim) {
    throw new TypeError(
      `Cannot run NUTS: "initMetric" must have ${dim} or ${
        dim * dim
      } values, current length is ${m.length}`,
    );
  }
  if (r.init !== undefined && r.init.length !== dim) {
    throw new TypeError(
      `Cannot run NUTS: "init" must have ${dim} values, current length is ${r.init.length}`,
    );
  }
  return r;
}

/**
 * Draws from a log density with NUTS, running the chains one after another. Chain k uses the
 * generator `new Rng(seed + k)`, so the same seed gives identical draws, and any one chain can
 * be rerun alone (or in a worker) with {@link sampleNutsChain}.
 *
 * @param target The log density and its gradient on ℝ^dim.
 * @param options Chains, warmup, draws, seed and sampler settings.
 * @returns The kept draws and sampler statistics of every chain.
 * @throws {RangeError} When an option is out of range.
 * @throws {FitError} When no finite starting point is found in 100 tries, or no step size works.
 *
 * @example Sampling a standard normal
 * ```ts
 * import { sampleNuts } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const target = {
 *   dim: 1,
 *   logDensityAndGradient(x: Float64Array, g: Float64Array) {
 *     g[0] = -x[0]!;
 *     return -0.5 * x[0]! * x[0]!;
 *   },
 * };
 * const fit = sampleNuts(target, { chains: 2, warmup: 200, draws: 500, seed: 1 });
 * const all = [...fit.chains[0]!.draws, ...fit.chains[1]!.draws];
 * const mean = all.reduce((s, v) => s + v, 0) / all.length;
 * assert.ok(Math.abs(mean) < 0.2);
 * ```
 */
export function sampleNuts(target: LogDensity, options: NutsOptions = {}): NutsResult {
  const r = resolveNutsOptions(target.dim, options);
  const chains: NutsChain[] = [];
  for (let k = 0; k < r.chains; k++) chains.push(runChain(target, r, r.seed + k));
  return { dim: target.dim, draws: r.draws, chains };
}

/**
 * Runs one NUTS chain seeded with `seed` (`chains` is ignored): the building block of
 * {@link sampleNuts}, for running chains in parallel workers.
 *
 * @param target The log density and its gradient on ℝ^dim.
 * @param options Warmup, draws, seed and sampler settings.
 * @returns The chain's kept draws and statistics.
 *
 * @example One chain is chain 0 of sampleNuts with the same seed
 * ```ts
 * import { sampleNuts, sampleNutsChain } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const target = {
 *   dim: 1,
 *   logDensityAndGradient(x: Float64Array, g: Float64Array) {
 *     g[0] = -x[0]!;
 *     return -0.5 * x[0]! * x[0]!;
 *   },
 * };
 * const one = sampleNutsChain(target, { warmup: 50, draws: 20, seed: 7 });
 * const all = sampleNuts(target, { chains: 2, warmup: 50, draws: 20, seed: 7 });
 * assert.deepEqual(one.draws, all.chains[0]!.draws);
 * ```
 */
export function sampleNutsChain(target: LogDensity, options: NutsOptions = {}): NutsChain {
  const r = resolveNutsOptions(target.dim, options);
  return runChain(target, r, r.seed);
}

/** A point in phase space: position, momentum, gradient and log density. */
interface PhasePoint {
  theta: Float64Array;
  p: Float64Array;
  grad: Float64Array;
  logp: number;
}

/** What a subtree hands back to its parent. */
interface SubtreeOut {
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

function makePoint(dim: number): PhasePoint {
  return {
    theta: new Float64Array(dim),
    p: new Float64Array(dim),
    grad: new Float64Array(dim),
    logp: 0,
  };
}

function copyPoint(to: PhasePoint, from: PhasePoint): void {
  to.theta.set(from.theta);
  to.p.set(from.p);
  to.grad.set(from.grad);
  to.logp = from.logp;
}

function makeOut(dim: number): SubtreeOut {
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

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** p♯⁻·ρ > 0 and p♯⁺·ρ > 0: the trajectory has not turned back on itself. */
function noUTurn(pSharpMinus: Float64Array, pSharpPlus: Float64Array, rho: Float64Array): boolean {
  let a = 0, b = 0;
  for (let i = 0; i < rho.length; i++) {
    const r = rho[i] as number;
    a += (pSharpMinus[i] as number) * r;
    b += (pSharpPlus[i] as number) * r;
  }
  return a > 0 && b > 0;
}

/** Same as {@link noUTurn} on ρ + extra, without allocating. */
function noUTurnExtended(
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

/** One chain's sampler state, with every buffer allocated once. */
class NutsChainSampler {
  readonly #target: LogDensity;
  readonly #dim: number;
  readonly #rng: Rng;
  readonly #maxDepth: number;
  /** Diagonal inverse metric (used when not dense). */
  readonly invMetric: Float64Array;
  /** Dense inverse metric Σ and its Cholesky factor L (Σ = L L'), row-major. */
  readonly dense: boolean;
  readonly covariance: Float64Array;
  readonly #cholesky: Float64Array;
  readonly #sharpScratch: Float64Array;
  stepSize = 1;
  /** The current draw. */
  readonly current: PhasePoint;
  /** The state being integrated. */
  readonly #z: PhasePoint;
  /** Outer ends of the trajectory. */
  readonly #minus: PhasePoint;
  readonly #plus: PhasePoint;
  /** Per-depth child outputs: `#init[d]`, `#final[d]` are the two halves of a depth-d subtree. */
  readonly #initOut: SubtreeOut[] = [];
  readonly #finalOut: SubtreeOut[] = [];
  readonly #top: SubtreeOut;
  readonly #rho: Float64Array;
  readonly #pSharpMinus: Float64Array;
  readonly #pSharpPlus: Float64Array;
  readonly #pMinus: Float64Array;
  readonly #pPlus: Float64Array;
  readonly #scratch: Float64Array;
  #h0 = 0;
  #leapfrogs = 0;
  #sumMetro = 0;
  #divergent = false;
  // Statistics of the last transition.
  acceptStat = 0;
  depth = 0;
  leapfrogSteps = 0;
  divergent = false;
  energy = 0;

  constructor(target: LogDensity, rng: Rng, maxDepth: number, dense: boolean) {
    const dim = target.dim;
    this.#target = target;
    this.#dim = dim;
    this.#rng = rng;
    this.#maxDepth = maxDepth;
    this.invMetric = new Float64Array(dim).fill(1);
    this.dense = dense;
    this.covariance = new Float64Array(dense ? dim * dim : 0);
    this.#cholesky = new Float64Array(dense ? dim * dim : 0);
    for (let i = 0; dense && i < dim; i++) {
      this.covariance[i * dim + i] = 1;
      this.#cholesky[i * dim + i] = 1;
    }
    this.#sharpScratch = new Float64Array(dim);
    this.current = makePoint(dim);
    this.#z = makePoint(dim);
    this.#minus = makePoint(dim);
    this.#plus = makePoint(dim);
    for (let d = 0; d <= maxDepth; d++) {
      this.#initOut.push(makeOut(dim));
      this.#finalOut.push(makeOut(dim));
    }
    this.#top = makeOut(dim);
    this.#rho = new Float64Array(dim);
    this.#pSharpMinus = new Float64Array(dim);
    this.#pSharpPlus = new Float64Array(dim);
    this.#pMinus = new Float64Array(dim);
    this.#pPlus = new Float64Array(dim);
    this.#scratch = new Float64Array(dim);
  }

  /** Evaluates the target at `pt.theta`, filling `pt.grad` and `pt.logp` (NaN → -∞). */
  evaluate(pt: PhasePoint): void {
    const lp = this.#target.logDensityAndGradient(pt.theta, pt.grad);
    pt.logp = Number.isNaN(lp) ? -Infinity : lp;
  }

  #kinetic(p: Float64Array): number {
    let k = 0;
    if (this.dense) {
      const q = this.#sharpScratch;
      this.#sharp(p, q);
      for (let i = 0; i < this.#dim; i++) k += (p[i] as number) * (q[i] as number);
      return 0.5 * k;
    }
    const m = this.invMetric;
    for (let i = 0; i < this.#dim; i++) {
      const v = p[i] as number;
      k += (m[i] as number) * v * v;
    }
    return 0.5 * k;
  }

  /** Sets the dense inverse metric to `cov`; falls back to its diagonal if not positive definite. */
  setCovariance(cov: Float64Array): void {
    const dim = this.#dim, l = this.#cholesky;
    l.set(cov);
    if (choleskyInPlace(l, dim)) {
      this.covariance.set(cov);
      for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) l[i * dim + j] = 0;
      return;
    }
    this.covariance.fill(0);
    l.fill(0);
    for (let i = 0; i < dim; i++) {
      const v = cov[i * dim + i] as number;
      this.covariance[i * dim + i] = v;
      l[i * dim + i] = Math.sqrt(v);
    }
  }

  #hamiltonian(pt: PhasePoint): number {
    const h = -pt.logp + this.#kinetic(pt.p);
    return Number.isNaN(h) ? Infinity : h;
  }

  #sampleMomentum(p: Float64Array): void {
    const dim = this.#dim;
    if (this.dense) {
      // p ~ N(0, Σ⁻¹): solve L' p = z for z ~ N(0, I).
      const l = this.#cholesky;
      for (let i = 0; i < dim; i++) p[i] = this.#rng.normal();
      for (let i = dim - 1; i >= 0; i--) {
        let s = p[i] as number;
        for (let k = i + 1; k < dim; k++) s -= (l[k * dim + i] as number) * (p[k] as number);
        p[i] = s / (l[i * dim + i] as number);
      }
      return;
    }
    const m = this.invMetric;
    for (let i = 0; i < dim; i++) p[i] = this.#rng.normal() / Math.sqrt(m[i] as number);
  }

  #sharp(p: Float64Array, out: Float64Array): void {
    const dim = this.#dim;
    if (this.dense) {
      const c = this.covariance;
      for (let i = 0; i < dim; i++) {
        let s = 0;
        const o = i * dim;
        for (let k = 0; k < dim; k++) s += (c[o + k] as number) * (p[k] as number);
        out[i] = s;
      }
      return;
    }
    const m = this.invMetric;
    for (let i = 0; i < dim; i++) out[i] = (m[i] as number) * (p[i] as number);
  }

  #leapfrog(pt: PhasePoint, eps: number): void {
    const { theta, p, grad } = pt;
    const half = 0.5 * eps, q = this.#sharpScratch;
    for (let i = 0; i < this.#dim; i++) p[i] = (p[i] as number) + half * (grad[i] as number);
    this.#sharp(p, q);
    for (let i = 0; i < this.#dim; i++) theta[i] = (theta[i] as number) + eps * (q[i] as number);
    this.evaluate(pt);
    for (let i = 0; i < this.#dim; i++) p[i] = (p[i] as number) + half * (grad[i] as number);
  }

  /**
   * Stan's heuristic for a first step size: double or halve it until the acceptance
   * probability of one leapfrog step from the current point crosses 0.8.
   */
  initStepSize(): void {
    const z = this.#z;
    let direction = 0;
    for (let iter = 0; iter < 200; iter++) {
      copyPoint(z, this.current);
      this.#sampleMomentum(z.p);
      const h0 = this.#hamiltonian(z);
      this.#leapfrog(z, this.stepSize);
      const h = this.#hamiltonian(z);
      const dirNew = h0 - h > Math.log(0.8) ? 1 : -1;
      if (direction === 0) direction = dirNew;
      if (dirNew !== direction) return;
      this.stepSize = direction === 1 ? 2 * this.stepSize : 0.5 * this.stepSize;
      if (this.stepSize > 1e7) {
        throw new FitError("Cannot initialise the NUTS step size: the posterior looks improper", {
          hint: "check that every parameter has a proper prior",
        });
      }
      if (this.stepSize < 1e-300) {
        throw new FitError("Cannot initialise the NUTS step size: no step size is accepted", {
          hint: "check the log density and its gradient for NaN",
        });
      }
    }
  }

  /** One NUTS transition from `current`; the new draw replaces it. */
  transition(): void {
    const dim = this.#dim;
    const cur = this.current;
    this.#sampleMomentum(cur.p);
    this.#h0 = this.#hamiltonian(cur);
    copyPoint(this.#minus, cur);
    copyPoint(this.#plus, cur);
    const rho = this.#rho;
    rho.set(cur.p);
    this.#sharp(cur.p, this.#pSharpMinus);
    this.#pSharpPlus.set(this.#pSharpMinus);
    this.#pMinus.set(cur.p);
    this.#pPlus.set(cur.p);
    let logSumWeight = 0;
    this.#leapfrogs = 0;
    this.#sumMetro = 0;
    this.#divergent = false;
    let depth = 0;
    const top = this.#top;
    const scratch = this.#scratch;
    while (depth < this.#maxDepth) {
      const forward = this.#rng.uniform() > 0.5;
      const z = this.#z;
      copyPoint(z, forward ? this.#plus : this.#minus);
      const eps = forward ? this.stepSize : -this.stepSize;
      const valid = this.#buildTree(depth, z, eps, top);
      copyPoint(forward ? this.#plus : this.#minus, z);
      if (!valid) break;
      depth++;
      // Biased progressive sampling of the new subtree against the old trajectory.
      if (top.logSumWeight > logSumWeight) {
        copyPoint(cur, top.sample);
      } else if (this.#rng.uniform() < Math.exp(top.logSumWeight - logSumWeight)) {
        copyPoint(cur, top.sample);
      }
      logSumWeight = logAddExp(logSumWeight, top.logSumWeight);
      // The old trajectory is "bck" (left) or "fwd" (right) depending on the direction.
      // scratch = ρ of the old trajectory, before merging.
      scratch.set(rho);
      for (let i = 0; i < dim; i++) rho[i] = (rho[i] as number) + (top.rho[i] as number);
      let persist: boolean;
      if (forward) {
        // left = old trajectory [minus … oldPlus], right = new subtree [pBeg … pEnd].
        persist = noUTurn(this.#pSharpMinus, top.pSharpEnd, rho) &&
          noUTurnExtended(this.#pSharpMinus, top.pSharpBeg, scratch, top.pBeg) &&
          noUTurnExtended(this.#pSharpPlus, top.pSharpEnd, top.rho, this.#pPlus);
        this.#pSharpPlus.set(top.pSharpEnd);
        this.#pPlus.set(top.pEnd);
      } else {
        // left = new subtree [pEnd … pBeg], right = old trajectory [oldMinus … plus].
        persist = noUTurn(top.pSharpEnd, this.#pSharpPlus, rho) &&
          noUTurnExtended(top.pSharpBeg, this.#pSharpPlus, scratch, top.pBeg) &&
          noUTurnExtended(top.pSharpEnd, this.#pSharpMinus, top.rho, this.#pMinus);
        this.#pSharpMinus.set(top.pSharpEnd);
        this.#pMinus.set(top.pEnd);
      }
      if (!persist) break;
    }
    this.depth = depth;
    this.leapfrogSteps = this.#leapfrogs;
    this.divergent = this.#divergent;
    this.acceptStat = this.#leapfrogs > 0 ? this.#sumMetro / this.#leapfrogs : 0;
    this.energy = this.#hamiltonian(cur);
  }

  /**
   * Builds a subtree of 2^depth leapfrog steps from `z` in the direction of `eps`, leaving `z`
   * at its outer end. Returns false when it diverged or a sub-trajectory turned back.
   */
  #buildTree(depth: number, z: PhasePoint, eps: number, out: SubtreeOut): boolean {
    if (depth === 0) {
      this.#leapfrog(z, eps);
      this.#leapfrogs++;
      // H = −log p + ½ p·M⁻¹p, reusing M⁻¹p (needed for the U-turn checks anyway).
      const sharp = out.pSharpBeg, p = z.p;
      this.#sharp(p, sharp);
      let k = 0;
      for (let i = 0; i < this.#dim; i++) k += (p[i] as number) * (sharp[i] as number);
      const h = -z.logp + 0.5 * k;
      const delta = (Number.isNaN(h) ? Infinity : h) - this.#h0;
      if (delta > MAX_DELTA_H) {
        // deno-lint-ignore no-explicit-any
        (globalThis as any).__onDivergence?.(z.theta);
        this.#divergent = true;
        return false;
      }
      out.logSumWeight = -delta;
      this.#sumMetro += delta < 0 ? 1 : Math.exp(-delta);
      copyPoint(out.sample, z);
      out.rho.set(p);
      out.pBeg.set(p);
      out.pEnd.set(p);
      out.pSharpEnd.set(sharp);
      return true;
    }
    const init = this.#initOut[depth] as SubtreeOut;
    const fin = this.#finalOut[depth] as SubtreeOut;
    if (!this.#buildTree(depth - 1, z, eps, init)) return false;
    if (!this.#buildTree(depth - 1, z, eps, fin)) return false;
    const lsw = logAddExp(init.logSumWeight, fin.logSumWeight);
    out.logSumWeight = lsw;
    // Uniform (multinomial) sampling within the subtree.
    const pickFinal = this.#rng.uniform() < Math.exp(fin.logSumWeight - lsw);
    copyPoint(out.sample, pickFinal ? fin.sample : init.sample);
    const dim = this.#dim;
    for (let i = 0; i < dim; i++) out.rho[i] = (init.rho[i] as number) + (fin.rho[i] as number);
    const persist = noUTurn(init.pSharpBeg, fin.pSharpEnd, out.rho) &&
      noUTurnExtended(init.pSharpBeg, fin.pSharpBeg, init.rho, fin.pBeg) &&
      noUTurnExtended(init.pSharpEnd, fin.pSharpEnd, fin.rho, init.pEnd);
    out.pBeg.set(init.pBeg);
    out.pSharpBeg.set(init.pSharpBeg);
    out.pEnd.set(fin.pEnd);
    out.pSharpEnd.set(fin.pSharpEnd);
    return persist;
  }
}

/** Dual averaging of log step size (Hoffman & Gelman 2014, Algorithm 5). */
class DualAveraging {
  #mu = 0;
  #counter = 0;
  #sBar = 0;
  #xBar = 0;
  readonly #delta: number;

  constructor(delta: number) {
    this.#delta = delta;
  }

  restart(stepSize: number): void {
    this.#mu = Math.log(10 * stepSize);
    this.#counter = 0;
    this.#sBar = 0;
    this.#xBar = 0;
  }

  /** Updates with one transition's acceptance statistic and returns the next step size. */
  learn(acceptStat: number): number {
    this.#counter++;
    const a = Math.min(1, acceptStat);
    const eta = 1 / (this.#counter + DA_T0);
    this.#sBar = (1 - eta) * this.#sBar + eta * (this.#delta - a);
    const x = this.#mu - this.#sBar * Math.sqrt(this.#counter) / DA_GAMMA;
    const xEta = Math.pow(this.#counter, -DA_KAPPA);
    this.#xBar = (1 - xEta) * this.#xBar + xEta * x;
    return Math.exp(x);
  }

  /** The averaged step size to use after warmup. */
  final(): number {
    return Math.exp(this.#xBar);
  }
}

/** Stan's windowed warmup schedule for the metric. */
class WarmupWindows {
  readonly #warmup: number;
  readonly #initBuffer: number;
  readonly #termBuffer: number;
  #windowSize: number;
  #nextWindowEnd: number;
  #counter = 0;
  readonly enabled: boolean;

  constructor(warmup: number) {
    this.#warmup = warmup;
    let init = 75, term = 50, base = 25;
    this.enabled = warmup >= 20;
    if (init + base + term > warmup) {
      init = Math.trunc(0.15 * warmup);
      term = Math.trunc(0.1 * warmup);
      base = warmup - (init + term);
    }
    this.#initBuffer = init;
    this.#termBuffer = term;
    this.#windowSize = base;
    this.#nextWindowEnd = init + base - 1;
  }

  /** Whether iteration `counter` (before increment) falls inside a metric window. */
  inWindow(): boolean {
    const c = this.#counter;
    return this.enabled && c >= this.#initBuffer && c < this.#warmup - this.#termBuffer &&
      c !== this.#warmup;
  }

  /** Advances one iteration; true when a window just ended and the metric should update. */
  step(): boolean {
    const c = this.#counter;
    const ended = this.enabled && c === this.#nextWindowEnd && c !== this.#warmup;
    if (ended) this.#computeNextWindow();
    this.#counter++;
    return ended;
  }

  #computeNextWindow(): void {
    const lastEnd = this.#warmup - this.#termBuffer - 1;
    if (this.#nextWindowEnd === lastEnd) return;
    this.#windowSize *= 2;
    this.#nextWindowEnd = this.#counter + this.#windowSize;
    if (this.#nextWindowEnd !== lastEnd) {
      const boundary = this.#nextWindowEnd + 2 * this.#windowSize;
      if (boundary >= this.#warmup - this.#termBuffer) this.#nextWindowEnd = lastEnd;
    }
  }
}

/**
 * The chain's first point (the given `init`, else up to 100 uniform draws in ±initRadius until
 * the log density and its gradient are finite) and its initial metric.
 *
 * @throws {FitError} when no such point is found.
 */
function startChain(s: NutsChainSampler, rng: Rng, r: Resolved, dim: number): void {
  const cur = s.current;
  let found = false;
  for (let attempt = 0; attempt < 100 && !found; attempt++) {
    if (r.init !== undefined) cur.theta.set(r.init);
    else for (let i = 0; i < dim; i++) cur.theta[i] = rng.uniformIn(-r.initRadius, r.initRadius);
    s.evaluate(cur);
    found = Number.isFinite(cur.logp) && cur.grad.every(Number.isFinite);
    if (r.init !== undefined) break;
  }
  if (!found) {
    throw new FitError(
      "Cannot run NUTS: no initial point with a finite log density and gradient was found",
      { hint: 'pass a valid "init" or a smaller "initRadius"' },
    );
  }
  const m0 = r.initMetric;
  if (m0 !== undefined) {
    const full = m0.length === dim * dim;
    if (r.dense) {
      const cov = new Float64Array(dim * dim);
      for (let i = 0; i < dim; i++) {
        if (full) { for (let j = 0; j < dim; j++) cov[i * dim + j] = m0[i * dim + j] as number; }
        else cov[i * dim + i] = m0[i] as number;
      }
      s.setCovariance(cov);
    } else {
      for (let i = 0; i < dim; i++) s.invMetric[i] = (full ? m0[i * dim + i] : m0[i]) as number;
    }
  }
}

function runChain(target: LogDensity, r: Resolved, seed: number): NutsChain {
  const dim = target.dim;
  if (!Number.isInteger(dim) || dim < 1) {
    throw new RangeError(
      `Cannot run NUTS: "dim" must be a positive integer, current value is ${dim}`,
    );
  }
  const rng = new Rng(seed);
  const s = new NutsChainSampler(target, rng, r.maxTreeDepth, r.dense);
  const cur = s.current;
  startChain(s, rng, r, dim);
  s.initStepSize();
  const da = new DualAveraging(r.targetAccept);
  da.restart(s.stepSize);
  const windows = new WarmupWindows(r.warmup);
  const metric = new MetricWindow(dim, r.dense);
  const report = r.onProgress;
  let warmDivergences = 0;
  for (let it = 0; it < r.warmup; it++) {
    s.transition();
    s.stepSize = da.learn(s.acceptStat);
    if (report) {
      if (s.divergent) warmDivergences++;
      report({
        iteration: it + 1,
        warmup: r.warmup,
        draws: r.draws,
        phase: "warmup",
        divergences: warmDivergences,
        leapfrogSteps: s.leapfrogSteps,
      });
    }
    if (!r.adaptMetric) continue;
    if (windows.inWindow()) metric.add(cur.theta);
    if (windows.step()) {
      metric.applyTo(s);
      s.initStepSize();
      da.restart(s.stepSize);
    }
  }
  if (r.warmup > 0) s.stepSize = da.final();
  const n = r.draws;
  const draws = new Float64Array(n * dim);
  const logDensity = new Float64Array(n);
  const acceptStat = new Float64Array(n);
  const treeDepth = new Uint8Array(n);
  const leapfrogSteps = new Uint32Array(n);
  const divergent = new Uint8Array(n);
  const energy = new Float64Array(n);
  let sampleDivergences = 0;
  for (let it = 0; it < n; it++) {
    s.transition();
    draws.set(cur.theta, it * dim);
    logDensity[it] = cur.logp;
    acceptStat[it] = s.acceptStat;
    treeDepth[it] = s.depth;
    leapfrogSteps[it] = s.leapfrogSteps;
    divergent[it] = s.divergent ? 1 : 0;
    energy[it] = s.energy;
    if (report) {
      if (s.divergent) sampleDivergences++;
      report({
        iteration: r.warmup + it + 1,
        warmup: r.warmup,
        draws: r.draws,
        phase: "sampling",
        divergences: sampleDivergences,
        leapfrogSteps: s.leapfrogSteps,
      });
    }
  }
  return {
    draws,
    logDensity,
    acceptStat,
    treeDepth,
    leapfrogSteps,
    divergent,
    energy,
    stepSize: s.stepSize,
    inverseMetric: Float64Array.from(s.dense ? s.covariance : s.invMetric),
  };
}
