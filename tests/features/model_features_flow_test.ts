// Features carried through decomposition, forecasts, scenarios and the optimizer, on a model
// whose every coefficient is read back from its parameter table; the expected numbers are
// written out here by hand from those coefficients and the columns' definitions.
import assert from "node:assert/strict";
import {
  defineModelSpec,
  fitRidge,
  forecast,
  type MmmData,
  optimizeBudget,
  responseFunctions,
  spendPlan,
  tabulateResponses,
} from "mixlab";
import { compareScenarios } from "mixlab/forecast";
import { withSpend } from "mixlab/core";
import { flags, flightedSpend, linearChannel, mondays, normal, weekly } from "./_generate.ts";

const N = 156;
const dates = mondays(N);
const tv = flightedSpend(N, 31, 0.3), radio = flightedSpend(N, 32, 0.1);
const promo = flags(N, 33, 0.25);
const season = dates.map((d) => (Number(d.slice(5, 7)) <= 6 ? "H1" : "H2"));
const z = normal(34);
const kpi = tv.map((x, t) =>
  1000 + 2 * x + 0.8 * (t > 0 ? tv[t - 1]! : 0) + 1.1 * x * promo[t]! + 20 * (x > 0 ? 1 : 0) +
  1.5 * radio[t]! + 30 * promo[t]! + (season[t] === "H2" ? 45 : 0) + 3 * z()
);
const data = weekly(dates, kpi, { tv, radio }, { promo }, { season });
const spec = defineModelSpec({
  channels: [linearChannel("tv"), linearChannel("radio")],
  controls: ["promo"],
  baseline: {
    trend: "none",
    yearlyFourier: 0,
    lags: { tv: [1] },
    interactions: [["tv", "promo"]],
    zeroSpend: ["tv"],
    categoricals: ["season"],
    totalSpend: true,
  },
});
const fit = fitRidge(data, spec, { lambda: 0, nonNegative: false });
const b = Object.fromEntries(fit.parameters.map((p) => [p.name, p.estimate]));
const meanTotal = (tv.reduce((a, v) => a + v, 0) + radio.reduce((a, v) => a + v, 0)) / N;

const zeroed = (d: MmmData, name: string): MmmData =>
  withSpend(d, { [name]: new Float64Array(d.dates.length) });

Deno.test("a channel's term is its counterfactual, lag, interaction, on-air and total-spend parts included", () => {
  const full = fit.predict(data);
  const d = fit.decompose(data);
  for (const name of ["tv", "radio"]) {
    const without = fit.predict(zeroed(data, name));
    const term = d.terms.find((t) => t.name === name)!;
    term.values.forEach((v, t) => {
      assert.ok(Math.abs(v - (full[t]! - without[t]!)) < 1e-7, `${name} week ${t}`);
    });
  }
  d.fitted.forEach((y, t) => {
    const sum = d.terms.reduce((a, term) => a + term.values[t]!, 0);
    assert.ok(Math.abs(sum - y) < 1e-7);
  });
  assert.deepEqual(d.terms.map((t) => t.name), ["intercept", "promo", "season", "tv", "radio"]);
});

/** The model's prediction of a plan week, written out from its coefficients. */
function byHand(tvNow: number, tvBefore: number, radioNow: number, promoNow: number, h2: boolean) {
  return b.intercept! + b.tv! * tvNow + b.tv_lag1! * tvBefore + b["tv×promo"]! * tvNow * promoNow +
    b["tv on"]! * (tvNow > 0 ? 1 : 0) + b.radio! * radioNow + b.promo! * promoNow +
    b["total spend"]! * (tvNow + radioNow) / meanTotal + (h2 ? b["season=H2"]! : 0);
}

Deno.test("a forecast continues the lag from the history, follows the plan's zeros and holds the last season", () => {
  const plan = withSpend(
    spendPlan(data, { weeks: 4, weeklySpend: { tv: 100, radio: 50 }, controls: { promo: 1 } }),
    { tv: new Float64Array([100, 0, 120, 100]) },
  );
  const f = forecast(fit, plan);
  const tvPlan = [100, 0, 120, 100], last = tv[N - 1]!;
  const h2 = season[N - 1] === "H2";
  tvPlan.forEach((x, k) => {
    const expected = byHand(x, k === 0 ? last : tvPlan[k - 1]!, 50, 1, h2);
    assert.ok(Math.abs(f.mean[k]! - expected) < 1e-7, `week ${k}: ${f.mean[k]} vs ${expected}`);
  });
  const scenarios = compareScenarios(fit, { plan, dark: zeroed(plan, "tv") });
  const dark = [0, 1, 2, 3].reduce((a, k) => a + byHand(0, k === 0 ? last : 0, 50, 1, h2), 0);
  const row = scenarios.outcomes.find((s) => s.name === "dark")!;
  assert.ok(Math.abs(row.kpi.value - dark) < 1e-6, `${row.kpi.value} vs ${dark}`);
});

Deno.test("the optimizer's response curve of a channel includes its lag, interaction, on-air and total-spend terms", () => {
  // Steady state: every week at spend s, the promotion at its last training value.
  const p = promo[N - 1]!;
  const tvCurve = responseFunctions(fit).find((f) => f.name === "tv")!;
  for (const s of [10, 80, 200]) {
    const expected = (b.tv! + b.tv_lag1! + b["tv×promo"]! * p + b["total spend"]! / meanTotal) * s +
      b["tv on"]!;
    assert.ok(Math.abs(tvCurve.response(s) - expected) < 1e-7, `s = ${s}`);
  }
  assert.equal(tvCurve.response(0), 0);
  const curves = tabulateResponses(responseFunctions(fit));
  const allocation = optimizeBudget(curves);
  const c = allocation.channels.find((x) => x.name === "tv")!;
  assert.ok(
    Math.abs(c.optimalResponse - tvCurve.response(c.optimalSpend)) <
      1e-3 * Math.abs(c.optimalResponse) + 1e-6,
  );
});
