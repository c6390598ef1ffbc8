import assert from "node:assert/strict";
import { fitOls, type FittedModel, type MmmData, simulatePreset } from "mixlab";
import { elasticities } from "mixlab/mediation";
import type { ParameterRow } from "mixlab/core";

const data: MmmData = {
  dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"],
  kpiKind: "revenue",
  kpi: { name: "sales", values: new Float64Array([16, 15, 17, 16, 16]) },
  channels: [{ name: "tv", spend: new Float64Array([1, 2, 3, 4, 5]) }],
  controls: [{ name: "price", values: new Float64Array([2, 2, 3, 3, 4]) }],
};

function toyFit(
  predict: (d: MmmData, o?: { draw?: number }) => Float64Array,
  extra: { parameters?: ParameterRow[]; nDraws?: number; specification?: "linear" | "log-log" },
): FittedModel {
  return {
    kind: "toy",
    data,
    nDraws: extra.nDraws ?? 0,
    parameters: extra.parameters ?? [],
    diagnostics: [],
    fitted: predict(data),
    spec: {
      channels: [{
        name: "tv",
        adstock: { kind: "geometric", params: { decay: 0 } },
        saturation: { kind: "identity", params: {} },
      }],
      controls: ["price"],
      specification: extra.specification ?? "linear",
      baseline: { yearlyFourier: 0, trend: "none", events: {} },
    },
    predict,
    transformParams: () => [],
    decompose: () => {
      throw new Error("not used");
    },
    toJSON: () => ({}),
  };
}

Deno.test("elasticities() of a linear model: arc value and its limit β·x̄/ŷ̄", () => {
  // ŷ = 10 + 2·tv − 0 · price. Σŷ = 50 + 2·15 = 80; scaled by 1 ± δ: 80 ± 30δ.
  const fit = toyFit((d) => d.channels[0]!.spend.map((s) => 10 + 2 * s), {
    parameters: [{ name: "tv", estimate: 2, lower: 1, upper: 3 }],
  });
  const r = elasticities(fit, { delta: 0.01 });
  const tv = r.get("tv");
  const arc = Math.log(80.3 / 79.7) / Math.log(1.01 / 0.99);
  assert.ok(Math.abs(tv.elasticity - arc) < 1e-12);
  assert.ok(Math.abs(tv.elasticity - 0.375) < 1e-4); // β·x̄/ŷ̄ = 2·3/16
  // delta method: E·[1, 3]/2
  assert.ok(Math.abs((tv.lower ?? NaN) - arc / 2) < 1e-12);
  assert.ok(Math.abs((tv.upper ?? NaN) - 1.5 * arc) < 1e-12);
  assert.equal(tv.interval, "delta");
  assert.equal(r.get("price").elasticity, 0);
  assert.equal(r.get("price").interval, "none");
  assert.equal(tv.group, "media");
});

Deno.test("elasticities() of a constant-elasticity model equal the exponents, per draw", () => {
  // ŷ = 5 · tv^β · price^-1.2 with β = 0.3, 0.5, 0.7 for draws 0, 1, 2 (mean 0.5 without a draw).
  const betas = [0.3, 0.5, 0.7];
  const fit = toyFit((d, o) => {
    const b = o?.draw === undefined ? 0.5 : betas[o.draw]!;
    const p = d.controls[0]!.values;
    return d.channels[0]!.spend.map((s, i) => 5 * s ** b * p[i]! ** -1.2);
  }, { nDraws: 3, specification: "log-log", parameters: [{ name: "tv", estimate: 0.5 }] });
  const r = elasticities(fit, { level: 0.5 });
  const tv = r.get("tv");
  assert.ok(Math.abs(tv.elasticity - 0.5) < 1e-12); // mean of 0.3, 0.5, 0.7
  // type-7 quantiles of [0.3, 0.5, 0.7] at 25% / 75%: 0.4, 0.6
  assert.ok(Math.abs((tv.lower ?? NaN) - 0.4) < 1e-12);
  assert.ok(Math.abs((tv.upper ?? NaN) - 0.6) < 1e-12);
  assert.equal(tv.coefficient, 0.5);
  assert.ok(Math.abs(r.get("price").elasticity + 1.2) < 1e-12);
  assert.ok(r.toTable().toHtml().includes("log-log coefficient"));
  assert.equal(JSON.parse(JSON.stringify(r)).rows.length, 2);
  assert.throws(() => elasticities(fit, { variables: ["radio"] }), RangeError);
  assert.throws(() => elasticities(fit, { delta: 1 }), RangeError);
});

Deno.test("elasticities() of price and promotions recover the simulator's truth", () => {
  // The demo set's KPI is linear in price and promo (coefficients β from the truth's baseline
  // terms). The true arc elasticity of the noise-free KPI S = Σ(kpi − noise − shocks) is
  // ln((S + δβP) / (S − δβP)) / ln((1 + δ) / (1 − δ)), with P = Σ price (or Σ promo).
  const sim = simulatePreset("demo");
  const fit = fitOls(sim.data, sim.truth.spec, { level: 0.9 });
  const r = elasticities(fit, { variables: ["price", "promo"], delta: 0.01 });
  const truth = sim.truth;
  let s = 0;
  truth.kpiValues.forEach((v, i) => (s += v - truth.noise[i]! - truth.shocks[i]!));
  for (const name of ["price", "promo"]) {
    const beta = truth.baselineTerms.find((t) => t.name === name)!.coefficient!;
    const p = sim.data.controls.find((c) => c.name === name)!.values.reduce((a, b) => a + b);
    const e = Math.log((s + 0.01 * beta * p) / (s - 0.01 * beta * p)) / Math.log(1.01 / 0.99);
    const got = r.get(name);
    assert.ok(Math.abs(got.elasticity / e - 1) < 0.1, `${name}: ${got.elasticity} vs ${e}`);
    // delta-method interval: E scaled by the coefficient's own 90% interval
    const row = fit.parameters.find((q) => q.name === name)!;
    const ends = [row.lower! / row.estimate, row.upper! / row.estimate].map((k) =>
      k * got.elasticity
    );
    assert.ok(Math.abs(got.lower! - Math.min(...ends)) < 1e-12);
    assert.ok(Math.abs(got.upper! - Math.max(...ends)) < 1e-12);
  }
});
