/**
 * The seeded random generator: the only source of randomness in mixlab. `Math.random` is never
 * used, so the same seed gives the same bytes out.
 *
 * Algorithm: xoshiro128** (Blackman & Vigna, 2018, https://prng.di.unimi.it/), 32-bit state
 * words seeded through splitmix32 so that any integer seed gives a well-mixed state. Normal
 * variates by the Marsaglia polar method, gamma variates by Marsaglia & Tsang (2000).
 *
 * @module
 */

/**
 * A seeded pseudo-random generator.
 *
 * @example Same seed, same numbers
 * ```ts
 * import { Rng } from "mixlab";
 * import assert from "node:assert/strict";
 * const a = new Rng(42), b = new Rng(42);
 * assert.equal(a.uniform(), b.uniform());
 * ```
 */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spare: number | undefined = undefined;

  /** Seeds the generator from any finite number (its integer part is used). */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new RangeError(`Cannot seed the generator: seed must be finite, got ${seed}`);
    }
    let z = Math.trunc(seed) >>> 0;
    const next = (): number => {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
      t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
      return (t ^ (t >>> 15)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const s0 = this.#s0, s1 = this.#s1, s2 = this.#s2, s3 = this.#s3;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    this.#s2 = (s2 ^ s0) >>> 0;
    this.#s3 = (s3 ^ s1) >>> 0;
    this.#s1 = (s1 ^ this.#s2) >>> 0;
    this.#s0 = (s0 ^ this.#s3) >>> 0;
    this.#s2 = (this.#s2 ^ t) >>> 0;
    this.#s3 = rotl(this.#s3, 11);
    return r;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform number in [lower, upper). */
  uniformIn(lower: number, upper: number): number {
    return lower + (upper - lower) * this.uniform();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** A normal variate with the given mean and standard deviation. */
  normal(mean = 0, sd = 1): number {
    if (this.#spare !== undefined) {
      const s = this.#spare;
      this.#spare = undefined;
      return mean + sd * s;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt(-2 * Math.log(s) / s);
    this.#spare = v * m;
    return mean + sd * u * m;
  }

  /** A gamma variate with the given shape and scale 1 (Marsaglia & Tsang 2000). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  /** A new generator whose stream is independent of this one's next draws (for workers). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
