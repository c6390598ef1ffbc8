/**
 * `FittedModel.transformParams()` for every estimator: the spec's values with how each was set
 * (fixed, tuned), and for Bayesian fits the posterior mean and 90% interval of each sampled
 * parameter, computed here from the draws.
 */
import {
  defineModelSpec,
  fitBayes,
  fitRandomForest,
  fitRidge,
  loadFittedModel,
  Rng,
  tune,
} from "mixlab";
import { BaggedModel } from "mixlab/models";
import type { MmmData } from "mixlab/types.ts";
import assert from "node:assert/strict";

function weekly(n: number, seed: number): MmmData {
  const rng = new Rng(seed);
  const dates = Array.from(
    { length: n },
    (_, i) => new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10),
  );
  const tv = Float64Array.from(
    { length: n },
    () => (rng.uniform() < 0.3 ? 0 : rng.uniformIn(50, 150)),
  );
  let a = 0;
  const kpi = tv.map((x) => {
    a = x + 0.5 * a;
    return 1000 + 3 * a + rng.normal(0, 20);
  });
  return {
    dates,
    kpiKind: "revenue",
    kpi: { name: "sales", values: kpi },
    channels: [{ name: "tv", spend: tv }],
    controls: [],
  };
}

const spec = defineModelSpec({
  channels: [{
    name: "tv",
    adstock: { kind: "geometric", params: { decay: 0.4 } },
    saturation: { kind: "hill", params: { halfSaturation: 1.5, shape: 1 } },
  }],
  baseline: { yearlyFourier: 0, trend: "none" },
});

Deno.test("transformParams() of ridge and tree fits are the spec's values, fixed", () => {
  const data = weekly(60, 1);
  for (const fit of [fitRidge(data, spec), fitRandomForest(data, spec, { seed: 1, nTrees: 5 })]) {
    assert.deepEqual(
      fit.transformParams().map((p) => [p.stage, p.name, p.value, p.status]),
      [
        ["adstock", "decay", 0.4, "fixed"],
        ["saturation", "halfSaturation", 1.5, "fixed"],
        ["saturation", "shape", 1, "fixed"],
      ],
    );
  }
});

Deno.test("transformParams() after tuning marks searched parameters tuned and survives a round trip", async () => {
  const data = weekly(60, 2);
  const result = await tune(data, spec, {
    trials: 20,
    workers: 0,
    seed: 1,
    rssd: false,
    bounds: { "tv.saturation.shape": 1 },
  });
  const params = result.model.transformParams();
  const status = Object.fromEntries(params.map((p) => [p.name, p.status]));
  assert.deepEqual(status, { decay: "tuned", halfSaturation: "tuned", shape: "fixed" });
  assert.equal(params[0]!.value, result.params["tv.adstock.decay"]);
  const back = loadFittedModel(JSON.parse(JSON.stringify(result.model)));
  assert.deepEqual(back.transformParams(), params);
});

Deno.test("transformParams() of a Bayesian fit: posterior mean and 90% interval of the draws, fixed ones as given", () => {
  const data = weekly(60, 3);
  const fit = fitBayes(data, spec, {
    chains: 2,
    warmup: 150,
    draws: 100,
    seed: 2,
    fixed: ["tv.shape"],
  });
  const params = fit.transformParams();
  assert.deepEqual(params.map((p) => [p.name, p.status]), [
    ["decay", "estimated"],
    ["halfSaturation", "estimated"],
    ["shape", "fixed"],
  ]);
  assert.equal(params[2]!.value, 1);
  assert.ok(!fit.summary.some((r) => r.name === "tv.shape"));
  for (const p of params.slice(0, 2)) {
    const draws = Array.from(fit.draws(`tv.${p.name}`)).sort((a, b) => a - b);
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    assert.ok(Math.abs(p.value - mean) < 1e-12 * mean);
    // type-7 quantiles at 5% and 95% of 200 sorted draws: h = 0.05·199 = 9.95 → between 9 and 10
    const q = (h: number) =>
      draws[Math.floor(h)]! + (h % 1) * (draws[Math.floor(h) + 1]! - draws[Math.floor(h)]!);
    assert.ok(Math.abs(p.interval![0] - q(0.05 * 199)) < 1e-12);
    assert.ok(Math.abs(p.interval![1] - q(0.95 * 199)) < 1e-12);
    // the fitted spec carries the posterior mean (the starting value was 0.4 or 1.5)
    const stage = p.stage === "adstock"
      ? fit.spec.channels[0]!.adstock
      : fit.spec.channels[0]!.saturation;
    assert.equal(stage.params[p.name], p.value);
  }
  const back = loadFittedModel(JSON.parse(JSON.stringify(fit)));
  assert.deepEqual(back.transformParams(), params);
});

Deno.test("transformParams() of a bagged model: the reference's values, the members' 5%–95% range", () => {
  const data = weekly(60, 1);
  const at = (decay: number, halfSaturation = 1.5) =>
    fitRidge(data, {
      ...spec,
      channels: spec.channels.map((c) => ({
        ...c,
        adstock: { kind: "geometric", params: { decay } },
        saturation: { kind: "hill", params: { halfSaturation, shape: 1 } },
      })),
    }, { tuned: ["tv.adstock.decay"] });
  // 20 members with decays 0.05, 0.10, …, 1.00 (sorted): the 5% point is the 2nd (index
  // floor(0.05·20) = 1), the 95% point the 20th (index 19)
  const members = Array.from({ length: 20 }, (_, i) => at((i + 1) / 20, 1 + i / 10));
  const bagged = new BaggedModel(at(0.4), members);
  const [decay, half, shape] = bagged.transformParams();
  assert.deepEqual([decay!.value, decay!.status], [0.4, "tuned"]);
  assert.deepEqual(decay!.interval, [0.1, 1]);
  assert.deepEqual([half!.value, half!.status], [1.5, "fixed"]);
  assert.deepEqual(half!.interval, [1.1, 2.9]);
  assert.deepEqual(shape!.interval, [1, 1]);
});
