import assert from "node:assert/strict";
import { planForecast, planOutcome } from "mixlab/planner/mod.ts";
import { toyData, toyModel } from "../_toy_model.ts";

// tv: geometric adstock θ = 0.5, hill(1, 1) on adstock / 10, β = 100 scaled per draw by
// {0.5, 1, 1.5}; intercept 5. The history ends with 40 in its last week.
const tv = { name: "tv", theta: 0.5, k: 1, shape: 1, beta: 100, scale: 10 };
const history = toyData({ tv: [0, 0, 0, 40] });
const hill = (a: number) => (a / 10) / (a / 10 + 1);

Deno.test("planForecast() carries adstock over into a constant weekly plan", () => {
  const fit = toyModel(history, [tv], 5);
  // week k of a plan of s/week: adstock = s·(1 − 0.5^k)/(1 − 0.5) + 40·0.5^k
  const adstock = (s: number, k: number) => 2 * s * (1 - 0.5 ** k) + 40 * 0.5 ** k;
  const f = planForecast(fit, { tv: 8 }, { weeks: 3, basisWeeks: 2 });
  assert.deepEqual(f.plan.dates, ["2024-01-29", "2024-02-05", "2024-02-12"]);
  const expected = [1, 2, 3].reduce((a, k) => a + 5 + 100 * hill(adstock(8, k)), 0);
  assert.ok(Math.abs(f.total() - expected) < 1e-9);
});

Deno.test("planOutcome() pairs the draws of plan and reference", () => {
  const fit = toyModel(history, [tv], 5, [0.5, 1, 1.5]);
  const plan = planForecast(fit, { tv: 8 }, { weeks: 1 });
  const reference = planForecast(fit, { tv: 0 }, { weeks: 1 });
  // one week: media = f·100·hill(2·8·0.5 + 20) against f·100·hill(20); intercept cancels
  const gain = 100 * (hill(28) - hill(20));
  const out = planOutcome(plan, reference, 0.5);
  assert.ok(Math.abs(out.change - gain) < 1e-9);
  // paired: draw d's change is f_d·gain; 25% and 75% of {0.5, 1, 1.5} are 0.75 and 1.25
  assert.ok(Math.abs(out.changeInterval![0] - 0.75 * gain) < 1e-9);
  assert.ok(Math.abs(out.changeInterval![1] - 1.25 * gain) < 1e-9);
  const total = (f: number) => 5 + f * 100 * hill(28);
  assert.ok(Math.abs(out.totalInterval![0] - (total(0.5) + total(1)) / 2) < 1e-9);
  const noDraws = toyModel(history, [tv], 5);
  const point = planOutcome(
    planForecast(noDraws, { tv: 8 }, { weeks: 1 }),
    planForecast(noDraws, { tv: 0 }, { weeks: 1 }),
  );
  assert.ok(Math.abs(point.change - gain) < 1e-9);
  assert.equal(point.totalInterval, undefined);
  assert.equal(point.changeInterval, undefined);
});
