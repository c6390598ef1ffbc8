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
import { FitError, MmmDataError } from "../../errors.ts";
import type { MmmData, ModelSpec } from "../../types.ts";
import { type DesignBasis, designBasis, designMatrix } from "../design_matrix.ts";
import { rejectChannelFeatures } from "../../features/baseline.ts";
import { MmmPosterior, type MmmPosteriorInput, type MmmPosteriorOptions } from "./model.ts";
import { type NutsChain, type NutsOptions, sampleNuts } from "./nuts.ts";
import type { Prior } from "./priors.ts";
import { BayesFit, type BayesParameterInfo } from "./bayes_fit.ts";

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
   * Prior overrides on the model's internal scale (scaled KPI, standardised regressors), by
   * parameter name (`"tv"`, `"tv.decay"`, `"price"`, `"intercept"`, `"sigma"`) or group
   * (`"media"`, `"baseline"`, `"adstock.decay"`, `"saturation.shape"` …). @default {}
   */
  readonly priors?: Readonly<Record<string, Prior>>;
  /** Keep transform parameters fixed at the spec's values. @default false */
  readonly fixTransforms?: boolean;
  /** Probability of the central intervals in the parameter table. @default 0.9 */
  readonly level?: number;
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
  /** Sampler settings; `seed` is the chain's own seed. */
  readonly nuts: NutsOptions;
}

interface Prepared {
  readonly basis: DesignBasis;
  readonly job: BayesChainJob;
  readonly chains: number;
  readonly seed: number;
  readonly yScale: number;
  readonly centre: readonly number[];
  readonly spread: readonly number[];
  readonly level: number;
  readonly maxTreeDepth: number;
}

function prepare(data: MmmData, spec: ModelSpec, options: BayesOptions): Prepared {
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(
      `Cannot fit Bayesian model: "level" must be in (0, 1), current value is ${level}`,
    );
  }
  if (data.geo !== undefined) {
    throw new MmmDataError("Cannot fit Bayesian model: panel (geo) data is not supported", {
      column: data.geo.name,
      hint: "fit each geo separately or aggregate to national rows",
    });
  }
  rejectChannelFeatures(spec.baseline, spec.channels.map((c) => c.name), "fit Bayesian model");
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const y = design.y as Float64Array, n = y.length;
  let yScale = 0;
  for (let t = 0; t < n; t++) yScale += Math.abs(y[t] as number);
  yScale /= n;
  if (!(yScale > 0)) {
    throw new MmmDataError(
      `Cannot fit Bayesian model: response "${data.kpi.name}" is zero on every row`,
      { column: data.kpi.name },
    );
  }
  const channels = basis.spec.channels.map((c) => {
    const spend = data.channels.find((d) => d.name === c.name)?.spend as Float64Array;
    const scale = c.scale as number;
    return {
      name: c.name,
      x: spend.map((v) => v / scale),
      adstock: c.adstock,
      saturation: c.saturation,
    };
  });
  const centre: number[] = [], spread: number[] = [];
  const baseline = design.columns.flatMap((col, j) => {
    if (col.group === "media") return [];
    const v = design.values[j] as Float64Array;
    let m = 0;
    for (let t = 0; t < n; t++) m += v[t] as number;
    m /= n;
    let s = 0;
    for (let t = 0; t < n; t++) s += ((v[t] as number) - m) ** 2;
    s = Math.sqrt(s / n);
    if (!(s > 0)) s = 1;
    centre.push(m);
    spread.push(s);
    return [{ name: col.name, values: v.map((x) => (x - m) / s) }];
  });
  const maxTreeDepth = options.maxTreeDepth ?? 10;
  return {
    basis,
    job: {
      input: { y: y.map((v) => v / yScale), channels, baseline },
      posterior: {
        ...(options.priors !== undefined ? { priors: options.priors } : {}),
        ...(options.fixTransforms !== undefined ? { fixTransforms: options.fixTransforms } : {}),
      },
      nuts: {
        warmup: options.warmup ?? 1000,
        draws: options.draws ?? 1000,
        maxTreeDepth,
        targetAccept: options.targetAccept ?? 0.8,
        metric: options.metric ?? "dense",
      },
    },
    chains: options.chains ?? 4,
    seed: options.seed ?? 0,
    yScale,
    centre,
    spread,
    level,
    maxTreeDepth,
  };
}

/** Maps the chains' unconstrained draws to reporting units and assembles the fit. */
function assemble(
  data: MmmData,
  p: Prepared,
  posterior: MmmPosterior,
  chains: readonly NutsChain[],
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
  const result = sampleNuts(posterior, { ...p.job.nuts, chains: p.chains, seed: p.seed });
  return assemble(data, p, posterior, result.chains);
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
  const workers = options.workers ??
    Math.max(1, Math.min(p.chains, globalThis.navigator?.hardwareConcurrency ?? 1));
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(
      `Cannot fit Bayesian model: "workers" must be a positive integer, current value is ${workers}`,
    );
  }
  const chains: NutsChain[] = new Array(p.chains);
  let next = 0;
  const runWorker = async () => {
    const worker = new Worker(new URL("./_chain_worker.ts", import.meta.url).href, {
      type: "module",
    });
    try {
      while (next < p.chains) {
        const k = next++;
        const job: BayesChainJob = { ...p.job, nuts: { ...p.job.nuts, seed: p.seed + k } };
        chains[k] = await new Promise<NutsChain>((resolve, reject) => {
          worker.onmessage = (e: MessageEvent<{ chain?: NutsChain; error?: string }>) => {
            if (e.data.chain !== undefined) resolve(e.data.chain);
            else {reject(
                new FitError(`Cannot run chain ${k}: ${e.data.error ?? "the worker failed"}`),
              );}
          };
          worker.onerror = (e: ErrorEvent) => {
            e.preventDefault();
            reject(new FitError(`Cannot run chain ${k}: ${e.message}`));
          };
          worker.postMessage(job);
        });
      }
    } finally {
      worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, p.chains) }, runWorker));
  return assemble(data, p, posterior, chains);
}
