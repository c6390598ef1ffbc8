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
import { FitError } from "../../errors.ts";
import { MetricWindow } from "./_metric_window.ts";
import { NutsChainSampler } from "./_nuts_sampler.ts";
import { DualAveraging, STAN_WINDOW, WarmupWindows } from "./_nuts_adaptation.ts";
import { type Resolved, resolveNutsOptions } from "./_nuts_options.ts";

/**
 * Mean leapfrog steps per iteration of the initial buffer under which `metricWindow: "auto"`
 * keeps the first metric for the whole middle of the warmup. From the mode with the Laplace
 * metric: 49 on the geo bench panel (233 coordinates), where one window saves a fifth of the
 * warmup's gradients; 778 on the bundled geo set (84), where it cost 2.9× (bench/README.md).
 */
export const SHORT_TRAJECTORY = 128;

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
  /** Draws `initMetric` counts as in each window's metric estimate (shrinkage). @default 0 */
  readonly metricPriorWeight?: number;
  /**
   * Iterations of the first metric window (Stan's `window`); each later window doubles, and the
   * last one stretches to the terminal buffer. `"auto"` decides at the end of the initial buffer:
   * if its trajectories averaged fewer than {@link SHORT_TRAJECTORY} leapfrog steps, the first
   * metric fits the posterior well and one window spans the warmup's middle (the metric is
   * estimated once, from every draw between the initial and terminal buffers); otherwise 25.
   * @default 25
   */
  readonly metricWindow?: number | "auto";
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
  const auto = r.metricWindow === "auto";
  const windows = new WarmupWindows(r.warmup, auto ? STAN_WINDOW : r.metricWindow as number);
  let bufferSteps = 0;
  const metric = new MetricWindow(
    dim,
    r.dense,
    r.initMetric && r.metricPriorWeight > 0
      ? { metric: r.initMetric, weight: r.metricPriorWeight }
      : undefined,
  );
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
    if (auto && it < windows.initBuffer) {
      bufferSteps += s.leapfrogSteps;
      if (it === windows.initBuffer - 1) {
        const short = bufferSteps / windows.initBuffer < SHORT_TRAJECTORY;
        windows.setFirstWindow(short ? windows.middle : STAN_WINDOW);
      }
    }
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
