import assert from "node:assert/strict";
import { geometricAdstock, geometricNormalizedAdstock, geometricWeights } from "mixlab/transforms";
import { assertAllClose } from "../_close.ts";

Deno.test("geometricAdstock() matches Robyn's impulse response (anchors.md §6 vector 1)", () => {
  const y = geometricAdstock(new Float64Array([100, 0, 0, 0, 0]), { decay: 0.5 });
  assert.deepEqual(Array.from(y), [100, 50, 25, 12.5, 6.25]);
});

Deno.test("geometricAdstock() matches Robyn on constant spend (anchors.md §6 vector 2)", () => {
  const x = new Float64Array([100, 100, 100, 100, 100]);
  const y = geometricAdstock(x, { decay: 0.5 });
  assert.deepEqual(Array.from(y), [100, 150, 175, 187.5, 193.75]);
  // Robyn's inflation_total = Σx*/Σx
  assert.equal(y.reduce((a, b) => a + b) / 500, 1.6125);
});

Deno.test("geometricAdstock() writes into out without touching x", () => {
  const x = new Float64Array([1, 2, 3]), out = new Float64Array(3);
  const y = geometricAdstock(x, { decay: 0.25 }, out);
  assert.equal(y, out);
  // 1, 2 + 0.25, 3 + 0.25·2.25
  assert.deepEqual(Array.from(out), [1, 2.25, 3.5625]);
  assert.deepEqual(Array.from(x), [1, 2, 3]);
  assert.throws(() => geometricAdstock(x, { decay: 0.5 }, new Float64Array(2)), RangeError);
});

Deno.test("geometricNormalizedAdstock() matches PyMC's normalised weights (anchors.md §6 vector 8)", () => {
  assertAllClose(geometricWeights(0.5, 4), [8 / 15, 4 / 15, 2 / 15, 1 / 15], 1e-15);
  const ones = new Float64Array(6).fill(1);
  const y = geometricNormalizedAdstock(ones, { decay: 0.5, maxLag: 4 });
  assertAllClose(y, [8 / 15, 12 / 15, 14 / 15, 1, 1, 1], 1e-15);
});

Deno.test("geometricNormalizedAdstock() keeps total mass once the window has passed", () => {
  const x = new Float64Array([3, 1, 4, 1, 5, 0, 0, 0, 0, 0]);
  const y = geometricNormalizedAdstock(x, { decay: 0.7, maxLag: 5 });
  assert.ok(Math.abs(y.reduce((a, b) => a + b) - 14) < 1e-12);
});
