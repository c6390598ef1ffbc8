/**
 * Private input checks shared by the residual tests.
 *
 * @module
 */

/** Throws a RangeError unless `x` has at least `min` finite values and nothing else. */
export function checkResiduals(action: string, x: Float64Array, min: number): void {
  if (x.length < min) {
    throw new RangeError(`Cannot ${action}: needs at least ${min} residuals, got ${x.length}`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(`Cannot ${action}: residual ${i} is ${x[i]}, not a finite number`);
    }
  }
}

/** Mean of a series. */
export function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}
