import assert from "node:assert/strict";
import { ConfigError, optimizeBudget } from "mixlab";
import { optimizeBudgetRiskAverse } from "mixlab/optimize";

// Two channels, 10 joint draws: "steady" a_d·ln(1+x) with a_d near 1, "volatile" b_d·ln(1+x)
// with b_d spread widely around 1.2.
const a = [1, 0.95, 1.05, 1, 0.9, 1.1, 1, 0.98, 1.02, 1];
const b = [0.3, 2.1, 0.5, 1.9, 0.4, 2.2, 1.2, 0.6, 1.8, 1];
const steady = a.map((v) => (x: number) => v * Math.log1p(x));
const volatile = b.map((v) => (x: number) => v * Math.log1p(x));
const channels = [
  { name: "steady", currentSpend: 5, response: steady[0]!, draws: steady },
  { name: "volatile", currentSpend: 5, response: volatile[0]!, draws: volatile },
];
const B = 10;

/** Mean total response of the worst k draws when "volatile" gets x of the budget. */
function cvarAt(x: number, k: number): number {
  const totals = a.map((ad, d) => ad * Math.log1p(B - x) + b[d]! * Math.log1p(x));
  totals.sort((p, q) => p - q);
  return totals.slice(0, k).reduce((s, v) => s + v, 0) / k;
}

Deno.test("optimizeBudgetRiskAverse() maximises the mean of the worst draws (brute-force scan)", () => {
  // brute force: scan the split on a 10^5-step grid
  let best = -Infinity, bestX = 0;
  for (let i = 0; i <= 100_000; i++) {
    const x = (B * i) / 100_000;
    const v = cvarAt(x, 3);
    if (v > best) [best, bestX] = [v, x];
  }
  const plan = optimizeBudgetRiskAverse(channels, {
    budget: B,
    worstFraction: 0.3,
    breakpoints: 40,
  });
  assert.equal(plan.method, "cvar-lp");
  const got = cvarAt(plan.allocation.volatile!, 3);
  assert.ok(got >= best * (1 - 1e-3), `CVaR ${got} vs brute force ${best}`);
  assert.ok(
    Math.abs(plan.allocation.volatile! - bestX) < 0.25,
    `${plan.allocation.volatile} vs ${bestX}`,
  );
  // the expected-response optimum puts more into the volatile channel
  const mean = optimizeBudget(channels, { budget: B });
  assert.ok(mean.allocation.volatile! > plan.allocation.volatile! + 0.5);
  // lift is reported per draw for the risk-averse plan too
  assert.equal(plan.lift!.draws.length, 10);
});

Deno.test("optimizeBudgetRiskAverse() needs concave draws", () => {
  assert.throws(
    () => optimizeBudgetRiskAverse([{ name: "tv", currentSpend: 1, response: Math.log1p }]),
    (e: unknown) => e instanceof ConfigError && e.key === "draws",
  );
  const s = (x: number) => x * x / (1 + x * x);
  assert.throws(
    () =>
      optimizeBudgetRiskAverse([
        { name: "tv", currentSpend: 1, response: s, draws: [s, s] },
        { name: "radio", currentSpend: 1, response: Math.log1p, draws: [Math.log1p, Math.log1p] },
      ]),
    (e: unknown) => e instanceof ConfigError && e.channel === "tv",
  );
  assert.throws(() => optimizeBudgetRiskAverse(channels, { worstFraction: 0 }), RangeError);
});
