/**
 * Uniform random search: every trial is an independent uniform point of the unit cube.
 *
 * @module
 */
import type { Sampler, SamplerOptions } from "./sampler.ts";
import { trialRng } from "./_trial_rng.ts";

/**
 * A uniform random sampler (Bergstra & Bengio 2012, "Random search for hyper-parameter
 * optimization"). Trial i depends only on the seed and i.
 *
 * @example Same seed, same points
 * ```ts
 * import { randomSampler } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const a = new Float64Array(2), b = new Float64Array(2);
 * randomSampler(2, { seed: 7 }).ask(3, a);
 * randomSampler(2, { seed: 7 }).ask(3, b);
 * assert.deepEqual(a, b);
 * ```
 */
export function randomSampler(dimension: number, options: SamplerOptions = {}): Sampler {
  const seed = options.seed ?? 1;
  return {
    name: "random",
    dimension,
    ask(index, out) {
      const rng = trialRng(seed, index);
      for (let k = 0; k < dimension; k++) out[k] = rng.uniform();
    },
    tell() {},
  };
}
