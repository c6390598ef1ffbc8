import assert from "node:assert/strict";
import { forecast, spendPlan } from "mixlab";
import { backtest, compareScenarios } from "mixlab/forecast";
import { scaleSpend } from "mixlab/core";
import { toyData, toyModel } from "../_toy_model.ts";

// tv: geometric adstock θ = 0.5 with hill(k = 1, shape = 1) on adstock / 10, β = 100.
const tv = { name: "tv", theta: 0.5, k: 1, shape: 1, beta: 100, scale: 10 };
const history = toyData({ tv: [0, 0, 0, 40] });
const fit = toyModel(history, [tv], 5);
const hill = (a: number) => (a / 10) / (a / 10 + 1);

Deno.test("forecast() carries adstock over from the history", () => {
  // After 40 in the last history week, a zero plan keeps 40·0.5^k of adstock in week k.
  const plan = spendPlan(history, { weeks: 3, weeklySpend: { tv: 0 } });
  const f = forecast(fit, plan);
  assert.deepEqual(plan.dates, ["2024-01-29", "2024-02-05", "2024-02-12"]);
  for (let k = 1; k <= 3; k++) {
    assert.ok(Math.abs(f.mean[k - 1]! - (5 + 100 * hill(40 * 0.5 ** k))) < 1e-12);
  }
  assert.equal(f.lower, undefined);
});

Deno.test("spendPlan() uses the basis window's average with multipliers", () => {
  const plan = spendPlan(history, { weeks: 2, basisWeeks: 2, multipliers: { tv: 1.5 } });
  assert.equal(plan.channels[0]!.spend[1], 30); // mean(0, 40) × 1.5
  assert.throws(() => spendPlan(history, { multipliers: { radio: 2 } }), /"radio" in multipliers/);
});

Deno.test("forecast() gives per-week quantile intervals from draws", () => {
  // Draw factors scale β; with no history spend and a steady 10/week plan, media in week k is
  // 100·f·hill(a_k) where a_k = 10·(1 − 0.5^k)/(1 − 0.5).
  const quiet = toyData({ tv: [0, 0] });
  const model = toyModel(quiet, [tv], 0, [0.5, 1, 1.5]);
  const f = forecast(model, spendPlan(quiet, { weeks: 2, weeklySpend: { tv: 10 } }), {
    level: 0.5,
  });
  const a1 = 10;
  // 25% quantile of {0.5, 1, 1.5}·m is at h = 0.5: 0.75·m; 75% is 1.25·m
  assert.ok(Math.abs(f.lower![0]! - 0.75 * 100 * hill(a1)) < 1e-12);
  assert.ok(Math.abs(f.upper![0]! - 1.25 * 100 * hill(a1)) < 1e-12);
});

Deno.test("forecast() gives the plan's total under each draw", () => {
  // Draw factors {0.5, 1, 1.5} scale β = 100; no history spend, 10/week for 2 weeks, so the
  // adstock is 10 then 15 and draw d's total is f_d·100·(hill(10) + hill(15)).
  const quiet = toyData({ tv: [0, 0] });
  const model = toyModel(quiet, [tv], 0, [0.5, 1, 1.5]);
  const f = forecast(model, spendPlan(quiet, { weeks: 2, weeklySpend: { tv: 10 } }));
  const media = 100 * (hill(10) + hill(15));
  assert.equal(f.drawTotals!.length, 3);
  [0.5, 1, 1.5].forEach((factor, d) => {
    assert.ok(Math.abs(f.drawTotals![d]! - factor * media) < 1e-12);
  });
  assert.equal(forecast(fit, spendPlan(history, { weeks: 2 })).drawTotals, undefined);
});

Deno.test("compareScenarios() gives lifts and incremental ROAS per plan", () => {
  const base = spendPlan(history, { weeks: 1, weeklySpend: { tv: 10 } });
  const more = scaleSpend(base, { tv: 2 });
  const cmp = compareScenarios(fit, { base, more });
  // week 1 adstock = 10 (or 20) + 0.5·40
  const kBase = 5 + 100 * hill(30), kMore = 5 + 100 * hill(40);
  const [b, m] = cmp.outcomes;
  assert.ok(Math.abs(b!.kpi.value - kBase) < 1e-12);
  assert.equal(b!.lift.value, 0);
  assert.ok(Math.abs(m!.lift.value - (kMore - kBase)) < 1e-12);
  // incremental ROAS: (KPI − KPI with zero plan spend) / spend, carryover (adstock 20) cancels
  assert.ok(Math.abs(m!.channels[0]!.roas - (100 * (hill(40) - hill(20))) / 20) < 1e-12);
});

Deno.test("backtest() fits before the cut-off and scores the held-back weeks", () => {
  const data = toyData({ tv: [10, 20, 30, 40, 50, 60] });
  // KPI made by the same toy model, so a perfect fitter forecasts it exactly
  const truth = toyModel(data, [tv], 5);
  const withKpi = { ...data, kpi: { name: "sales", values: truth.fitted } };
  const result = backtest(withKpi, (train) => toyModel(train, [tv], 5), { holdoutWeeks: 2 });
  assert.equal(result.fit.data.dates.length, 4);
  assert.ok(result.scores.rmse < 1e-12);
  assert.throws(
    () => backtest(withKpi, (t) => toyModel(t, [tv], 5), { holdoutWeeks: 9 }),
    /holdoutWeeks/,
  );
});
