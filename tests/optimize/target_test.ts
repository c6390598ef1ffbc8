import assert from "node:assert/strict";
import { InfeasibleError } from "mixlab";
import { maximizeAtTargetEfficiency, minimizeSpendForTarget } from "mixlab/optimize";

const f = (x: number) => 10 * Math.log1p(x);
const channels = [
  { name: "a", currentSpend: 1, response: f },
  { name: "b", currentSpend: 1, response: (x: number) => 2 * f(x) },
];

Deno.test("minimizeSpendForTarget() equalises marginal cost (closed form)", () => {
  // 10/(1+x) = 20/(1+y) → 1 + y = 2(1 + x); 10 ln(1+x) + 20 ln(2(1+x)) = 40
  // → 30 ln(1+x) = 40 − 20 ln 2 → x = exp((40 − 20 ln 2)/30) − 1
  const x = Math.exp((40 - 20 * Math.LN2) / 30) - 1;
  const plan = minimizeSpendForTarget(channels, { targetKpi: 40 });
  assert.ok(Math.abs(plan.allocation.a! - x) < 1e-3, `${plan.allocation.a} vs ${x}`);
  assert.ok(Math.abs(plan.allocation.b! - (2 * (1 + x) - 1)) < 1e-3);
  assert.ok(plan.totals.optimalResponse >= 40 - 1e-6);
  assert.ok(plan.binding.some((b) => b.kind === "target"));
});

Deno.test("minimizeSpendForTarget() names the target when it is out of reach", () => {
  assert.throws(
    () => minimizeSpendForTarget(channels, { targetKpi: 1000, maxBudget: 50 }),
    // with maxBudget 50 each channel is capped at 50: 10 ln 51 + 20 ln 51 ≈ 117.95 < 1000
    (e: unknown) =>
      e instanceof InfeasibleError && e.key === "targetKpi" &&
      /exceeds 117\.95/.test(e.message),
  );
});

Deno.test("maximizeAtTargetEfficiency() with a CPA target equals the matching ROAS target", () => {
  const byCpa = maximizeAtTargetEfficiency(channels, { targetCpa: 0.25, maxBudget: 100 });
  const byRoas = maximizeAtTargetEfficiency(channels, { targetRoas: 4, maxBudget: 100 });
  assert.ok(Math.abs(byCpa.totals.optimalSpend - byRoas.totals.optimalSpend) < 1e-9);
  assert.ok(
    Math.abs(byRoas.totals.optimalResponse / byRoas.totals.optimalSpend - 4) < 1e-4,
  );
  assert.throws(() => maximizeAtTargetEfficiency(channels, {} as never), TypeError);
});
