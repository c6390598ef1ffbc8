import assert from "node:assert/strict";
import { gridSearchAllocation } from "mixlab/optimize";

Deno.test("gridSearchAllocation() finds the best ±10% combination (checked by enumeration)", () => {
  const curves = [
    (x: number) => 40 * Math.sqrt(x),
    (x: number) => 300 * (1 - Math.exp(-x / 80)),
    (x: number) => 2 * x,
  ];
  const current = [100, 120, 60];
  const channels = curves.map((f, i) => ({
    name: `c${i}`,
    currentSpend: current[i]!,
    response: f,
  }));
  const plan = gridSearchAllocation(channels, { levels: 3, budget: 280 });
  // independent enumeration of the 27 combinations
  let best = -Infinity, bestCombo: number[] = [];
  for (const m0 of [0.9, 1, 1.1]) {
    for (const m1 of [0.9, 1, 1.1]) {
      for (const m2 of [0.9, 1, 1.1]) {
        const xs = [100 * m0, 120 * m1, 60 * m2];
        if (xs[0]! + xs[1]! + xs[2]! > 280 + 1e-9) continue;
        const v = xs.reduce((s, x, i) => s + curves[i]!(x), 0);
        if (v > best) [best, bestCombo] = [v, xs];
      }
    }
  }
  bestCombo.forEach((x, i) => assert.ok(Math.abs(plan.allocation[`c${i}`]! - x) < 1e-9));
  assert.ok(Math.abs(plan.totals.optimalResponse - best) < 1e-9);
  assert.equal(plan.method, "grid-search");
});

Deno.test("gridSearchAllocation() refuses grids that are too large", () => {
  const channels = Array.from({ length: 12 }, (_, i) => ({
    name: `c${i}`,
    currentSpend: 1,
    response: (x: number) => x,
  }));
  assert.throws(() => gridSearchAllocation(channels), RangeError);
});
