import assert from "node:assert/strict";
import {
  robynWeibullScale,
  weibullCdfAdstock,
  weibullCdfWeights,
  weibullPdfAdstock,
  weibullPdfWeights,
} from "mixlab/transforms";
import { assertAllClose } from "../_close.ts";

// Expected weights: anchors.md §6 vectors 3-5, checked there against Robyn 3.12.1's R functions
// (4 decimals, so the tolerance is 5e-5).

Deno.test("robynWeibullScale() converts Robyn's relative scale with half-to-even rounding", () => {
  assert.equal(robynWeibullScale(0.3, 10), 4); // 3.7
  assert.equal(robynWeibullScale(0.1, 10), 2); // 1.9
  assert.equal(robynWeibullScale(0.5, 4), 2); // 2.5 → 2
  assert.equal(robynWeibullScale(0.5, 6), 4); // 3.5 → 4
});

Deno.test("weibullPdfWeights() matches Robyn, shape 2 scale 0.3 (anchors.md §6 vector 3)", () => {
  const w = weibullPdfWeights({ shape: 2, scale: robynWeibullScale(0.3, 10), maxLag: 10 });
  const expected = [0.5444, 0.9102, 1, 0.8593, 0.6087, 0.3628, 0.1823, 0.0753, 0.0223, 0];
  assertAllClose(w, expected, 5e-5);
});

Deno.test("weibullPdfWeights() matches Robyn, shape 0.5 scale 0.1 (anchors.md §6 vector 4)", () => {
  const w = weibullPdfWeights({ shape: 0.5, scale: robynWeibullScale(0.1, 10), maxLag: 10 });
  const expected = [1, 0.4928, 0.2958, 0.1911, 0.1267, 0.0837, 0.0531, 0.0306, 0.0134, 0];
  assertAllClose(w, expected, 5e-5);
});

Deno.test("weibullCdfWeights() matches Robyn, shape 1 scale 0.3 (anchors.md §6 vector 5)", () => {
  const w = weibullCdfWeights({ shape: 1, scale: robynWeibullScale(0.3, 10), maxLag: 10 });
  const expected = [1, 0.7788, 0.4724, 0.2231, 0.0821, 0.0235, 0.0052, 0.0009, 0.0001, 0];
  assertAllClose(w, expected, 5e-5);
});

Deno.test("weibullCdfAdstock() convolves like Robyn: x*_t = Σ_s x_s·w_{t-s+1}", () => {
  const p = { shape: 1, scale: 4, maxLag: 10 };
  const w = weibullCdfWeights(p);
  const y = weibullCdfAdstock(new Float64Array([2, 3, 0]), p);
  assertAllClose(
    y,
    [2, 2 * (w[1] as number) + 3, 2 * (w[2] as number) + 3 * (w[1] as number)],
    1e-14,
  );
});

Deno.test("weibullPdfAdstock() gives no weight at the last lag (Robyn's min-max scaling)", () => {
  const x = new Float64Array(12);
  x[0] = 1;
  const y = weibullPdfAdstock(x, { shape: 2, scale: 4, maxLag: 10 });
  assert.equal(y[9], 0); // lag 10 has weight 0
  assert.equal(y[10], 0); // beyond maxLag
  assert.equal(y[2], 1); // the peak weight
});
