import assert from "node:assert/strict";
import {
  ConfigError,
  fitBayes,
  fitRandomForest,
  fitRidge,
  loadFittedModel,
  optimizeBudget,
  responseFunctions,
  simulatePreset,
  spendPlan,
  tabulateResponses,
} from "mixlab";
import { sliceRows } from "mixlab/core";

const sim = simulatePreset("demo");
const data = sliceRows(sim.data, 0, 104);
const plan = spendPlan(data, { weeks: 8, multipliers: { tv: 1.3 } });

/** A saved model, reloaded from its JSON text, answers everything exactly as the original. */
function assertSameAnswers(
  original:
    | ReturnType<typeof fitRidge>
    | ReturnType<typeof fitBayes>
    | ReturnType<typeof fitRandomForest>,
) {
  const loaded = loadFittedModel(JSON.parse(JSON.stringify(original)));
  assert.equal(loaded.kind, original.kind);
  assert.equal(loaded.nDraws, original.nDraws);
  assert.deepEqual(
    loaded.predict(plan, { history: data }),
    original.predict(plan, { history: data }),
  );
  assert.deepEqual(loaded.decompose(data), original.decompose(data));
  if (original.nDraws > 0) {
    const last = original.nDraws - 1;
    assert.deepEqual(loaded.predict(data, { draw: last }), original.predict(data, { draw: last }));
  }
  // the optimizer sees each model through the same tabulated curves (one prediction per point)
  const curves = (m: typeof loaded) => tabulateResponses(responseFunctions(m), { points: 24 });
  const a = optimizeBudget(curves(original), { breakpoints: 20 });
  const b = optimizeBudget(curves(loaded), { breakpoints: 20 });
  assert.deepEqual(b.toJSON(), a.toJSON());
}

Deno.test("loadFittedModel() round-trips a ridge model exactly", () => {
  assertSameAnswers(fitRidge(data, sim.truth.spec, { lambda: 0.1 }));
});

Deno.test("loadFittedModel() round-trips a tree model exactly", () => {
  assertSameAnswers(fitRandomForest(data, sim.truth.spec, { nTrees: 10, seed: 3 }));
});

Deno.test("loadFittedModel() round-trips a Bayesian model with its draws exactly", () => {
  assertSameAnswers(fitBayes(data, sim.truth.spec, { chains: 2, warmup: 30, draws: 10, seed: 5 }));
});

Deno.test("loadFittedModel() names the formats it knows when given something else", () => {
  assert.throws(() => loadFittedModel({ format: "pickle" }), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /"mixlab.linear-model", "mixlab.tree-model", "mixlab.bayes-model"/);
    return true;
  });
});
