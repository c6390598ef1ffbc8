/**
 * Differential evolution for large budgets: a population moves towards good regions by adding
 * scaled differences of its members. With several objectives, selection follows DEMO (Robič &
 * Filipič 2005): a trial replaces its parent when it dominates it, both survive when neither
 * dominates, and the population is cut back by Pareto rank and crowding distance.
 *
 * @module
 */
import type { Sampler, SamplerOptions } from "./sampler.ts";
import { dominates, rankOrder } from "../_internal/pareto.ts";
import { latinHypercubeSampler } from "./latin_hypercube_sampler.ts";
import { trialRng } from "./_trial_rng.ts";

/** Options of {@link differentialEvolutionSampler}. */
export interface DifferentialEvolutionOptions extends SamplerOptions {
  /** Population size (trials per generation). @default min(100, max(20, 4 × dimension)) */
  readonly populationSize?: number;
  /** Crossover probability per coordinate. @default 0.9 */
  readonly crossover?: number;
  /** Range of the mutation scale F, drawn per trial ("dither"). @default [0.5, 1] */
  readonly scale?: readonly [number, number];
  /** Share of the population the "p-best" target is drawn from. @default 0.1 */
  readonly bestShare?: number;
  /**
   * Unit-cube points to start from (a warm start, e.g. the best trials of an earlier search):
   * they fill the first generation, Latin hypercube points the rest. Extra points beyond the
   * population size are ignored. @default []
   */
  readonly initial?: readonly ArrayLike<number>[];
}

/**
 * A differential evolution sampler: DE/current-to-pbest/1/bin (Zhang & Sanderson 2009, JADE)
 * with dithered F, a Latin hypercube (or warm-start) first generation, and out-of-range coordinates set halfway
 * between the parent and the bound. Trials are asked and told one generation at a time
 * (`batchSize` = population size).
 *
 * @example DE minimises a sphere
 * ```ts
 * import { differentialEvolutionSampler } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const s = differentialEvolutionSampler(3, { seed: 2, populationSize: 20 });
 * const x = new Float64Array(3);
 * let best = Infinity;
 * for (let i = 0; i < 2000; i++) {
 *   s.ask(i, x);
 *   const y = x.reduce((a, v) => a + (v - 0.25) ** 2, 0);
 *   best = Math.min(best, y);
 *   s.tell(i, x, new Float64Array([y]));
 * }
 * assert.ok(best < 1e-6);
 * ```
 */
export function differentialEvolutionSampler(
  dimension: number,
  options: DifferentialEvolutionOptions = {},
): Sampler {
  const seed = options.seed ?? 1;
  const d = dimension;
  const np = options.populationSize ?? Math.min(100, Math.max(20, 4 * d));
  const cr = options.crossover ?? 0.9;
  const [fLo, fHi] = options.scale ?? [0.5, 1];
  const pShare = options.bestShare ?? 0.1;
  if (!Number.isInteger(np) || np < 4) {
    throw new RangeError(
      `Cannot make differential evolution sampler: populationSize must be an integer >= 4, got ${np}`,
    );
  }
  const init = latinHypercubeSampler(d, { seed, trials: np });
  const initial = (options.initial ?? []).slice(0, np);
  initial.forEach((x, i) => {
    if (x.length !== d) {
      throw new RangeError(
        `Cannot make differential evolution sampler: initial point ${i} has ${x.length} coordinates, expected ${d}`,
      );
    }
  });
  let pop: Float64Array[] = [];
  let popValues = new Float64Array(0);
  let m = 0;
  let ranked: number[] = [];
  const trialPoints: Float64Array[] = Array.from({ length: np }, () => new Float64Array(d));
  let trialValues = new Float64Array(0);
  let told = 0;

  function select(): void {
    if (pop.length === 0) {
      pop = trialPoints.map((p) => Float64Array.from(p));
      popValues = Float64Array.from(trialValues);
    } else if (m === 1) {
      for (let i = 0; i < np; i++) {
        if ((trialValues[i] as number) <= (popValues[i] as number)) {
          (pop[i] as Float64Array).set(trialPoints[i] as Float64Array);
          popValues[i] = trialValues[i] as number;
        }
      }
    } else {
      const pool: Float64Array[] = [];
      const poolValues: number[] = [];
      const both = new Float64Array(2 * m);
      for (let i = 0; i < np; i++) {
        both.set(popValues.subarray(i * m, i * m + m), 0);
        both.set(trialValues.subarray(i * m, i * m + m), m);
        const keepParent = !dominates(both, m, 1, 0);
        const keepTrial = !dominates(both, m, 0, 1);
        if (keepParent) {
          pool.push(pop[i] as Float64Array);
          poolValues.push(...both.subarray(0, m));
        }
        if (keepTrial) {
          pool.push(Float64Array.from(trialPoints[i] as Float64Array));
          poolValues.push(...both.subarray(m));
        }
      }
      const pv = Float64Array.from(poolValues);
      const keep = rankOrder(pv, m).slice(0, np);
      pop = keep.map((i) => pool[i] as Float64Array);
      popValues = new Float64Array(np * m);
      keep.forEach((i, p) => popValues.set(pv.subarray(i * m, i * m + m), p * m));
    }
    ranked = rankOrder(popValues, m);
  }

  return {
    name: "differential-evolution",
    dimension,
    batchSize: np,
    ask(index, out) {
      if (pop.length === 0) {
        const start = initial[index % np];
        if (start === undefined) init.ask(index % np, out);
        else for (let k = 0; k < d; k++) out[k] = Math.min(1, Math.max(0, start[k] as number));
        return;
      }
      const rng = trialRng(seed, index);
      const i = index % np;
      const x = pop[i] as Float64Array;
      const nBest = Math.max(2, Math.round(pShare * np));
      const best = pop[ranked[rng.int(nBest)] as number] as Float64Array;
      let r1 = rng.int(np - 1);
      if (r1 >= i) r1++;
      let r2 = rng.int(np - 2);
      if (r2 >= Math.min(i, r1)) r2++;
      if (r2 >= Math.max(i, r1)) r2++;
      const a = pop[r1] as Float64Array, b = pop[r2] as Float64Array;
      const f = fLo + (fHi - fLo) * rng.uniform();
      const jRand = rng.int(d);
      for (let k = 0; k < d; k++) {
        const xk = x[k] as number;
        if (k !== jRand && rng.uniform() >= cr) {
          out[k] = xk;
          continue;
        }
        let v = xk + f * ((best[k] as number) - xk) + f * ((a[k] as number) - (b[k] as number));
        if (v < 0) v = xk / 2;
        else if (v > 1) v = (xk + 1) / 2;
        out[k] = v;
      }
    },
    tell(index, point, values) {
      if (m === 0) {
        m = values.length;
        trialValues = new Float64Array(np * m);
      }
      const i = index % np;
      (trialPoints[i] as Float64Array).set(point);
      for (let j = 0; j < m; j++) {
        const v = values[j] as number;
        trialValues[i * m + j] = Number.isFinite(v) ? v : Number.MAX_VALUE;
      }
      told++;
      if (told % np === 0) select();
    },
  };
}
