/**
 * Latin hypercube sampling: for a planned number of trials n, each parameter's range is cut into
 * n strata and every stratum is used exactly once.
 *
 * @module
 */
import type { Sampler, SamplerOptions } from "./sampler.ts";
import { trialRng } from "./_trial_rng.ts";

/** Options of {@link latinHypercubeSampler}. */
export interface LatinHypercubeOptions extends SamplerOptions {
  /** Planned number of trials; later trials are uniform random. @default 100 */
  readonly trials?: number;
}

/**
 * A Latin hypercube sampler (McKay, Beckman & Conover 1979): trial i of n takes, in each
 * dimension, a random point of its own stratum [π(i)/n, (π(i)+1)/n), π a seeded permutation.
 *
 * @example Every stratum is used once
 * ```ts
 * import { latinHypercubeSampler } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const s = latinHypercubeSampler(1, { seed: 3, trials: 4 });
 * const x = new Float64Array(1), strata: number[] = [];
 * for (let i = 0; i < 4; i++) { s.ask(i, x); strata.push(Math.floor(x[0]! * 4)); }
 * assert.deepEqual(strata.sort(), [0, 1, 2, 3]);
 * ```
 */
export function latinHypercubeSampler(
  dimension: number,
  options: LatinHypercubeOptions = {},
): Sampler {
  const seed = options.seed ?? 1;
  const n = options.trials ?? 100;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(
      `Cannot make Latin hypercube sampler: trials must be a positive integer, got ${n}`,
    );
  }
  const strata = new Int32Array(n * dimension);
  const planRng = trialRng(seed, -1);
  for (let k = 0; k < dimension; k++) {
    const perm = planRng.shuffle(Array.from({ length: n }, (_, i) => i));
    for (let i = 0; i < n; i++) strata[i * dimension + k] = perm[i] as number;
  }
  return {
    name: "latin-hypercube",
    dimension,
    ask(index, out) {
      const rng = trialRng(seed, index);
      for (let k = 0; k < dimension; k++) {
        out[k] = index < n
          ? ((strata[index * dimension + k] as number) + rng.uniform()) / n
          : rng.uniform();
      }
    },
    tell() {},
  };
}
