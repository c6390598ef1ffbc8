/**
 * The search driver: asks a sampler for points, evaluates them in batches (in this thread or on
 * Web Workers), tells the results back in trial order, keeps the Pareto front, reports progress,
 * stops early when the front stops moving, and returns what it has when aborted.
 *
 * Determinism: trial i's point depends only on the seed, i and the results of earlier batches;
 * batches are told in index order, so the trials are the same for any number of workers.
 *
 * @module
 */
import type { Sampler } from "./sampler.ts";
import type { SearchSpace } from "./search_space.ts";
import {
  type Evaluator,
  type EvaluatorSource,
  isEvaluatorSource,
  loadEvaluator,
} from "./evaluator.ts";
import { WorkerPool } from "./_worker_pool.ts";
import { paretoFront } from "../_internal/pareto.ts";
import { randomSampler } from "./random_sampler.ts";
import { latinHypercubeSampler } from "./latin_hypercube_sampler.ts";
import { tpeSampler } from "./tpe_sampler.ts";
import { differentialEvolutionSampler } from "./differential_evolution_sampler.ts";

/** Names of the built-in search strategies. */
export type SamplerName = "random" | "latin-hypercube" | "tpe" | "differential-evolution";

/** A built-in strategy's name, or a factory of any {@link Sampler}. */
export type SamplerChoice = SamplerName | ((dimension: number) => Sampler);

/** One evaluated trial. */
export interface Trial {
  /** Trial index, from 0, in the order trials were asked. */
  readonly index: number;
  /** Every parameter's value by name, fixed ones included. */
  readonly params: Readonly<Record<string, number>>;
  /** Objective values (minimised), in the order of `SearchResult.objectives`. */
  readonly values: readonly number[];
  /** Extra numbers the evaluator keeps with each trial, by name. */
  readonly extras: Readonly<Record<string, number>>;
}

/** Progress of a running search, reported after every batch. */
export interface SearchProgress {
  /** Trials evaluated so far. */
  readonly done: number;
  /** Trials planned. */
  readonly total: number;
  /** Lowest value so far of each objective. */
  readonly best: readonly number[];
  /** Size of the current Pareto front. */
  readonly frontSize: number;
  /** Trials since the front last moved. */
  readonly stalled: number;
  /** Milliseconds since the search started. */
  readonly elapsedMs: number;
  /** Estimated milliseconds left at the current pace. */
  readonly etaMs: number;
}

/** Why a search stopped. */
export type StopReason = "budget" | "early-stop" | "aborted";

/** The outcome of {@link minimize}. */
export interface SearchResult {
  /** The searched space. */
  readonly space: SearchSpace;
  /** Strategy name. */
  readonly sampler: string;
  /** Objective names. */
  readonly objectives: readonly string[];
  /** Names of the extras kept with each trial. */
  readonly extras: readonly string[];
  /** Every evaluated trial, by index. */
  readonly trials: readonly Trial[];
  /** Parameter values, trials × parameters, row-major. */
  readonly paramMatrix: Float64Array;
  /** Objective values, trials × objectives, row-major (NaN stored as Infinity). */
  readonly valueMatrix: Float64Array;
  /** Extras, trials × extras, row-major. */
  readonly extraMatrix: Float64Array;
  /** Indices of the Pareto-optimal trials, ascending. */
  readonly front: readonly number[];
  /** Why the search stopped. */
  readonly stopped: StopReason;
  /** Wall-clock milliseconds. */
  readonly elapsedMs: number;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Number of trials. @default 100 */
  readonly trials?: number;
  /**
   * Search strategy. @default "tpe" up to 1,000 trials, "differential-evolution" beyond
   */
  readonly sampler?: SamplerChoice;
  /** Seed; the same seed gives the same trials. @default 1 */
  readonly seed?: number;
  /**
   * Trials evaluated per batch when the sampler does not fix it. Results depend on it (not on
   * `workers`). @default 1 for "tpe" (its model is rebuilt after every trial), 64 otherwise
   */
  readonly batchSize?: number;
  /**
   * Web Workers to evaluate on; only an {@link EvaluatorSource} objective can run on workers,
   * 0 evaluates in this thread. @default navigator.hardwareConcurrency for a source, else 0
   */
  readonly workers?: number;
  /** Called after every batch. @default undefined */
  readonly onProgress?: (progress: SearchProgress) => void;
  /**
   * Stop when the front has not moved for this many trials (a new trial moves it when no front
   * member is better than it by `tolerance` in every objective). @default undefined (never)
   */
  readonly patience?: number;
  /** Relative tolerance of "the front moved", as a share of each objective's observed range. @default 0.001 */
  readonly tolerance?: number;
  /** Stops the search between batches; the trials done so far are returned. @default undefined */
  readonly signal?: AbortSignal;
}

/** Builds a built-in sampler by name. */
export function makeSampler(
  choice: SamplerChoice,
  dimension: number,
  options: { readonly seed: number; readonly trials: number },
): Sampler {
  if (typeof choice === "function") return choice(dimension);
  switch (choice) {
    case "random":
      return randomSampler(dimension, { seed: options.seed });
    case "latin-hypercube":
      return latinHypercubeSampler(dimension, { seed: options.seed, trials: options.trials });
    case "tpe":
      return tpeSampler(dimension, { seed: options.seed });
    case "differential-evolution":
      return differentialEvolutionSampler(dimension, { seed: options.seed });
    default:
      throw new RangeError(
        `Cannot make sampler: unknown strategy "${
          String(choice)
        }", choose one of "random", "latin-hypercube", "tpe", "differential-evolution"`,
      );
  }
}

function asEvaluator(fn: (params: Float64Array) => number): Evaluator {
  return {
    objectives: ["value"],
    extras: [],
    evaluate(params, out) {
      out[0] = fn(params);
    },
  };
}

/**
 * Minimises one or several objectives over a search space.
 *
 * @example Minimising a function of two parameters
 * ```ts
 * import { defineSearchSpace, minimize } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const space = defineSearchSpace([
 *   { name: "x", lower: -5, upper: 5 },
 *   { name: "y", lower: -5, upper: 5 },
 * ]);
 * const f = (p: Float64Array) => (p[0]! - 1) ** 2 + (p[1]! + 2) ** 2;
 * const result = await minimize(f, space, { trials: 200, seed: 3 });
 * const best = result.trials[result.front[0]!]!;
 * assert.ok(best.values[0]! < 0.05);
 * ```
 */
export async function minimize(
  objective: Evaluator | EvaluatorSource | ((params: Float64Array) => number),
  space: SearchSpace,
  options: MinimizeOptions = {},
): Promise<SearchResult> {
  const total = options.trials ?? 100;
  if (!Number.isInteger(total) || total < 1) {
    throw new RangeError(`Cannot search: trials must be a positive integer, got ${total}`);
  }
  const seed = options.seed ?? 1;
  const choice = options.sampler ?? (total <= 1000 ? "tpe" : "differential-evolution");
  const sampler = makeSampler(choice, space.dimension, { seed, trials: total });
  const batch = sampler.batchSize ?? options.batchSize ?? (sampler.name === "tpe" ? 1 : 64);
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`Cannot search: batchSize must be a positive integer, got ${batch}`);
  }
  const source = isEvaluatorSource(objective) ? objective : undefined;
  const nWorkers = source ? options.workers ?? navigator.hardwareConcurrency : 0;
  if (!Number.isInteger(nWorkers) || nWorkers < 0) {
    throw new RangeError(`Cannot search: workers must be a non-negative integer, got ${nWorkers}`);
  }
  let evaluator: Evaluator | undefined;
  let pool: WorkerPool | undefined;
  let names: { objectives: readonly string[]; extras: readonly string[] };
  if (source && nWorkers > 0) {
    // the names come from a local evaluator built from the same source
    const local = await loadEvaluator(source);
    names = { objectives: local.objectives, extras: local.extras };
    pool = new WorkerPool(source, nWorkers);
  } else {
    evaluator = source
      ? await loadEvaluator(source)
      : typeof objective === "function"
      ? asEvaluator(objective)
      : objective as Evaluator;
    names = { objectives: evaluator.objectives, extras: evaluator.extras };
  }
  const m = names.objectives.length, e = names.extras.length, width = m + e;
  const nParams = space.params.length, d = space.dimension;
  const paramMatrix = new Float64Array(total * nParams);
  const valueMatrix = new Float64Array(total * m);
  const extraMatrix = new Float64Array(total * e);
  const units = new Float64Array(batch * d);
  const best = new Array<number>(m).fill(Infinity);
  const worst = new Array<number>(m).fill(-Infinity);
  let front: number[] = [];
  let stalled = 0;
  let done = 0;
  let stopped: StopReason = "budget";
  const tolerance = options.tolerance ?? 0.001;
  const start = performance.now();
  let lastYield = start;
  try {
    while (done < total) {
      if (options.signal?.aborted) {
        stopped = "aborted";
        break;
      }
      const b = Math.min(batch, total - done);
      const params = new Float64Array(b * nParams);
      for (let i = 0; i < b; i++) {
        const u = units.subarray(i * d, i * d + d);
        sampler.ask(done + i, u);
        space.toValues(u, params.subarray(i * nParams, i * nParams + nParams));
      }
      let out: Float64Array;
      if (pool) out = await pool.run(params, b, width);
      else {
        out = new Float64Array(b * width);
        const ev = evaluator as Evaluator;
        for (let i = 0; i < b; i++) {
          ev.evaluate(
            params.subarray(i * nParams, i * nParams + nParams),
            out.subarray(i * width, i * width + width),
          );
        }
      }
      paramMatrix.set(params, done * nParams);
      let moved = false;
      for (let i = 0; i < b; i++) {
        const t = done + i;
        for (let j = 0; j < m; j++) {
          const v = out[i * width + j] as number;
          const x = Number.isNaN(v) ? Infinity : v;
          valueMatrix[t * m + j] = x;
          if (x < (best[j] as number)) best[j] = x;
          if (Number.isFinite(x) && x > (worst[j] as number)) worst[j] = x;
        }
        for (let j = 0; j < e; j++) extraMatrix[t * e + j] = out[i * width + m + j] as number;
        sampler.tell(t, units.subarray(i * d, i * d + d), valueMatrix.subarray(t * m, t * m + m));
        if (updateFront(front, t, valueMatrix, m, best, worst, tolerance)) moved = true;
        front = front.filter((q) => q !== -1);
      }
      done += b;
      stalled = moved ? 0 : stalled + b;
      const now = performance.now();
      const elapsedMs = now - start;
      options.onProgress?.({
        done,
        total,
        best: [...best],
        frontSize: front.length,
        stalled,
        elapsedMs,
        etaMs: elapsedMs / done * (total - done),
      });
      if (options.patience !== undefined && stalled >= options.patience) {
        stopped = "early-stop";
        break;
      }
      if (!pool && now - lastYield > 50) {
        // let timers and abort handlers run between batches
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
    }
  } finally {
    pool?.close();
  }
  const values = valueMatrix.subarray(0, done * m);
  const extraNames = names.extras;
  const paramNames = space.names;
  const trials: Trial[] = [];
  for (let t = 0; t < done; t++) {
    const params: Record<string, number> = {};
    paramNames.forEach((name, k) => (params[name] = paramMatrix[t * nParams + k] as number));
    const extras: Record<string, number> = {};
    extraNames.forEach((name, k) => (extras[name] = extraMatrix[t * e + k] as number));
    trials.push({
      index: t,
      params,
      values: Array.from(values.subarray(t * m, t * m + m)),
      extras,
    });
  }
  return {
    space,
    sampler: sampler.name,
    objectives: names.objectives,
    extras: extraNames,
    trials,
    paramMatrix: paramMatrix.slice(0, done * nParams),
    valueMatrix: values.slice(),
    extraMatrix: extraMatrix.slice(0, done * e),
    front: paretoFront(values, m),
    stopped,
    elapsedMs: performance.now() - start,
  };
}

/**
 * Adds trial t to the running front (entries it dominates become -1) and returns whether it
 * moved the front: no member is better than it by the tolerance in every objective.
 */
function updateFront(
  front: number[],
  t: number,
  values: Float64Array,
  m: number,
  best: readonly number[],
  worst: readonly number[],
  tolerance: number,
): boolean {
  let dominated = false, epsDominated = false;
  for (let f = 0; f < front.length; f++) {
    const q = front[f] as number;
    if (q < 0) continue;
    let qLeT = true, tLeQ = true, qLtT = false, tLtQ = false, qEps = true;
    for (let j = 0; j < m; j++) {
      const vq = values[q * m + j] as number, vt = values[t * m + j] as number;
      const range = (worst[j] as number) - (best[j] as number);
      const eps = tolerance * (Number.isFinite(range) && range > 0 ? range : Math.abs(vq));
      if (vq > vt) qLeT = false;
      if (vt > vq) tLeQ = false;
      if (vq < vt) qLtT = true;
      if (vt < vq) tLtQ = true;
      if (!(vq <= vt + eps)) qEps = false;
    }
    if (qLeT && qLtT) dominated = true;
    if (qEps) epsDominated = true;
    if (tLeQ && tLtQ) front[f] = -1;
  }
  if (!dominated) front.push(t);
  return !epsDominated;
}
