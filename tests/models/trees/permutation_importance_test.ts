import assert from "node:assert/strict";
import { GradientBoostingRegressor, permutationImportance } from "mixlab/models/trees";
import { friedman1 } from "./_friedman.ts";

Deno.test("permutationImportance() is exactly 0 for a feature the model never reads", () => {
  // a linear "model" of the first column only; y = that column
  const n = 50;
  const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i)), b = a.map((v) => v * v);
  const model = {
    predict: (x: unknown) => {
      const m = x as { rows: number; cols: number; data: Float64Array };
      return Float64Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols] as number);
    },
  };
  const [ia, ib] = permutationImportance(model, [a, b], a, { nRepeats: 4, names: ["a", "b"] });
  assert.deepEqual([ib?.name, ib?.mean, ib?.sd], ["b", 0, 0]);
  // for ŷ = y, shuffling gives R² = 1 − Σ(y − y_π)²/SST, so the drop is Σ(y − y_π)²/SST =
  // 2(1 − corr(y, y_π)) · n·var/SST = 2(1 − corr): near 2 for a random shuffle
  assert.ok((ia?.mean as number) > 1.5 && (ia?.mean as number) < 2.5);
});

Deno.test("permutationImportance() ranks Friedman #1's informative features first", () => {
  const train = friedman1(300, 3), test = friedman1(200, 103);
  const gb = GradientBoostingRegressor.fit(train.x, train.y, { nEstimators: 100 });
  const rows = permutationImportance(gb, test.x, test.y, { seed: 1 });
  // x3 (10·x) and x0, x1 (10 sin(π x0 x1)) dominate; the five noise features are near 0
  const top = rows.map((r, j) => [r.mean, j] as const).sort((p, q) => q[0] - p[0]);
  assert.deepEqual(new Set(top.slice(0, 3).map((t) => t[1])), new Set([0, 1, 3]));
  for (const r of rows.slice(5)) assert.ok(Math.abs(r.mean) < 0.02, `${r.name}: ${r.mean}`);
  assert.deepEqual(
    permutationImportance(gb, test.x, test.y, { seed: 1 }),
    rows,
  );
});
