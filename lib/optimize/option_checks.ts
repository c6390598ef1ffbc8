/**
 * Checks of the numeric options the optimizer modes share.
 *
 * @module
 */

/** Checks a finite positive option. */
export function positiveOption(value: number, name: string, action: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`Cannot ${action}: ${name} must be finite and >= 0, got ${value}`);
  }
  return value;
}

/** Checks the breakpoint count. */
export function breakpointsOption(value: number | undefined): number {
  const n = value ?? 50;
  if (!Number.isInteger(n) || n < 3) {
    throw new RangeError(`Cannot optimize budget: breakpoints must be an integer >= 3, got ${n}`);
  }
  return n;
}
