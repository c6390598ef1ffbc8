import assert from "node:assert/strict";
import { ConfigError, InfeasibleError, optimizeBudget } from "mixlab";
import type { ChannelResponse } from "mixlab/optimize";

/** a·ln(1 + x): marginal a/(1 + x). With Σx = B and no bound binding, a_i/(1 + x_i) = λ, so
 * x_i = a_i/λ − 1 and λ = Σa / (B + n). */
function logChannels(a: readonly number[], current = 10): ChannelResponse[] {
  return a.map((ai, i) => ({
    name: `ch${i}`,
    currentSpend: current,
    response: (x: number) => ai * Math.log1p(x),
  }));
}

function closeTo(actual: number, expected: number, tol: number, what = "") {
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what} ${actual} vs ${expected}`,
  );
}

Deno.test("optimizeBudget() equalises marginal ROAS at the closed-form optimum", () => {
  const a = [3, 2, 1];
  const B = 30;
  const lambda = (3 + 2 + 1) / (B + 3);
  const plan = optimizeBudget(logChannels(a), { budget: B });
  a.forEach((ai, i) => closeTo(plan.allocation[`ch${i}`]!, ai / lambda - 1, 2e-4, `ch${i}`));
  closeTo(plan.marginalRoas.value, lambda, 1e-4, "lambda");
  assert.ok(plan.marginalRoas.spread < 1e-3);
  for (const c of plan.channels) closeTo(c.marginalRoas, lambda, 1e-3, c.name);
  assert.deepEqual(plan.binding, [{ kind: "budget", value: B }]);
  assert.equal(plan.method, "lp");
  // the certificate: the answer is within the reported gap of the bound, and the gap is tiny
  assert.ok(plan.gap! < 1e-6);
});

Deno.test("optimizeBudget() keys bounds by channel name, not position", () => {
  const channels = logChannels([3, 2, 1]);
  const bounds = { ch0: { max: 12 }, ch2: { min: 7 } };
  const forward = optimizeBudget(channels, { budget: 30, bounds });
  const backward = optimizeBudget([...channels].reverse(), { budget: 30, bounds });
  for (const name of ["ch0", "ch1", "ch2"]) {
    closeTo(forward.allocation[name]!, backward.allocation[name]!, 1e-6, name);
  }
  // hand calculation: ch0 capped at 12 and ch2 held at its floor 7 leave 11 for ch1, whose
  // marginal 2/12 lies between ch2's 1/8 (wants less) and ch0's 3/13 (wants more)
  closeTo(forward.allocation.ch0!, 12, 1e-9);
  closeTo(forward.allocation.ch2!, 7, 1e-9);
  closeTo(forward.allocation.ch1!, 11, 1e-6);
  const binding = Object.fromEntries(forward.channels.map((c) => [c.name, c.binding]));
  assert.deepEqual(binding, { ch0: "upper", ch1: undefined, ch2: "lower" });
});

Deno.test("optimizeBudget() applies relative bounds and locked channels", () => {
  const plan = optimizeBudget(logChannels([3, 2, 1]), {
    budget: 30,
    defaultBound: { minChange: -0.5, maxChange: 0.5 },
    locked: ["ch1"],
  });
  // ch1 stays at 10; ch0 wants more than +50% → 15; ch2 gets the remaining 5 (= its floor)
  assert.equal(plan.allocation.ch1, 10);
  closeTo(plan.allocation.ch0!, 15, 1e-9);
  closeTo(plan.allocation.ch2!, 5, 1e-9);
  assert.equal(plan.channels[1]!.binding, "locked");
});

Deno.test("optimizeBudget() meets a group's minimum share and reports it as binding", () => {
  // without the group ch2 would get 1/λ − 1 = 4.5 (λ = 6/33); the group forces ch2 ≥ 40% of 30
  const plan = optimizeBudget(logChannels([3, 2, 1]), {
    budget: 30,
    groups: [{ name: "small", channels: ["ch2"], minShare: 0.4 }],
  });
  closeTo(plan.allocation.ch2!, 12, 1e-6);
  // the other two split 18 with equal marginals: 3/(1+x0) = 2/(1+x1), x0 + x1 = 18 → x0 = 11
  closeTo(plan.allocation.ch0!, 11, 2e-4);
  assert.ok(plan.binding.some((b) => b.kind === "group-min-share" && b.group === "small"));
});

Deno.test("optimizeBudget() concentrates spend on one of two S-shaped channels when that is best", () => {
  // f(x) = x²/(x² + 1): with a budget of 1, a 50/50 split gives 0.4, all in one channel 0.5
  const f = (x: number) => x * x / (x * x + 1);
  const plan = optimizeBudget(
    [{ name: "a", currentSpend: 0.5, response: f }, { name: "b", currentSpend: 0.5, response: f }],
    { budget: 1, method: "milp" },
  );
  closeTo(plan.totals.optimalResponse, 0.5, 1e-6);
  const xs = [plan.allocation.a!, plan.allocation.b!].sort();
  closeTo(xs[0]!, 0, 1e-6);
  closeTo(xs[1]!, 1, 1e-6);
  assert.equal(plan.method, "milp");
  const dp = optimizeBudget(
    [{ name: "a", currentSpend: 0.5, response: f }, { name: "b", currentSpend: 0.5, response: f }],
    { budget: 1, method: "dp" },
  );
  closeTo(dp.totals.optimalResponse, 0.5, 1e-6);
});

Deno.test("optimizeBudget() with method dp agrees with the MILP on S-shaped curves", () => {
  const channels = [0.8, 1, 1.3, 1.6].map((k, i) => ({
    name: `s${i}`,
    currentSpend: 1,
    response: (x: number) => (2 + i) * x ** 2.2 / (x ** 2.2 + k ** 2.2),
  }));
  const milp = optimizeBudget(channels, { budget: 5, method: "milp" });
  const dp = optimizeBudget(channels, { budget: 5, method: "dp" });
  closeTo(dp.totals.optimalResponse, milp.totals.optimalResponse, 1e-4);
  assert.equal(dp.method, "dp");
});

Deno.test("optimizeBudget() names exactly the contradicting constraints when infeasible", () => {
  const channels = logChannels([3, 2, 1]);
  assert.throws(
    () =>
      optimizeBudget(channels, {
        budget: 20,
        bounds: { ch0: { min: 12 }, ch1: { min: 9 }, ch2: { max: 50 } },
      }),
    (e: unknown) => {
      assert.ok(e instanceof InfeasibleError);
      assert.match(e.message, /lower bound of "ch0" \(12\)/);
      assert.match(e.message, /lower bound of "ch1" \(9\)/);
      assert.match(e.message, /budget = 20/);
      assert.doesNotMatch(e.message, /ch2/);
      return true;
    },
  );
});

Deno.test("optimizeBudget() reports a group share that the bounds cannot reach", () => {
  assert.throws(
    () =>
      optimizeBudget(logChannels([3, 2, 1]), {
        budget: 30,
        bounds: { ch2: { max: 3 } },
        groups: [{ name: "small", channels: ["ch2"], minShare: 0.5 }],
      }),
    (e: unknown) =>
      e instanceof InfeasibleError && /upper bound of "ch2"/.test(e.message) &&
      /group "small" share >= 0.5/.test(e.message) && /budget = 30/.test(e.message),
  );
});

Deno.test("optimizeBudget() rejects unknown channel names in bounds, locked and groups", () => {
  const channels = logChannels([1, 1]);
  assert.throws(
    () => optimizeBudget(channels, { bounds: { tv: { max: 1 } } }),
    (e: unknown) => e instanceof ConfigError && e.key === "bounds.tv" && /"ch0"/.test(e.message),
  );
  assert.throws(() => optimizeBudget(channels, { locked: ["tv"] }), ConfigError);
  assert.throws(
    () => optimizeBudget(channels, { groups: [{ name: "g", channels: ["tv"], minShare: 0.1 }] }),
    ConfigError,
  );
  assert.throws(() => optimizeBudget(channels, { budget: -1 }), RangeError);
  assert.throws(() => optimizeBudget(channels, { breakpoints: 2 }), RangeError);
});

Deno.test("optimizeBudget() optimises the mean of draws and reports the lift per draw", () => {
  // draw d: a_d·ln(1+x) for tv and b_d·ln(1+x) for radio; the mean curve has a = 2, b = 1
  const a = [1.5, 2, 2.5, 1.8, 2.2], b = [1.2, 0.8, 1, 1.1, 0.9];
  const tv = a.map((ad) => (x: number) => ad * Math.log1p(x));
  const radio = b.map((bd) => (x: number) => bd * Math.log1p(x));
  const plan = optimizeBudget([
    { name: "tv", currentSpend: 5, response: tv[0]!, draws: tv },
    { name: "radio", currentSpend: 5, response: radio[0]!, draws: radio },
  ], { budget: 10, quantiles: [0, 0.5, 1] });
  // closed form on the mean curve: λ = 3/12, x_tv = 2/λ − 1 = 7, x_radio = 3
  closeTo(plan.allocation.tv!, 7, 2e-4);
  const lifts = a.map((ad, d) =>
    ad * (Math.log(8) - Math.log(6)) + b[d]! * (Math.log(4) - Math.log(6))
  );
  const sorted = [...lifts].sort((x, y) => x - y);
  const lift = plan.lift!;
  closeTo(lift.quantiles[0]!.value, sorted[0]!, 1e-4, "min");
  closeTo(lift.quantiles[1]!.value, sorted[2]!, 1e-4, "median");
  closeTo(lift.quantiles[2]!.value, sorted[4]!, 1e-4, "max");
  closeTo(lift.mean, lifts.reduce((s, v) => s + v, 0) / 5, 1e-4, "mean");
  assert.equal(lift.probPositive, lifts.filter((v) => v > 0).length / 5);
});

Deno.test("optimizeBudget() refuses draws of different lengths", () => {
  const f = (x: number) => Math.log1p(x);
  assert.throws(
    () =>
      optimizeBudget([
        { name: "a", currentSpend: 1, response: f, draws: [f, f] },
        { name: "b", currentSpend: 1, response: f, draws: [f] },
      ]),
    ConfigError,
  );
});
