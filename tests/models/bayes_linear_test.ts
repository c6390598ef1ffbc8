import assert from "node:assert/strict";
import { fitBayesLinear, fitRidge } from "mixlab";
import { loadLinearModel } from "mixlab/models";
import { assertRelClose, fixedData } from "./_fixed_design.ts";

// Expected numbers: tests/fixtures/reference/models_linear.py (sklearn Ridge for the posterior
// mean, numpy/scipy Student-t marginals for sds and intervals; g = 0.5, a0 = b0 = 0.01).

const options = { priorScale: 0.5, priorShape: 0.01, priorRate: 0.01, level: 0.9 };

Deno.test("fitBayesLinear() posterior matches the closed form", () => {
  const { data, spec } = fixedData("controls");
  const fit = fitBayesLinear(data, spec, { ...options, nDraws: 0 });
  assertRelClose(fit.coefficients, [
    1.2654412519285974,
    -0.5302866162044164,
    0.3782353792686032,
    0.20418959440296286,
  ], 1e-9);
  assertRelClose([fit.intercept], [2.808548302164681], 1e-9);
  const rows = fit.parameters.slice(0, 5);
  assertRelClose(rows.map((r) => r.stdError!), [
    0.9879276865709782,
    0.26988528052914995,
    0.17123813215425937,
    0.17657839991125254,
    0.15746932265347552,
  ], 1e-8);
  assertRelClose(rows.slice(1).map((r) => r.lower!), [
    0.822965839495239,
    -0.8110305789752581,
    0.08873607728975719,
    -0.053980481972034255,
  ], 1e-8);
  assert.equal(fit.nDraws, 0);
});

Deno.test("fitBayesLinear() posterior mean equals ridge with λ = 1/g²", () => {
  const { data, spec } = fixedData("controls");
  const bayes = fitBayesLinear(data, spec, { priorScale: 0.5, nDraws: 0 });
  const ridge = fitRidge(data, spec, { lambda: 4, nonNegative: false });
  assertRelClose(bayes.coefficients, ridge.coefficients, 1e-10);
});

Deno.test("fitBayesLinear() draws are seeded, centred on the posterior, and survive JSON", () => {
  const { data, spec } = fixedData("controls");
  const fit = fitBayesLinear(data, spec, { ...options, nDraws: 4000, seed: 11 });
  assert.equal(fit.nDraws, 4000);
  const draws = fit.draws!;
  for (let j = 0; j < 4; j++) {
    let s = 0, ss = 0;
    for (let d = 0; d < 4000; d++) {
      const v = draws.coefficients[d * 4 + j]!;
      s += v;
      ss += v * v;
    }
    const mean = s / 4000, sd = Math.sqrt(ss / 4000 - mean * mean);
    const row = fit.parameters[j + 1]!;
    // Monte Carlo error of a mean of 4000 draws is sd/√4000 ≈ 0.016 sd; allow 4 of them.
    assert.ok(Math.abs(mean - row.estimate) < 0.07 * row.stdError!, `mean ${j}`);
    assert.ok(Math.abs(sd / row.stdError! - 1) < 0.06, `sd ${j}`);
  }
  const again = fitBayesLinear(data, spec, { ...options, nDraws: 4000, seed: 11 });
  assert.deepEqual(again.predict(data, { draw: 123 }), fit.predict(data, { draw: 123 }));
  const back = loadLinearModel(JSON.parse(JSON.stringify(fit)));
  assert.equal(back.nDraws, 4000);
  assert.deepEqual(back.decompose(data, { draw: 7 }), fit.decompose(data, { draw: 7 }));
  assert.throws(() => fit.predict(data, { draw: 4000 }), RangeError);
});
