import assert from "node:assert/strict";

/** Asserts every element of `actual` is within `tol` (absolute) of `expected`. */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
): void {
  assert.equal(actual.length, expected.length, "length");
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number, e = expected[i] as number;
    assert.ok(Math.abs(a - e) <= tol, `index ${i}: got ${a}, expected ${e} (tol ${tol})`);
  }
}
