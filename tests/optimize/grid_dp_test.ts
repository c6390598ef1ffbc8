import assert from "node:assert/strict";
import { gridDp } from "../../lib/optimize/_grid_dp.ts";

Deno.test("gridDp() finds the grid optimum of S-shaped curves and bounds the true one", () => {
  // two copies of x²/(x² + 1) with budget 1: all in one channel gives 0.5 (a split gives less)
  const f = (x: number) => x * x / (x * x + 1);
  const ans = gridDp([{ curve: f, lower: 0, upper: 1 }, { curve: f, lower: 0, upper: 1 }], 1, 100);
  assert.ok(Math.abs(ans.value - 0.5) < 1e-12);
  assert.deepEqual([...ans.spend].sort(), [0, 1]);
  assert.ok(ans.upperBound >= 0.5);
  assert.equal(ans.step, 0.01);
});

Deno.test("gridDp() respects lower and upper bounds", () => {
  const lin = (k: number) => (x: number) => k * x;
  const ans = gridDp(
    [
      { curve: lin(3), lower: 0, upper: 4 },
      { curve: lin(1), lower: 2, upper: 10 },
    ],
    10,
    80,
  );
  // the steeper channel fills to its cap 4, the other keeps the remaining 6
  assert.ok(Math.abs(ans.spend[0]! - 4) < 1e-9);
  assert.ok(Math.abs(ans.spend[1]! - 6) < 1e-9);
});
