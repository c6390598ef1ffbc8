import assert from "node:assert/strict";
import { optimizeBudget } from "mixlab";
import { roasLpAllocation } from "mixlab/optimize";

Deno.test("roasLpAllocation() gives the corner solution within bounds and reports it on the true curves", () => {
  // average ROAS at current spend: tv 200·ln2/100 = 1.386, social 300·ln2/100 = 2.079,
  // search 100·ln2/100 = 0.693 → social to its cap 150, tv takes the rest, search at its floor
  const channels = [
    { name: "tv", currentSpend: 100, response: (x: number) => 200 * Math.log1p(x / 100) },
    { name: "social", currentSpend: 100, response: (x: number) => 300 * Math.log1p(x / 100) },
    { name: "search", currentSpend: 100, response: (x: number) => 100 * Math.log1p(x / 100) },
  ];
  const bounds = { social: { max: 150 }, search: { min: 20 } };
  const plan = roasLpAllocation(channels, { bounds });
  assert.ok(Math.abs(plan.allocation.social! - 150) < 1e-6);
  assert.ok(Math.abs(plan.allocation.search! - 20) < 1e-6);
  assert.ok(Math.abs(plan.allocation.tv! - 130) < 1e-6);
  const expected = 200 * Math.log1p(1.3) + 300 * Math.log1p(1.5) + 100 * Math.log1p(0.2);
  assert.ok(Math.abs(plan.totals.optimalResponse - expected) < 1e-9);
  // the curve-aware optimum does better under the same constraints
  const best = optimizeBudget(channels, { bounds });
  assert.ok(best.totals.optimalResponse > plan.totals.optimalResponse);
});
