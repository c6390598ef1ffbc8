/**
 * The closed-form series of tests/fixtures/reference/diag_residual_tests.py, rebuilt here so the
 * tests compare against the statsmodels numbers that script printed.
 *
 * @module
 */
export const N = 60;

const idx = Array.from({ length: N }, (_, k) => k);
export const x1: Float64Array = Float64Array.from(idx, (k) => Math.sin(0.3 * k) + 0.05 * k);
export const x2: Float64Array = Float64Array.from(
  idx,
  (k) => Math.cos(0.17 * k) ** 2 + 0.5 * (x1[k] as number),
);
export const x3: Float64Array = Float64Array.from(idx, (k) => ((k * 37) % 11) / 11);
export const resid: Float64Array = Float64Array.from(
  idx,
  (k) =>
    0.6 * Math.sin(1.7 * k) +
    0.3 * Math.cos(0.45 * k) * (1 + 0.4 * (x1[k] as number)) +
    0.1 * (((k * 13) % 7) - 3),
);
/** A residual whose spread grows with x3. */
export const residHet: Float64Array = Float64Array.from(
  idx,
  (k) => (resid[k] as number) * (0.2 + 2 * (x3[k] as number)),
);

/** Asserts |actual − expected| ≤ tol · max(1, |expected|). */
export function assertClose(actual: number | undefined, expected: number, tol = 1e-9): void {
  if (
    actual === undefined || !(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)))
  ) {
    throw new Error(`${actual} is not within ${tol} (relative) of ${expected}`);
  }
}
