/**
 * The recovery generators' own seeded random source, deliberately not mixlab's `Rng`
 * (lib/rng.ts uses xoshiro128** and polar normals; this is a different algorithm, so the data
 * shares no code with the library it tests).
 *
 * Algorithm: sfc32, Chris Doty-Humphrey's "Small Fast Counting" generator from the PractRand
 * suite (public domain; 128-bit state, passes PractRand to 2^40+ bytes), seeded by running 12
 * rounds after loading the seed. Doubles take 53 bits from two outputs. Normal variates by the
 * basic Box–Muller transform (Box & Muller 1958, Ann. Math. Statist. 29(2)), both values used.
 *
 * @module
 */

/**
 * A seeded generator (sfc32). The same seed gives the same sequence on every platform.
 *
 * @example Same seed, same numbers
 * ```ts
 * import { Prng } from "./prng.ts";
 * import assert from "node:assert/strict";
 * assert.equal(new Prng(7).uniform(), new Prng(7).uniform());
 * ```
 */
export class Prng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  #spare: number | undefined = undefined;
  readonly #seed: number;

  /** Seeds from a whole number in [0, 2^32). */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      throw new RangeError(
        `Cannot seed the generator: expected an integer in [0, 2^32), got ${seed}`,
      );
    }
    this.#seed = seed;
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = (this.#b ^ (this.#b >>> 9)) >>> 0;
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  /** A double uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.uint32() >>> 5, lo = this.uint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A double uniform on [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** A whole number uniform on [lo, hi] (both ends included). */
  integer(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /**
   * An independent generator for sub-stream `k` (spend, baseline, noise …), so that changing how
   * many numbers one part draws does not shift the others. Its seed mixes this generator's seed
   * with `k` (the murmur3 finaliser).
   */
  fork(k: number): Prng {
    let h = (this.#seed ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    return new Prng((h ^ (h >>> 16)) >>> 0);
  }

  /** A standard normal variate (Box–Muller; the second value of each pair is kept for later). */
  normal(): number {
    if (this.#spare !== undefined) {
      const s = this.#spare;
      this.#spare = undefined;
      return s;
    }
    const u1 = 1 - this.uniform(), u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1)), phi = 2 * Math.PI * u2;
    this.#spare = r * Math.sin(phi);
    return r * Math.cos(phi);
  }
}
