/**
 * Per-trial random streams: trial i's randomness depends only on the seed and i, so results do
 * not depend on how trials are batched or spread over workers.
 *
 * @module
 */
import { Rng } from "../rng.ts";

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The generator of trial `index` (and an optional sub-`stream`) under `seed`. */
export function trialRng(seed: number, index: number, stream = 0): Rng {
  const s = mix32(Math.trunc(seed) >>> 0);
  const i = mix32((Math.imul(index + 1, 0x9e3779b9) ^ s) >>> 0);
  return new Rng(mix32((i + Math.imul(stream + 1, 0x85ebca6b)) >>> 0));
}
