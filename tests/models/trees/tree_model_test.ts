import assert from "node:assert/strict";
import { defineModelSpec, fitGradientBoosting, fitRandomForest, type MmmData } from "mixlab";
import { loadTreeModel } from "mixlab/models/trees";

const N = 24;
const dates = Array.from(
  { length: N },
  (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10),
);
const tv = Float64Array.from({ length: N }, (_, i) => (i % 2) * 10);
const radio = Float64Array.from({ length: N }, (_, i) => (Math.floor(i / 2) % 2) * 4);
const on = (v: number) => (v > 0 ? 1 : 0);

function data(kpi: (t: number, r: number) => number): MmmData {
  return {
    dates,
    kpiKind: "revenue",
    controls: [],
    kpi: { name: "sales", values: Float64Array.from(tv, (t, i) => kpi(t, radio[i] as number)) },
    channels: [{ name: "tv", spend: tv }, { name: "radio", spend: radio }],
  };
}

const noCarryover = { adstock: { kind: "geometric", params: { decay: 0 } } };
const spec = defineModelSpec({
  channels: { tv: noCarryover, radio: noCarryover },
  baseline: { trend: "none", yearlyFourier: 0 },
});
/** A forest with no randomness: one full CART tree, which fits step data exactly. */
const exact = { bootstrap: false, maxFeatures: 1, nTrees: 1 } as const;

Deno.test("fitRandomForest() decomposes additive steps into the true channel effects", () => {
  // sales = 100 + 5·[tv > 0] + 3·[radio > 0]: zeroing tv removes exactly 5 where tv ran
  const d = data((t, r) => 100 + 5 * on(t) + 3 * on(r));
  const model = fitRandomForest(d, spec, exact);
  assert.equal(model.kind, "random-forest");
  assert.deepEqual(Array.from(model.fitted), Array.from(d.kpi.values));
  const dec = model.decompose(d);
  assert.deepEqual(dec.terms.map((t) => [t.name, t.group]), [
    ["intercept", "intercept"],
    ["tv", "media"],
    ["radio", "media"],
  ]);
  assert.deepEqual(Array.from(dec.terms[0]!.values), new Array(N).fill(100));
  assert.deepEqual(Array.from(dec.terms[1]!.values), Array.from(tv, (t) => 5 * on(t)));
  assert.deepEqual(Array.from(dec.terms[2]!.values), Array.from(radio, (r) => 3 * on(r)));
  assert.deepEqual(model.parameters.map((p) => p.name), ["importance.tv", "importance.radio"]);
  const total = model.parameters.reduce((s, p) => s + p.estimate, 0);
  assert.ok(Math.abs(total - 1) < 1e-12);
  assert.deepEqual(model.diagnostics.map((x) => x.code), ["tree-counterfactual-decomposition"]);
});

Deno.test("fitRandomForest() on the log-log specification predicts in KPI units", () => {
  // log sales = log 100 + log(1.05)·[tv > 0]: exact on the log scale, so exact after exp
  const d = data((t) => 100 * 1.05 ** on(t));
  const logSpec = defineModelSpec({
    channels: { tv: noCarryover, radio: noCarryover },
    baseline: { trend: "none", yearlyFourier: 0 },
    specification: "log-log",
  });
  const model = fitRandomForest(d, logSpec, exact);
  model.fitted.forEach((v, i) => assert.ok(Math.abs(v - (d.kpi.values[i] as number)) < 1e-9));
  const tvTerm = model.decompose(d).terms[1]!.values;
  tv.forEach((t, i) => assert.ok(Math.abs((tvTerm[i] as number) - 5 * on(t)) < 1e-9));
});

Deno.test("fitRandomForest() warns about a channel with a negative contribution", () => {
  const model = fitRandomForest(data((t) => 100 - 5 * on(t)), spec, exact);
  const w = model.diagnostics.find((x) => x.code === "tree-negative-contribution");
  assert.equal(w?.subject, "tv");
  assert.equal(w?.level, "warning");
});

Deno.test("fitGradientBoosting() terms sum to the prediction and survive JSON", () => {
  const d = data((t, r) => 50 + Math.sqrt(t) + 2 * r + (t > 0 && r > 0 ? 4 : 0));
  const model = fitGradientBoosting(d, defineModelSpec({ channels: ["tv", "radio"] }), {
    nEstimators: 40,
    subsample: 0.8,
    seed: 3,
  });
  const dec = model.decompose(d);
  for (let i = 0; i < N; i++) {
    const s = dec.terms.reduce((acc, t) => acc + (t.values[i] as number), 0);
    assert.ok(Math.abs(s - (dec.fitted[i] as number)) < 1e-9);
  }
  const copy = loadTreeModel(JSON.parse(JSON.stringify(model)));
  assert.equal(copy.kind, "gradient-boosting");
  assert.deepEqual(copy.predict(d), model.predict(d));
  assert.deepEqual(copy.decompose(d), dec);
  assert.deepEqual(copy.parameters, model.parameters);
  assert.throws(() => model.predict(d, { draw: 0 }), RangeError);
  assert.throws(() => loadTreeModel({ format: "other" }), TypeError);
  assert.ok(model.parameterTable().toHtml().includes("importance"));
});

Deno.test("fitRandomForest() JSON keeps out-of-bag predictions", () => {
  const d = data((t, r) => 100 + 5 * on(t) + 3 * on(r));
  const model = fitRandomForest(d, spec, { nTrees: 15, seed: 2 });
  const copy = loadTreeModel(JSON.parse(JSON.stringify(model)));
  assert.deepEqual(copy.predict(d), model.predict(d));
  const oob = (m: typeof model) =>
    Array.from((m.regressor as { oobPrediction?: Float64Array }).oobPrediction!);
  assert.deepEqual(oob(copy), oob(model));
});
