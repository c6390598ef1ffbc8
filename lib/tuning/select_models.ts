/**
 * Robyn's model selection (`R/R/pareto.R`, `R/R/clusters.R`, v3.12): keep trials below an
 * error quantile, take Pareto fronts until there are enough candidates, cluster the candidates
 * (by their ROAS profile), and in each cluster pick the model with the lowest error score.
 *
 * One rule comes first (mixlab's, not Robyn's): trials that fail a guardrail (the extra
 * `guard.failures` > 0: a near-constant media column, a negative baseline, an implausible media
 * share or ROAS; `CANDIDATE_CHECKS` in `lib/guardrails/guardrails.ts`) rank behind every sound
 * trial. When at
 * least one trial with finite objectives is sound, the selection runs on the sound trials only;
 * when none is, it runs on all of them and the chosen model carries the warnings.
 *
 * @module
 */
import type { SearchResult } from "./minimize.ts";
import { paretoRanks } from "../_internal/pareto.ts";
import { chooseClusterCount, kmeans } from "./kmeans.ts";
import { quantileSorted } from "../_internal/quantile.ts";

/** Options of {@link selectModels}. */
export interface SelectModelsOptions {
  /**
   * Per objective, the quantile of all finite trials a candidate must not exceed.
   * @default 0.9 for each objective
   */
  readonly quantiles?: readonly number[];
  /** Fronts are added until at least this many candidates. @default 100 */
  readonly minCandidates?: number;
  /** Objective weights in the error score. @default 1 for each objective */
  readonly weights?: readonly number[];
  /**
   * Extras to cluster candidates on (e.g. each channel's ROAS); empty turns clustering off.
   * @default every extra whose name starts with "roas."
   */
  readonly clusterOn?: readonly string[];
  /** Number of clusters; undefined chooses it by Robyn's WSS rule. @default undefined */
  readonly clusters?: number;
  /** Robyn's `wss_var`: smallest normalised WSS drop that adds a cluster. @default 0.06 */
  readonly wssVar?: number;
  /** Seed of the clustering. @default 1 */
  readonly seed?: number;
  /**
   * The extra counting a trial's failed guardrails; trials where it is above 0 rank behind
   * sound ones. Ignored when the search has no such extra. @default "guard.failures"
   */
  readonly guardExtra?: string;
}

/** The outcome of {@link selectModels}. */
export interface ModelSelection {
  /** Trial indices of the candidates (after the quantile filter and fronts). */
  readonly candidates: readonly number[];
  /** Pareto rank of each candidate among the filtered trials (0 = first front). */
  readonly ranks: readonly number[];
  /** Cluster of each candidate (all 0 without clustering). */
  readonly clusters: readonly number[];
  /** Error score of each candidate: √Σ(wᵢ·minmax(errᵢ))², minmax over candidates. */
  readonly errorScores: readonly number[];
  /** The best trial of each cluster, best error score first. */
  readonly best: readonly number[];
  /** The chosen trial: the best cluster winner. */
  readonly chosen: number;
  /** Trials with finite objectives that failed a guardrail (ranked behind sound ones). */
  readonly unsound: number;
  /** Whether the candidates are sound trials (false when no trial passed the guardrails). */
  readonly sound: boolean;
}

/** R's type-7 quantile of ascending values; Infinity when there are none (nothing to filter). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? Infinity : quantileSorted(sorted, q);
}

/**
 * Selects models from a multi-objective search as Robyn does.
 *
 * @throws {RangeError} when no trial has finite objectives.
 *
 * @example Picking the balanced model
 * ```ts
 * import { defineSearchSpace, minimize, selectModels } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const space = defineSearchSpace([{ name: "t", lower: 0, upper: 1 }]);
 * const result = await minimize({
 *   objectives: ["a", "b"],
 *   extras: [],
 *   evaluate: (p, out) => { out[0] = p[0]!; out[1] = 1 - p[0]!; },
 * }, space, { trials: 50, sampler: "random" });
 * const sel = selectModels(result, { clusterOn: [] });
 * assert.ok(Math.abs(result.trials[sel.chosen]!.params.t! - 0.5) < 0.1);
 * ```
 */
export function selectModels(
  result: SearchResult,
  options: SelectModelsOptions = {},
): ModelSelection {
  const m = result.objectives.length;
  const n = result.trials.length;
  const values = result.valueMatrix;
  const quantiles = options.quantiles ?? new Array<number>(m).fill(0.9);
  const weights = options.weights ?? new Array<number>(m).fill(1);
  const minCandidates = options.minCandidates ?? 100;
  const clusterOn = options.clusterOn ?? result.extras.filter((x) => x.startsWith("roas."));

  const allFinite: number[] = [];
  for (let t = 0; t < n; t++) {
    let ok = true;
    for (let j = 0; j < m; j++) if (!Number.isFinite(values[t * m + j] as number)) ok = false;
    if (ok) allFinite.push(t);
  }
  if (allFinite.length === 0) {
    throw new RangeError("Cannot select models: no trial has finite objective values");
  }
  const g = result.extras.indexOf(options.guardExtra ?? "guard.failures");
  const e0 = result.extras.length;
  const soundTrials = g < 0
    ? allFinite
    : allFinite.filter((t) => (result.extraMatrix[t * e0 + g] as number) === 0);
  const unsound = allFinite.length - soundTrials.length;
  const sound = soundTrials.length > 0;
  const finite = sound ? soundTrials : allFinite;
  const limits = Array.from(
    { length: m },
    (_, j) =>
      quantile(
        finite.map((t) => values[t * m + j] as number).sort((a, b) => a - b),
        quantiles[j] ?? 0.9,
      ),
  );
  let kept = finite.filter((t) => {
    for (let j = 0; j < m; j++) {
      if ((values[t * m + j] as number) > (limits[j] as number)) return false;
    }
    return true;
  });
  if (kept.length === 0) kept = finite;
  const sub = new Float64Array(kept.length * m);
  kept.forEach((t, p) => sub.set(values.subarray(t * m, t * m + m), p * m));
  const rank = paretoRanks(sub, m);
  // fronts until enough candidates
  const byRank = [...new Set(rank)].sort((a, b) => a - b);
  let maxRank = 0, count = 0;
  for (const r of byRank) {
    maxRank = r;
    count += rank.filter((x) => x === r).length;
    if (count >= minCandidates) break;
  }
  const candPos: number[] = [];
  for (let p = 0; p < kept.length; p++) if ((rank[p] as number) <= maxRank) candPos.push(p);
  const candidates = candPos.map((p) => kept[p] as number);
  const ranks = candPos.map((p) => rank[p] as number);

  // error score, each objective min-max scaled over the candidates
  const errorScores = candidates.map(() => 0);
  for (let j = 0; j < m; j++) {
    const col = candidates.map((t) => values[t * m + j] as number);
    const lo = Math.min(...col), hi = Math.max(...col);
    col.forEach((v, c) => {
      const s = hi > lo ? (v - lo) / (hi - lo) : 0;
      errorScores[c] = (errorScores[c] as number) + ((weights[j] ?? 1) * s) ** 2;
    });
  }
  for (let c = 0; c < errorScores.length; c++) errorScores[c] = Math.sqrt(errorScores[c] as number);

  let clusters = candidates.map(() => 0);
  const extraIdx = clusterOn.map((name) => {
    const k = result.extras.indexOf(name);
    if (k < 0) {
      throw new RangeError(
        `Cannot select models: unknown extra "${name}" to cluster on, choose among ${
          result.extras.map((x) => `"${x}"`).join(", ")
        }`,
      );
    }
    return k;
  });
  if (extraIdx.length > 0 && candidates.length >= 3) {
    const dim = extraIdx.length, e = result.extras.length;
    const pts = new Float64Array(candidates.length * dim);
    for (let q = 0; q < dim; q++) {
      const col = candidates.map((t) =>
        result.extraMatrix[t * e + (extraIdx[q] as number)] as number
      );
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / col.length) || 1;
      col.forEach((v, c) => (pts[c * dim + q] = Number.isFinite(v) ? (v - mean) / sd : 0));
    }
    const seed = options.seed ?? 1;
    const kMax = Math.min(10, candidates.length);
    let k = options.clusters;
    if (k === undefined) {
      const wss: number[] = [];
      for (let kk = 1; kk <= kMax; kk++) wss.push(kmeans(pts, { dim, k: kk, seed }).wss);
      k = chooseClusterCount(wss, { wssVar: options.wssVar ?? 0.06, kMin: 3, kMax });
    }
    clusters = Array.from(kmeans(pts, { dim, k: Math.min(k, candidates.length), seed }).labels);
  }
  const winners = new Map<number, number>();
  candidates.forEach((_, c) => {
    const cl = clusters[c] as number;
    const w = winners.get(cl);
    if (w === undefined || (errorScores[c] as number) < (errorScores[w] as number)) {
      winners.set(cl, c);
    }
  });
  const bestPos = [...winners.values()].sort((a, b) =>
    (errorScores[a] as number) - (errorScores[b] as number)
  );
  const best = bestPos.map((c) => candidates[c] as number);
  return {
    candidates,
    ranks,
    clusters,
    errorScores,
    best,
    chosen: best[0] as number,
    unsound,
    sound,
  };
}
