/**
 * Tiny reductions over numeric arrays, shared so each is written once.
 *
 * @module
 */

/** Sum of the values. */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}

/** Arithmetic mean of the values (NaN when empty). */
export function mean(values: ArrayLike<number>): number {
  return sum(values) / values.length;
}
