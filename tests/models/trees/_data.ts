/**
 * The closed-form data of tests/fixtures/reference/diag_trees.py, rebuilt here so the tests
 * compare against the scikit-learn numbers that script printed.
 *
 * @module
 */
const N = 40, M = 8;
const k = Array.from({ length: N }, (_, i) => i);
const x0 = Float64Array.from(k, (i) => ((i * 7919) % 101) / 101 * 10);
const x1 = Float64Array.from(k, (i) => Math.sin(1.3 * i) * 5);
const x2 = Float64Array.from(k, (i) => (i * 31) % 17);

/** Training features, as columns. */
export const X: Float64Array[] = [x0, x1, x2];
/** Training target. */
export const y: Float64Array = Float64Array.from(
  k,
  (i) =>
    3 * ((x0[i] as number) > 5 ? 1 : 0) + (x1[i] as number) ** 2 / 5 + 0.3 * (x2[i] as number) +
    0.2 * Math.cos(2.7 * i),
);
const t = Array.from({ length: M }, (_, i) => i);
/** New rows to predict, as columns. */
export const T: Float64Array[] = [
  Float64Array.from(t, (i) => ((i * 37) % 23) / 23 * 10),
  Float64Array.from(t, (i) => Math.cos(0.9 * i) * 5),
  Float64Array.from(t, (i) => (i * 5) % 17),
];

/** Asserts two arrays agree elementwise to `tol` (relative to max(1, |expected|)). */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: readonly number[],
  tol = 1e-12,
): void {
  if (actual.length !== expected.length) {
    throw new Error(`length ${actual.length} is not ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number, e = expected[i] as number;
    if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) {
      throw new Error(`index ${i}: ${a} is not within ${tol} of ${e}`);
    }
  }
}
