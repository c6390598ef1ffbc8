/**
 * EDA: distributions as equal-width histogram bins.
 *
 * @module
 */

/** One histogram bin: `[x0, x1)`, the last bin closed. */
export interface HistogramBin {
  /** Lower edge. */
  readonly x0: number;
  /** Upper edge. */
  readonly x1: number;
  /** Values in the bin. */
  readonly count: number;
}

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** Number of equal-width bins between the minimum and maximum. @default 10 */
  readonly bins?: number;
}

/**
 * Equal-width histogram over [min, max] (numpy.histogram's convention: bins are half-open
 * except the last, which includes the maximum).
 *
 * @example Four values in two bins
 * ```ts
 * import { histogram } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * const bins = histogram(new Float64Array([0, 1, 2, 4]), { bins: 2 });
 * assert.deepEqual(bins.map((b) => b.count), [2, 2]);
 * assert.equal(bins[1]?.x0, 2);
 * ```
 */
export function histogram(values: Float64Array, options: HistogramOptions = {}): HistogramBin[] {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`Cannot build a histogram: bins must be a whole number ≥ 1, got ${bins}`);
  }
  if (values.length === 0) return [];
  let min = Infinity, max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const k = Math.min(bins - 1, Math.floor((v - min) / width));
    counts[k]!++;
  }
  return counts.map((count, k) => ({
    x0: min + k * width,
    x1: k === bins - 1 ? max : min + (k + 1) * width,
    count,
  }));
}
