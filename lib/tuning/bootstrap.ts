/**
 * Block-bootstrap intervals for the classical fits (Robyn reports bootstrapped ROAS intervals;
 * mixlab's also cover the uncertainty of tuning).
 *
 * A replicate keeps every input (spend, controls, dates) and replaces the KPI by
 * `ŷ_t + e*_t`, where `ŷ` is the fitted model's prediction and `e*` is a moving-block resample
 * (Künsch 1989) of its residuals, centred: the residual bootstrap for regression (Efron &
 * Tibshirani 1993, §9.5) with blocks, so serial correlation left in the residuals survives.
 * Spend is never resampled, so adstock carryover stays intact. Each replicate is then fitted
 * again:
 * - with fixed transforms (OLS, ridge, elastic net), by the same estimator
 *   ({@link bootstrapFits});
 * - after tuning, by tuning again ({@link bootstrapTune}): a smaller search (by default from
 *   scratch; optionally warm-started from the original search's best sound candidates), then the
 *   same selection rule, so each replicate may choose other transform parameters (and λ) than
 *   the original fit.
 *
 * Intervals are then quantiles over the replicates (`channelReturns(fit, { replicates })`).
 *
 * @module
 */
import type { FittedModel, MmmData, ModelSpec } from "../types.ts";
import type { LinearModel } from "../models/linear_model.ts";
import { BaggedModel } from "../models/bagged_model.ts";
import { fitRidge } from "../models/ridge.ts";
import type { GuardrailLimits } from "../guardrails/limits.ts";
import { Rng } from "../rng.ts";
import { defaultBlockLength, movingBlockIndices } from "../mediation/block_bootstrap.ts";
import { differentialEvolutionSampler } from "./differential_evolution_sampler.ts";
import type { TuneResult } from "./tune.ts";
import { searchAndSelect } from "./search_and_select.ts";

/** Options of {@link bootstrapKpis} and {@link bootstrapFits}. */
export interface BootstrapOptions {
  /** Number of replicates. @default 100 */
  readonly replicates?: number;
  /** Rows per block. @default n^(1/3), rounded (Hall, Horowitz & Jing 1995) */
  readonly blockLength?: number;
  /** Seed of the resampling; the same seed gives the same replicates. @default 1 */
  readonly seed?: number;
}

function checkReplicates(replicates: number): void {
  if (!Number.isInteger(replicates) || replicates < 2) {
    throw new RangeError(
      `Cannot bootstrap: replicates must be an integer >= 2, got ${replicates}`,
    );
  }
}

/**
 * Replicate KPIs of a fitted model: `ŷ + e*`, with `e*` a centred moving-block resample of the
 * residuals `y − ŷ` on the training rows.
 *
 * @throws {RangeError} for fewer than 2 replicates or a block length outside [1, n].
 *
 * @example Replicates keep the fit and reshuffle its residuals
 * ```ts
 * import type { FittedModel } from "mixlab";
 * import { bootstrapKpis } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const kpi = new Float64Array([10, 12, 9, 11, 10, 13]);
 * const fitted = new Float64Array(6).fill(10.5);
 * const fit = { fitted, data: { kpi: { name: "y", values: kpi } } } as unknown as FittedModel;
 * const ys = bootstrapKpis(fit, { replicates: 3, blockLength: 2, seed: 4 });
 * assert.equal(ys.length, 3);
 * // centred residuals: each replicate's mean is the fit's mean
 * for (const y of ys) assert.ok(Math.abs(y.reduce((a, b) => a + b, 0) / 6 - 10.5) < 1e-12);
 * ```
 */
export function bootstrapKpis(fit: FittedModel, options: BootstrapOptions = {}): Float64Array[] {
  const replicates = options.replicates ?? 100;
  checkReplicates(replicates);
  const y = fit.data.kpi.values, yhat = fit.fitted, n = y.length;
  const e = new Float64Array(n);
  for (let t = 0; t < n; t++) e[t] = (y[t] as number) - (yhat[t] as number);
  const rng = new Rng(options.seed ?? 1);
  const blockLength = options.blockLength ?? defaultBlockLength(n);
  const out: Float64Array[] = [];
  for (let b = 0; b < replicates; b++) {
    const idx = movingBlockIndices(n, { blockLength, rng });
    let mean = 0;
    for (let t = 0; t < n; t++) mean += e[idx[t] as number] as number;
    mean /= n;
    const yb = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      yb[t] = (yhat[t] as number) + (e[idx[t] as number] as number) - mean;
    }
    out.push(yb);
  }
  return out;
}

/** The data with its KPI replaced. */
export function withKpi(data: MmmData, values: Float64Array): MmmData {
  return { ...data, kpi: { name: data.kpi.name, values } };
}

/**
 * Bootstrap replicates of a fit with fixed transforms: the estimator `refit` is run on each
 * replicate KPI ({@link bootstrapKpis}).
 *
 * @example Ridge replicates around a linear truth
 * ```ts
 * import { channelReturns, defineModelSpec, fitRidge, Rng } from "mixlab";
 * import { bootstrapFits } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const rng = new Rng(3), n = 80;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2022, 0, 3 + 7 * i)).toISOString().slice(0, 10));
 * const tv = Float64Array.from({ length: n }, () => rng.uniformIn(50, 150));
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((x) => 500 + 2 * x + rng.normal(0, 20)) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const refit = (d: typeof data) => fitRidge(d, spec, { lambda: 0 });
 * const fit = refit(data);
 * const replicates = bootstrapFits(fit, refit, { replicates: 200, seed: 5 });
 * const roas = channelReturns(fit, { replicates }).channels[0]!.roas;
 * assert.ok(roas.lower! < 2 && 2 < roas.upper!); // the true ROAS is 2
 * ```
 */
export function bootstrapFits<D extends MmmData>(
  fit: FittedModel,
  refit: (data: D) => FittedModel,
  options: BootstrapOptions = {},
): FittedModel[] {
  return bootstrapKpis(fit, options).map((y) => refit(withKpi(fit.data, y) as D));
}

/** Options of {@link bootstrapTune}. */
export interface BootstrapTuneOptions extends BootstrapOptions {
  /** Trials of each replicate's search. @default 1000 */
  readonly trials?: number;
  /**
   * Web Workers sharing the replicates (each worker runs whole replicate searches); 0 or 1 runs
   * them in this thread. The results do not depend on it. @default navigator.hardwareConcurrency
   */
  readonly workers?: number;
  /**
   * Share of each replicate search's first generation taken from the original search's best
   * sound candidates (the rest is a Latin hypercube). 0 re-tunes each replicate from scratch,
   * which covers the truth more often (README, "Tuning defaults"). @default 0
   */
  readonly warmStart?: number;
  /** Called after each replicate with the number done. @default undefined */
  readonly onReplicate?: (done: number, total: number) => void;
}

/**
 * Bootstrap replicates of a tuned model that re-tune on every replicate: a differential
 * evolution search of `trials` candidates (its first generation optionally seeded with the
 * original search's best sound candidates, `warmStart`), the original selection rule, and a
 * refit. The replicates' spread therefore includes the uncertainty of the chosen transforms and
 * penalty; re-tuning from scratch (the default) lets them spread as far as the data allow.
 *
 * @throws {RangeError} for fewer than 2 replicates.
 */
export async function bootstrapTune(
  result: TuneResult,
  options: BootstrapTuneOptions = {},
): Promise<LinearModel[]> {
  const replicates = options.replicates ?? 30;
  checkReplicates(replicates);
  const trials = options.trials ?? 1000;
  const { space } = result.settings;
  const search = result.search;
  // warm start: the best sound candidates (by the first objective), as unit-cube points
  const g = search.extras.indexOf("guard.failures"), e = search.extras.length;
  const m = search.objectives.length;
  const order = search.trials.map((t) => t.index).filter((t) =>
    Number.isFinite(search.valueMatrix[t * m] as number) &&
    (g < 0 || search.extraMatrix[t * e + g] === 0)
  ).sort((a, b) => (search.valueMatrix[a * m] as number) - (search.valueMatrix[b * m] as number));
  const p = space.params.length;
  const population = Math.min(100, Math.max(20, 4 * space.dimension));
  const warm = Math.round((options.warmStart ?? 0) * population);
  const initial = order.slice(0, warm).map((t) =>
    space.toUnit(search.paramMatrix.subarray(t * p, (t + 1) * p))
  );
  const ys = bootstrapKpis(result.model, { ...options, replicates });
  const seed = options.seed ?? 1;
  const data = result.model.data;
  const nonNegative = result.settings.objective.nonNegative;
  const limits = result.settings.objective.limits ?? {};
  const refit = (b: number, spec: ModelSpec, lambda: number) =>
    fitRidge(withKpi(data, ys[b] as Float64Array), spec, {
      lambda,
      nonNegative,
      guardrails: limits,
    });
  const workers = Math.min(options.workers ?? navigator.hardwareConcurrency, ys.length);
  if (workers > 1) {
    const chosen = await retuneOnWorkers(result, ys, { trials, seed, initial, workers }, options);
    return chosen.map((c, b) => refit(b, c.spec, c.lambda));
  }
  const out: LinearModel[] = [];
  for (let b = 0; b < ys.length; b++) {
    const run = await searchAndSelect(withKpi(data, ys[b] as Float64Array), result.settings, {
      trials,
      seed: seed + 1 + b,
      workers: 0,
      sampler: (d) => differentialEvolutionSampler(d, { seed: seed + 1 + b, initial }),
    });
    out.push(run.model);
    options.onReplicate?.(b + 1, ys.length);
  }
  return out;
}

/** Replicate searches spread over Web Workers (round robin); each result keyed by its index. */
async function retuneOnWorkers(
  result: TuneResult,
  ys: readonly Float64Array[],
  run: { trials: number; seed: number; initial: readonly Float64Array[]; workers: number },
  options: BootstrapTuneOptions,
): Promise<{ spec: ModelSpec; lambda: number }[]> {
  const url = new URL("./_bootstrap_worker.ts", import.meta.url).href;
  const chosen: { spec: ModelSpec; lambda: number }[] = new Array(ys.length);
  let done = 0;
  const pool: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: run.workers }, (_, w) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(url, { type: "module" });
          pool.push(worker);
          worker.onmessage = (event: MessageEvent) => {
            const m = event.data as {
              type: string;
              index?: number;
              spec?: ModelSpec;
              lambda?: number;
              message?: string;
            };
            if (m.type === "result") {
              chosen[m.index as number] = { spec: m.spec as ModelSpec, lambda: m.lambda as number };
              options.onReplicate?.(++done, ys.length);
            } else if (m.type === "done") resolve();
            else reject(new Error(`Cannot bootstrap: a replicate search failed: ${m.message}`));
          };
          worker.onerror = (event: ErrorEvent) => {
            event.preventDefault();
            reject(new Error(`Cannot bootstrap: a replicate worker failed: ${event.message}`));
          };
          const jobs = ys.flatMap((kpi, b) =>
            b % run.workers === w ? [{ index: b, kpi, seed: run.seed + 1 + b }] : []
          );
          worker.postMessage({
            type: "run",
            data: result.model.data,
            space: result.settings.space.params,
            spec: result.settings.spec,
            objective: result.settings.objective,
            selection: result.settings.selection,
            trials: run.trials,
            initial: run.initial,
            jobs,
          });
        })),
    );
  } finally {
    for (const w of pool) w.terminate();
  }
  return chosen;
}

/** Options of {@link bagReplicates}. */
export interface BagOptions {
  /** Constrain media coefficients to be ≥ 0, as the tuning run did. @default true */
  readonly nonNegative?: boolean;
  /** Guardrail limits of the members' fits. @default {} */
  readonly guardrails?: Partial<GuardrailLimits>;
}

/**
 * The bagged estimate of a tuned model: each replicate's chosen transforms and λ, refitted on
 * `data` (the actual KPI), averaged (Breiman 1996). `reference` (the tuning run's own choice,
 * fitted on `data`) lends its spec and parameter table.
 *
 * @example Averaging two replicates' choices
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { bagReplicates } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"];
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   channels: [{ name: "tv", spend: new Float64Array([1, 3, 0, 2, 4]) }],
 *   kpi: { name: "sales", values: new Float64Array([11, 14, 10, 12, 15]) },
 * };
 * const fit = (decay: number) => fitRidge(data, defineModelSpec({
 *   channels: [{ name: "tv", adstock: { kind: "geometric", params: { decay } } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * }), { lambda: 0.1 });
 * const bag = bagReplicates(data, fit(0.2), [fit(0.1), fit(0.3)]);
 * const mean = fit(0.1).predict(data).map((v, i) => (v + fit(0.3).predict(data)[i]!) / 2);
 * bag.predict(data).forEach((v, i) => assert.ok(Math.abs(v - mean[i]!) < 1e-9));
 * ```
 */
export function bagReplicates(
  data: MmmData,
  reference: LinearModel,
  replicates: readonly LinearModel[],
  options: BagOptions = {},
): BaggedModel {
  return new BaggedModel(
    reference,
    replicates.map((r) =>
      fitRidge(data, r.spec, {
        lambda: r.settings.lambda as number,
        nonNegative: options.nonNegative ?? true,
        guardrails: options.guardrails ?? {},
      })
    ),
  );
}
