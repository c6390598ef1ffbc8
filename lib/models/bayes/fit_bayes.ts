/**
 * Fitting the Bayesian media mix model by NUTS: {@link fitBayes} runs the chains one after
 * another, {@link fitBayesParallel} runs them in Web Workers; both give identical draws for the
 * same seed.
 *
 * Scaling (the model itself is described in `model.ts`): the response (the KPI, or log KPI for
 * the log-log specification, whose channels default to the log1p saturation) is divided by its
 * mean absolute training value, spend by the channel's scale (mean training spend unless the spec
 * sets one), and baseline regressors (controls, trend, Fourier terms, events, from the shared
 * design matrix) are centred and divided by their standard deviation. Draws are mapped back to
 * KPI units (see `bayes_fit.ts`).
 *
 * @module
 */
import type { Diagnostic, LiftTest, MmmData, ModelSpec } from "../../types.ts";
import { checkPosterior } from "./pre_fit_check.ts";
import { MmmPosterior } from "./model.ts";
import type { MmmPosteriorInput, MmmPosteriorOptions } from "./posterior_input.ts";
import type { NutsChain, NutsOptions } from "./nuts.ts";
import { runChainsInWorkers } from "./_worker_pool.ts";
import { prepare, type Prepared } from "./_prepare.ts";
import { runChainJob } from "./_run_chain.ts";
import type { SamplingProgress } from "./sampling_progress.ts";
import { ProgressAggregator } from "./_progress_aggregator.ts";
import type { Prior } from "./priors.ts";
import { BayesFit } from "./bayes_fit.ts";
import type { BayesParameterInfo, PriorRecord } from "./bayes_fit_parts.ts";

/** Options of {@link fitBayes} and {@link fitBayesParallel}. */
export interface BayesOptions {
  /** Number of chains; chain k is seeded with `seed + k`. @default 4 */
  readonly chains?: number;
  /** Warmup iterations per chain. @default 1000 */
  readonly warmup?: number;
  /** Kept draws per chain. @default 1000 */
  readonly draws?: number;
  /** Seed of chain 0. @default 0 */
  readonly seed?: number;
  /** NUTS maximum tree depth. @default 10 */
  readonly maxTreeDepth?: number;
  /** NUTS target acceptance statistic (raise towards 0.95 if there are divergences). @default 0.8 */
  readonly targetAccept?: number;
  /**
   * NUTS metric: `"dense"` adapts the full posterior covariance, which suits the correlated
   * intercept, coefficient and saturation parameters of an MMM. @default "dense"
   */
  readonly metric?: "diag" | "dense";
  /**
   * Prior overrides by key (see `model.ts`): `"roas"` / `"<channel>.roas"` (ROAS, KPI per unit
   * of spend; linear specification), `"coefficient"` / `"<channel>.coefficient"` (the
   * elasticity, log-log), `"<param>"` / `"<channel>.<param>"` (transform parameters, in their
   * own units), and on the scaled KPI (KPI / mean |KPI|, regressors standardised):
   * `"intercept"` (the mean baseline), `"baseline"` / a regressor name, `"sigma"`. @default {}
   */
  readonly priors?: Readonly<Record<string, Prior>>;
  /**
   * Transform parameters held at the spec's values, as `"<channel>.<param>"` (e.g.
   * `"tv.decay"`); the others are sampled. @default []
   */
  readonly fixed?: readonly string[];
  /** Keep every transform parameter fixed at the spec's values. @default false */
  readonly fixTransforms?: boolean;
  /**
   * Lift tests (each with its `standardError`), added to the likelihood over their window;
   * the window must lie within the data's dates. @default []
   */
  readonly liftTests?: readonly LiftTest[];
  /** Probability of the central intervals in the parameter table. @default 0.9 */
  readonly level?: number;
  /**
   * Where chains start: `"mode"`, the posterior mode found by L-BFGS from a jittered central
   * point, with the Laplace approximation there as the first metric; `"random"`, Stan's
   * uniform(−2, 2) on the unconstrained scale with the identity metric. @default "mode"
   */
  readonly init?: "mode" | "random";
  /**
   * Progress while sampling (each chain's iteration, phase, divergences, and the time left),
   * at most five times a second and once at the end; see `sampling_progress.ts` for terminal
   * and Jupyter displays. It does not change the draws. @default undefined
   */
  readonly onProgress?: (progress: SamplingProgress) => void;
  /**
   * Run the pre-fit check (posterior modes from 4 starting points, see `pre_fit_check.ts`)
   * and add its warnings to the fit's diagnostics. @default true
   */
  readonly preFitCheck?: boolean;
}

/** Options of {@link fitBayesParallel}. */
export interface BayesParallelOptions extends BayesOptions {
  /** Number of workers. @default the smaller of the chains and `navigator.hardwareConcurrency` */
  readonly workers?: number;
}

/** Everything a chain needs, all structured-cloneable (sent to workers as is). */
export interface BayesChainJob {
  /** Posterior inputs on the internal scale. */
  readonly input: MmmPosteriorInput;
  /** Priors and fixed transforms. */
  readonly posterior: MmmPosteriorOptions;
  /** Sampler settings (each chain gets its own seed). */
  readonly nuts: NutsOptions;
  /** Where chains start (see {@link BayesOptions.init}). */
  readonly init: "mode" | "random";
}

/** A coefficient prior on the scaled KPI in reporting units (times the KPI scale). */
function reportingPrior(prior: Prior, yScale: number): Prior {
  if (prior.dist === "halfnormal") return { dist: "halfnormal", sigma: prior.sigma * yScale };
  if (prior.dist === "lognormal") {
    return { dist: "lognormal", mu: prior.mu + Math.log(yScale), sigma: prior.sigma };
  }
  return prior;
}

/** Maps the chains' unconstrained draws to reporting units and assembles the fit. */
function assemble(
  data: MmmData,
  p: Prepared,
  posterior: MmmPosterior,
  chains: readonly NutsChain[],
  warnings: readonly Diagnostic[],
): BayesFit {
  const params = posterior.parameters, dim = posterior.dim;
  const per = p.job.nuts.draws as number, total = chains.length * per;
  const draws = new Float64Array(total * dim), value = new Float64Array(dim);
  const { yScale, centre, spread } = p;
  const baselineStart = params.findIndex((q) => q.group === "baseline");
  for (let k = 0; k < chains.length; k++) {
    const c = chains[k] as NutsChain;
    for (let i = 0; i < per; i++) {
      posterior.constrain(c.draws.subarray(i * dim, (i + 1) * dim), value);
      const o = (k * per + i) * dim;
      let shift = 0;
      for (let j = 0; j < dim; j++) {
        const v = value[j] as number;
        switch (params[j]!.group) {
          case "baseline": {
            const b = j - baselineStart, s = spread[b] as number;
            shift += (v * (centre[b] as number)) / s;
            draws[o + j] = (yScale * v) / s;
            break;
          }
          case "media":
          case "sigma":
            draws[o + j] = yScale * v;
            break;
          default:
            draws[o + j] = v;
        }
      }
      // The intercept absorbs the centring of the baseline regressors.
      draws[o] = yScale * ((value[0] as number) - shift);
    }
  }
  let divergences = 0, hits = 0, leapfrogs = 0;
  for (const c of chains) {
    for (let i = 0; i < per; i++) {
      divergences += c.divergent[i] as number;
      if ((c.treeDepth[i] as number) >= p.maxTreeDepth) hits++;
      leapfrogs += c.leapfrogSteps[i] as number;
    }
  }
  return new BayesFit({
    data,
    spec: p.basis.spec,
    level: p.level,
    parameters: params.map((q): BayesParameterInfo => ({
      name: q.name,
      group: q.group,
      ...(q.channel !== undefined ? { channel: q.channel } : {}),
      ...(q.param !== undefined ? { param: q.param } : {}),
    })),
    draws,
    chains: chains.length,
    liftTests: p.liftTests,
    warnings,
    priors: params.flatMap((q): PriorRecord[] => {
      if (q.group === "adstock" || q.group === "saturation") {
        return [{ name: q.name, key: q.key, prior: q.prior }];
      }
      if (q.group !== "media") return [];
      const prior = q.mediaPrior === "roas" ? q.prior : reportingPrior(q.prior, yScale);
      return [{ name: q.name, key: q.key, prior, mediaPrior: q.mediaPrior ?? "coefficient" }];
    }),
    sampler: {
      divergences,
      treeDepthHits: hits,
      stepSizes: chains.map((c) => c.stepSize),
      meanLeapfrogSteps: leapfrogs / total,
    },
  });
}

/**
 * Fits the Bayesian MMM by NUTS, running the chains one after another (see the module doc for
 * scaling and `model.ts` for the model and priors).
 *
 * @param data Training data (national: one row per date).
 * @param spec The model spec; its transform parameters are sampled unless `fixTransforms`.
 * @param options Chains, warmup, draws, seed, priors and sampler settings.
 * @returns The fit: summary with R-hat and ESS, predict/decompose with `{ draw }`, diagnostics.
 * @throws {MmmDataError} For panel data or a KPI that is zero on every row.
 * @throws {MmmDataError} For the log-log specification when the KPI is not positive.
 * @throws {ConfigError} For a saturation without a known input derivative or an invalid prior.
 *
 * @example A short fit on a tiny data set
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { fitBayes } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
 * const kpi = spend.map((s, i) => 10 + 2 * s + Math.sin(i));
 * const data = {
 *   dates, kpiKind: "revenue" as const, kpi: { name: "sales", values: kpi },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const fit = fitBayes(data, spec, { chains: 2, warmup: 100, draws: 50, fixTransforms: true });
 * assert.equal(fit.nDraws, 100);
 * assert.equal(fit.predict(data, { draw: 3 }).length, n);
 * ```
 */
export function fitBayes(data: MmmData, spec: ModelSpec, options: BayesOptions = {}): BayesFit {
  const p = prepare(data, spec, options);
  const posterior = new MmmPosterior(p.job.input, p.job.posterior);
  const warnings = options.preFitCheck === false
    ? []
    : checkPosterior(posterior, { starts: 4, seed: p.seed }).diagnostics;
  const progress = options.onProgress
    ? new ProgressAggregator(p.chains, p.perChain, options.onProgress)
    : undefined;
  const chains = Array.from(
    { length: p.chains },
    (_, k) => runChainJob(p.job, p.seed + k, progress ? (c) => progress.report(k, c) : undefined),
  );
  return assemble(data, p, posterior, chains, warnings);
}

/**
 * Fits the Bayesian MMM like {@link fitBayes}, with the chains spread over Web Workers (one
 * chain per worker at a time). The draws are identical to `fitBayes` with the same options.
 * Needs read permission for the worker module when run with restricted permissions.
 *
 * @param data Training data (national: one row per date).
 * @param spec The model spec.
 * @param options As {@link fitBayes}, plus the number of workers.
 * @returns A promise of the fit.
 * @throws {RangeError} When `workers` is not a positive integer.
 *
 * @example Two chains in two workers equal the sequential fit
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { fitBayes, fitBayesParallel } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const n = 20;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 1 + (i % 4));
 * const data = {
 *   dates, kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: spend.map((s, i) => 5 + s + Math.cos(i)) },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const o = { chains: 2, warmup: 50, draws: 20, seed: 3 };
 * const a = await fitBayesParallel(data, spec, { ...o, workers: 2 });
 * assert.deepEqual(a.summary, fitBayes(data, spec, o).summary);
 * ```
 */
export async function fitBayesParallel(
  data: MmmData,
  spec: ModelSpec,
  options: BayesParallelOptions = {},
): Promise<BayesFit> {
  const p = prepare(data, spec, options);
  const posterior = new MmmPosterior(p.job.input, p.job.posterior);
  const warnings = options.preFitCheck === false
    ? []
    : checkPosterior(posterior, { starts: 4, seed: p.seed }).diagnostics;
  const workers = options.workers ??
    Math.max(1, Math.min(p.chains, globalThis.navigator?.hardwareConcurrency ?? 1));
  const progress = options.onProgress
    ? new ProgressAggregator(p.chains, p.perChain, options.onProgress)
    : undefined;
  const chains = await runChainsInWorkers(p.job, {
    worker: new URL("./_chain_worker.ts", import.meta.url),
    chains: p.chains,
    seed: p.seed,
    perChain: p.perChain,
    dim: posterior.dim,
    workers,
    progress,
  });
  return assemble(data, p, posterior, chains, warnings);
}
