/**
 * Issue 7's recovery checks against the simulator's known truth (lib/sim), with the model fitted
 * at the true transform parameters on noise-free data:
 * - the decomposition reproduces every channel's weekly contribution series;
 * - marginal ROAS matches the truth's analytic derivative (small step) and a 1% finite
 *   difference of the true media response (the default step);
 * - a forecast of held-back weeks from their actual spends is exact, adstock carry-over included.
 */
import assert from "node:assert/strict";
import { channelReturns, contributions, fitRidge, forecast, simulateMmm } from "mixlab";
import { backtest } from "mixlab/forecast";
import { sliceRows } from "mixlab/core";
import { SIMULATION_PRESETS } from "mixlab/sim";
import { applyChannelTransforms } from "mixlab/transforms";

const sim = simulateMmm({ ...SIMULATION_PRESETS.demo, noise: 0 });
const fit = fitRidge(sim.data, sim.truth.spec, { lambda: 0, nonNegative: false });

Deno.test("contributions() reproduces the true weekly contribution of every channel", () => {
  const d = contributions(fit);
  for (const truth of sim.truth.channels) {
    const term = d.terms.find((t) => t.name === truth.name)!;
    for (let i = 0; i < term.values.length; i++) {
      const want = truth.contribution[i]!;
      assert.ok(
        Math.abs(term.values[i]! - want) <= 0.01 * Math.abs(want) + 1e-9,
        `${truth.name} week ${i}: ${term.values[i]} vs ${want}`,
      );
    }
  }
});

Deno.test("channelReturns() matches the true ROAS and marginal ROAS", () => {
  const small = channelReturns(fit, { step: 1e-6 });
  const onePercent = channelReturns(fit);
  for (const truth of sim.truth.channels) {
    const s = small.channels.find((c) => c.channel === truth.name)!;
    assert.ok(Math.abs(s.roas.value / truth.roas - 1) < 1e-4, `${truth.name} ROAS`);
    assert.ok(Math.abs(s.mroas.value / truth.mroas - 1) < 1e-4, `${truth.name} analytic mROAS`);
    // 1% finite difference of the true response: coefficient × Σ[f(1.01·spend) − f(spend)]
    const spend = sim.data.channels.find((c) => c.name === truth.name)!.spend;
    const f = (x: Float64Array) => applyChannelTransforms(x, truth);
    const up = f(spend.map((v) => v * 1.01)), base = f(spend);
    let diff = 0, total = 0;
    for (let i = 0; i < spend.length; i++) {
      diff += truth.coefficient * (up[i]! - base[i]!);
      total += spend[i]!;
    }
    const fd = diff / (0.01 * total);
    const o = onePercent.channels.find((c) => c.channel === truth.name)!;
    assert.ok(
      Math.abs(o.mroas.value / fd - 1) < 1e-4,
      `${truth.name} 1% mROAS ${o.mroas.value} vs ${fd}`,
    );
  }
});

Deno.test("forecast() of held-back weeks is exact with the true model, carry-over included", () => {
  const n = sim.data.dates.length, cut = n - 13;
  const train = sliceRows(sim.data, 0, cut), test = sliceRows(sim.data, cut);
  const model = fitRidge(train, sim.truth.spec, { lambda: 0, nonNegative: false });
  const f = forecast(model, test, { history: train });
  for (let i = 0; i < 13; i++) {
    const want = sim.truth.kpiValues[cut + i]!;
    assert.ok(Math.abs(f.mean[i]! - want) < 1e-6 * Math.abs(want), `week ${i}`);
  }
  // without the history the first weeks lose the carried-over adstock, so they differ
  const cold = forecast(model, test, { history: sliceRows(train, 0, 0) });
  assert.ok(Math.abs(cold.mean[0]! - sim.truth.kpiValues[cut]!) > 1);
});

Deno.test("backtest() on the noisy demo data forecasts a held-back quarter at the noise level", () => {
  const noisy = simulateMmm(SIMULATION_PRESETS.demo);
  const result = backtest(
    noisy.data,
    (train) => fitRidge(train, noisy.truth.spec, { lambda: 0.01 }),
    { holdoutWeeks: 13 },
  );
  // the irreducible error is the simulator's noise: a right model forecasts within 1.5× of it
  assert.ok(
    result.scores.rmse < 1.5 * noisy.truth.noiseSd,
    `RMSE ${result.scores.rmse} vs noise sd ${noisy.truth.noiseSd}`,
  );
});
