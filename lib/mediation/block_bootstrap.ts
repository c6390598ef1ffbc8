/**
 * The moving-block bootstrap (Künsch 1989, "The jackknife and the bootstrap for general
 * stationary observations", Ann. Statist. 17(3)): resample overlapping blocks of consecutive
 * rows, so the resampled series keeps the serial dependence within each block (adstock carryover,
 * autocorrelated errors) that an i.i.d. row bootstrap would destroy.
 *
 * @module
 */
import { Rng } from "../rng.ts";

/** Options of {@link movingBlockIndices}. */
export interface MovingBlockOptions {
  /**
   * Rows per block. The default n^(1/3), rounded, is the order of the optimal block length for
   * variance estimation (Hall, Horowitz & Jing 1995, Biometrika 82(3)).
   * @default Math.max(1, Math.round(n ** (1 / 3)))
   */
  readonly blockLength?: number;
  /** The generator to draw block starts from. @default new Rng(0) */
  readonly rng?: Rng;
}

/**
 * The default block length for n rows: n^(1/3) rounded, at least 1.
 *
 * @example Three years of weeks
 * ```ts
 * import { defaultBlockLength } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * assert.equal(defaultBlockLength(156), 5); // 156^(1/3) ≈ 5.38
 * ```
 */
export function defaultBlockLength(n: number): number {
  return Math.max(1, Math.round(n ** (1 / 3)));
}

/**
 * Row indices of one moving-block bootstrap replicate of a series of `n` rows: ⌈n / L⌉ blocks
 * of L consecutive rows, each starting uniformly in [0, n − L], concatenated and cut to n.
 *
 * @throws {RangeError} when `n` < 1 or the block length is not an integer in [1, n].
 *
 * @example Blocks are runs of consecutive rows
 * ```ts
 * import { Rng } from "mixlab";
 * import { movingBlockIndices } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * const idx = movingBlockIndices(12, { blockLength: 4, rng: new Rng(1) });
 * assert.equal(idx.length, 12);
 * for (const start of [0, 4, 8]) {
 *   for (let k = 1; k < 4; k++) assert.equal(idx[start + k], idx[start]! + k);
 * }
 * ```
 */
export function movingBlockIndices(n: number, options: MovingBlockOptions = {}): Int32Array {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`Cannot resample blocks: row count must be a positive integer, got ${n}`);
  }
  const length = options.blockLength ?? defaultBlockLength(n);
  if (!Number.isInteger(length) || length < 1 || length > n) {
    throw new RangeError(
      `Cannot resample blocks: block length must be an integer in [1, ${n}], got ${length}`,
    );
  }
  const rng = options.rng ?? new Rng(0);
  const out = new Int32Array(n);
  const starts = n - length + 1;
  for (let filled = 0; filled < n;) {
    const s = rng.int(starts);
    for (let k = 0; k < length && filled < n; k++) out[filled++] = s + k;
  }
  return out;
}
