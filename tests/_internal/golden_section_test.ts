import assert from "node:assert/strict";
import { goldenSectionMin } from "../../lib/_internal/golden_section.ts";

Deno.test("goldenSectionMin() narrows the bracket around a parabola's minimum", () => {
  const r = goldenSectionMin((x) => (x - 2) ** 2, 0, 5, { tolerance: 1e-10 });
  assert.ok(r.upper - r.lower <= 1e-10);
  assert.ok(Math.abs((r.lower + r.upper) / 2 - 2) < 1e-9);
});

Deno.test("goldenSectionMin() shrinks the bracket by (√5 − 1)/2 per step", () => {
  // after k steps the width is (b − a)·φ^k with φ = (√5 − 1)/2
  const r = goldenSectionMin((x) => Math.abs(x - 1), 0, 10, { maxIterations: 10 });
  const phi = (Math.sqrt(5) - 1) / 2;
  assert.ok(Math.abs((r.upper - r.lower) - 10 * phi ** 10) < 1e-9);
  assert.ok(r.lower <= 1 && 1 <= r.upper);
});
