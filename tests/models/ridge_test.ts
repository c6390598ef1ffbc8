import assert from "node:assert/strict";
import { defineModelSpec, fitRidge, type MmmData, Rng } from "mixlab";
import { designBasis, designMatrix, loadLinearModel } from "mixlab/models";
import { assertRelClose, fixedData, weeklyDates } from "./_fixed_design.ts";

// Expected numbers: tests/fixtures/reference/models_linear.py (sklearn 1.2.1 Ridge, solver
// "cholesky"; scipy nnls for the sign-constrained case).

Deno.test("fitRidge() matches sklearn Ridge on the raw design (standardize false)", () => {
  const { data, spec } = fixedData("channels");
  const fit = fitRidge(data, spec, { lambda: 5, standardize: false, nonNegative: false });
  assertRelClose([fit.intercept], [2.8643012499393214], 1e-9);
  assertRelClose(
    fit.coefficients,
    [1.2708242942976617, -0.5720869324713352, 0.4072634996841401, 0.21429240109730174],
    1e-9,
  );
});

Deno.test("fitRidge() matches sklearn Ridge on a StandardScaler design (standardize true)", () => {
  const { data, spec } = fixedData("channels");
  const fit = fitRidge(data, spec, { lambda: 5, nonNegative: false });
  assertRelClose([fit.intercept], [2.8544127115321967], 1e-9);
  assertRelClose(
    fit.coefficients,
    [1.23324057665666, -0.5185845223644105, 0.3729650320196774, 0.19925105957573785],
    1e-9,
  );
});

Deno.test("fitRidge() with non-negative media matches scipy NNLS on the augmented system", () => {
  const { data, spec } = fixedData("channels");
  const fit = fitRidge(data, spec, { lambda: 5 });
  assertRelClose([fit.intercept], [0.9272911794596408], 1e-9);
  assertRelClose(
    fit.coefficients,
    [1.357644466228603, 0.0, 0.34040711003587903, 0.2674131660013647],
    1e-9,
  );
  assert.equal(fit.diagnostics[0]?.code, "media-zero");
  assert.equal(fit.diagnostics[0]?.subject, "x2");
});

/** Weekly data generated from a known linear model in the design's own columns. */
function knownTruthData(): MmmData {
  const n = 104, rng = new Rng(7), dates = weeklyDates(n, "2021-01-04");
  const spend = [0, 1].map(() => Float64Array.from({ length: n }, () => rng.uniformIn(0, 100)));
  const price = Float64Array.from({ length: n }, () => rng.uniformIn(9, 11));
  return {
    dates,
    kpiKind: "revenue",
    kpi: { name: "sales", values: new Float64Array(n) },
    channels: [{ name: "tv", spend: spend[0]! }, { name: "search", spend: spend[1]! }],
    controls: [{ name: "price", values: price }],
  };
}

Deno.test("fitRidge() recovers a noise-free model exactly at lambda 0", () => {
  const data = knownTruthData();
  const spec = defineModelSpec({
    channels: {
      tv: {
        adstock: { kind: "geometric", params: { decay: 0.6 } },
        saturation: { kind: "hill", params: { halfSaturation: 1.5, shape: 2 } },
      },
      search: { adstock: { kind: "weibull-pdf", params: { shape: 2, scale: 2, maxLag: 8 } } },
    },
    controls: ["price"],
    baseline: {
      yearlyFourier: 2,
      trend: "quadratic",
      events: { blackFriday: ["2021-11-26", "2022-11-25"] },
    },
  });
  // Build the KPI from the model's own columns computed independently of the estimator:
  // y = 50 + 30·tv + 20·search − 2·price + 5·t − 3·t² + 4·sin1 − 2·cos1 + 1·sin2 + 0.5·cos2 + 25·bf
  const truth = [30, 20, -2, 5, -3, 4, -2, 1, 0.5, 25];
  const d = designMatrix(data, designBasis(data, spec), { response: false });
  assert.deepEqual(d.columns.map((c) => c.name), [
    "tv",
    "search",
    "price",
    "trend",
    "trend^2",
    "sin1",
    "cos1",
    "sin2",
    "cos2",
    "blackFriday",
  ]);
  // the two Black Friday weeks are flagged
  assert.equal(d.values[9]!.reduce((a, b) => a + b), 2);
  const y = new Float64Array(data.dates.length).fill(50);
  truth.forEach((b, j) => d.values[j]!.forEach((v, i) => (y[i]! += b * v)));
  const fit = fitRidge({ ...data, kpi: { name: "sales", values: y } }, spec, {
    lambda: 0,
    nonNegative: false,
  });
  assertRelClose([fit.intercept], [50], 1e-8);
  assertRelClose(fit.coefficients, truth, 1e-8);
  const dec = fit.decompose(fit.data);
  assert.deepEqual(dec.terms.map((t) => t.name), [
    "intercept",
    "trend",
    "seasonality",
    "blackFriday",
    "price",
    "tv",
    "search",
  ]);
  dec.fitted.forEach((v, i) => assert.ok(Math.abs(v - y[i]!) < 1e-8 * Math.abs(y[i]!)));
  // the tv term is 30 · its media column
  dec.terms[5]!.values.forEach((v, i) => assert.ok(Math.abs(v - 30 * d.values[0]![i]!) < 1e-9));
});

Deno.test("fitRidge() survives a JSON round trip bit for bit", () => {
  const data = knownTruthData();
  const y = data.channels[0]!.spend.map((v, i) => 100 + v + (i % 5));
  const spec = defineModelSpec({ channels: ["tv", "search"], controls: ["price"] });
  const fit = fitRidge({ ...data, kpi: { name: "sales", values: y } }, spec, { lambda: 2 });
  const back = loadLinearModel(JSON.parse(JSON.stringify(fit)));
  assert.deepEqual(back.predict(fit.data), fit.predict(fit.data));
  assert.deepEqual(back.decompose(fit.data), fit.decompose(fit.data));
  assert.deepEqual(back.parameters, fit.parameters);
  assert.equal(back.kind, "ridge");
});

Deno.test("fitRidge() gives a constant column a zero coefficient and a warning; at λ = 0 it names it", () => {
  // KPI = 10 + 4·tv exactly, plus a control that never changes (a holiday dummy in a short fold)
  const dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"];
  const tv = new Float64Array([1, 3, 0, 2, 5]);
  const data = {
    dates,
    kpiKind: "revenue" as const,
    channels: [{ name: "tv", spend: tv }],
    controls: [{ name: "holiday", values: new Float64Array(5) }],
    kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
  };
  const spec = defineModelSpec({
    channels: [{
      name: "tv",
      scale: 1,
      adstock: { kind: "geometric", params: { decay: 0 } },
      saturation: { kind: "identity" },
    }],
    controls: ["holiday"],
    baseline: { yearlyFourier: 0, trend: "none" },
  });
  const fit = fitRidge(data, spec, { lambda: 1e-9 });
  const holiday = fit.parameters.find((p) => p.name === "holiday")!;
  assert.equal(holiday.estimate, 0);
  assert.ok(Math.abs(fit.coefficients[0]! - 4) < 1e-6);
  assert.deepEqual(fit.diagnostics.map((d) => [d.code, d.subject]), [[
    "constant-column",
    "holiday",
  ]]);
  assert.throws(() => fitRidge(data, spec, { lambda: 0 }), /column "holiday" is constant/);
});
