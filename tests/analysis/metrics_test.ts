import assert from "node:assert/strict";
import { MmmDataError } from "mixlab";
import { adjustedR2, decompRssd, mae, mape, nrmse, r2, rmse } from "mixlab/analysis";

const f = (...v: number[]) => new Float64Array(v);
const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

// Hand calculation used by several tests:
// y = [3, 5, 7, 9, 11] (mean 7, SST = 16 + 4 + 0 + 4 + 16 = 40)
// ŷ = [4, 5, 6, 9, 13] (errors −1, 0, 1, 0, −2; SSE = 6, SAE = 4)
const y = f(3, 5, 7, 9, 11), yHat = f(4, 5, 6, 9, 13);

Deno.test("r2() is 1 − SSE/SST", () => {
  close(r2(y, yHat), 1 - 6 / 40);
  assert.equal(r2(y, y), 1);
  close(r2(y, f(7, 7, 7, 7, 7)), 0);
});

Deno.test("adjustedR2() follows Robyn's definition", () => {
  // 1 − (1 − 0.85)·(5 − 1)/(5 − 1 − 1) = 0.8
  close(adjustedR2(y, yHat, { nPredictors: 1 }), 0.8);
  // without intercept: 1 − 0.15·5/3 = 0.75
  close(adjustedR2(y, yHat, { nPredictors: 1, intercept: false }), 0.75);
  // validation rows scored with the training n = 20, p = 3: 1 − 0.15·19/16
  close(adjustedR2(y, yHat, { nPredictors: 3, nTrain: 20 }), 1 - 0.15 * 19 / 16);
  assert.throws(() => adjustedR2(y, yHat, { nPredictors: 4 }), RangeError);
  assert.throws(() => adjustedR2(y, yHat, { nPredictors: -1 }), RangeError);
});

Deno.test("rmse() and mae() match hand calculations", () => {
  close(rmse(y, yHat), Math.sqrt(6 / 5));
  close(mae(y, yHat), 4 / 5);
  assert.throws(() => rmse(y, f(1, 2)), RangeError);
  assert.throws(() => mae(f(), f()), RangeError);
});

Deno.test("mape() errors on zero actuals unless told to skip them", () => {
  // |−1|/3 + 0 + 1/7 + 0 + 2/11, over 5
  close(mape(y, yHat), (1 / 3 + 1 / 7 + 2 / 11) / 5);
  assert.throws(() => mape(f(1, 0, 2, 0), f(1, 1, 1, 1)), (e: unknown) => {
    assert.ok(e instanceof MmmDataError);
    assert.deepEqual(e.rows, [1, 3]);
    return true;
  });
  // rows 0 and 2 only: (0 + 1/2)/2
  close(mape(f(1, 0, 2, 0), f(1, 1, 1, 1), { zeros: "skip" }), 0.25);
  assert.throws(() => mape(f(0, 0), f(1, 1), { zeros: "skip" }), RangeError);
});

Deno.test("nrmse() matches anchors.md test vector 12", () => {
  close(nrmse(f(10, 12, 14, 13), f(11, 12, 13, 13)), 0.176777, 5e-7);
  // by hand: √(6/5) / (11 − 3)
  close(nrmse(y, yHat), Math.sqrt(1.2) / 8);
});

Deno.test("decompRssd() matches anchors.md test vectors 13 and 14", () => {
  const spend = f(0.4, 0.4, 0.2);
  close(decompRssd(f(0.5, 0.3, 0.2), spend), 0.141421, 5e-7);
  close(decompRssd(f(0.7, 0.3, 0), spend), 0.498888, 5e-7);
  close(decompRssd(f(0.7, 0.3, 0), spend, { zeroPenalty: false }), 0.374166, 5e-7);
});

Deno.test("decompRssd() normalises raw totals and returns Infinity without effects", () => {
  // effects 50, 30, 20 and spends 400, 400, 200 are the shares of vector 13
  close(decompRssd(f(50, 30, 20), f(400, 400, 200)), Math.sqrt(0.02));
  assert.equal(decompRssd(f(0, 0, 0), f(1, 1, 1)), Infinity);
  assert.throws(() => decompRssd(f(1, 2), f(1)), RangeError);
  assert.throws(() => decompRssd(f(1, 2), f(0, 0)), RangeError);
});
