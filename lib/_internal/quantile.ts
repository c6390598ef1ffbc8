/**
 * Sample quantiles by linear interpolation between order statistics (Hyndman & Fan type 7, the
 * default of R's `quantile` and numpy's `percentile`).
 *
 * @module
 */

/** The p-quantile (0 ≤ p ≤ 1) of values; does not modify its input. */
export function quantile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  return quantileSorted(sorted, p);
}

/** The p-quantile of already ascending values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number, b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
