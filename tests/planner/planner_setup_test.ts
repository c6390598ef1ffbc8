import assert from "node:assert/strict";
import { ConfigError } from "mixlab";
import { plannerHtml } from "mixlab/planner";
import { plannerSetup } from "mixlab/planner/mod.ts";
import { toyData, toyModel } from "../_toy_model.ts";

// tv: geometric adstock θ = 0.5, hill(k = 1, shape = 1) on adstock / 10, β = 100. Held at a
// steady spend s, adstock settles at s / (1 − θ) = 2s, so the weekly response is
// 100 · (2s/10) / (2s/10 + 1) (the toy model does not divide by the adstock's gain).
const tv = { name: "tv", theta: 0.5, k: 1, shape: 1, beta: 100, scale: 10 };
const spend = Array.from({ length: 40 }, (_, i) => (i < 30 ? 2 : 6)); // mean 3, last 10: 6
const fit = toyModel(toyData({ tv: spend }), [tv], 5);
const steady = (s: number) => 100 * (s / 5) / (s / 5 + 1);

Deno.test("plannerSetup() takes today's spend from the final weeks and samples the curve", () => {
  const setup = plannerSetup(fit, { basisWeeks: 10, points: 9, horizon: 8, title: "Q3" });
  const [c] = setup.channels;
  assert.equal(c!.today, 6);
  // 3 × max(today 6, mean 3) = 18, already two significant digits
  assert.equal(c!.cap, 18);
  // quadratic spacing on [0, 18] with 9 points: 18·(i/8)²
  assert.deepEqual(c!.spend, Array.from({ length: 9 }, (_, i) => 18 * (i / 8) ** 2));
  // the steady state after 40 weeks is within 0.5^40 of the limit
  c!.spend.forEach((s, i) => assert.ok(Math.abs(c!.response[i]! - steady(s)) < 1e-9));
  assert.deepEqual(
    { title: setup.title, horizon: setup.horizon, basisWeeks: setup.basisWeeks },
    { title: "Q3", horizon: 8, basisWeeks: 10 },
  );
  // the cap rounds up to two significant digits: 3 × 6.1 = 18.3 → 19
  const odd = toyModel(toyData({ tv: [...spend.slice(0, 39), 7] }), [tv], 5);
  assert.equal(plannerSetup(odd, { basisWeeks: 10, points: 3 }).channels[0]!.cap, 19);
});

Deno.test("plannerSetup() refuses geo panels and impossible horizons", () => {
  const geo = { ...fit, data: { ...fit.data, geo: { name: "region", values: fit.data.dates } } };
  assert.throws(() => plannerSetup(geo), ConfigError);
  for (const horizon of [0, 2.5, 105]) {
    assert.throws(() => plannerSetup(fit, { horizon }), /horizon must be 1 to 104 weeks/);
  }
});

Deno.test("plannerHtml() refuses a model that does not reload from its saved form", async () => {
  await assert.rejects(() => plannerHtml(fit), /the toy model does not reload/);
});
