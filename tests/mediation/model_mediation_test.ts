import assert from "node:assert/strict";
import { fitBayesLinear, fitOls, type MmmData, type ModelSpec, simulatePreset } from "mixlab";
import { fitMediation, mediateLinear, mediationFromModels, mediatorData } from "mixlab/mediation";
import { referenceData } from "./_reference_data.ts";

const linear = (name: string) => ({
  name,
  scale: 1,
  adstock: { kind: "geometric", params: { decay: 0 } },
  saturation: { kind: "identity", params: {} },
});

Deno.test("mediationFromModels() with OLS models equals fitMediation's point effects", () => {
  // Stage 1 as a model: identity transforms with scale 1 make the media columns the raw spend,
  // with the KPI model's controls and baseline — the same regression as fitMediation's
  // stage1Features "spend". The counterfactual predictions must give the same effects.
  const sim = simulatePreset("mediation");
  const upstream = ["facebook", "tiktok", "snapchat"];
  const spec = sim.truth.spec;
  const stage1: ModelSpec = { ...spec, channels: upstream.map(linear) };
  const d1 = mediatorData(sim.data, { mediator: "google_search", upstream });
  const r = mediationFromModels(sim.data, {
    mediator: "google_search",
    upstream,
    mediatorModel: fitOls(d1, stage1),
    outcomeModel: fitOls(sim.data, spec),
  });
  const fit = fitMediation(sim.data, {
    mediator: "google_search",
    upstream,
    spec,
    stage1Features: "spend",
    interval: "normal",
  });
  assert.equal(r.interval, "point");
  for (const u of upstream) {
    for (const kind of ["direct", "indirect", "total"] as const) {
      const a = r.channel(u).period[kind].estimate,
        b = fit.effects.channel(u).period[kind].estimate;
      assert.ok(Math.abs(a - b) <= 1e-6 * Math.abs(b), `${u} ${kind}: ${a} vs ${b}`);
    }
  }
});

Deno.test("mediationFromModels() with Bayesian linear fits gives the effects' posterior", () => {
  // Conjugate Bayesian regressions with a weak prior on 200 rows: by Bernstein–von Mises the
  // posterior of a·b and c' is close to the OLS estimate and its normal-theory spread
  // (Sobel / OLS standard errors, from mediateLinear, itself checked against statsmodels).
  const d = referenceData();
  const dates = Array.from(
    { length: d.y.length },
    (_, i) => new Date(Date.UTC(2020, 0, 6 + 7 * i)).toISOString().slice(0, 10),
  );
  const data: MmmData = {
    dates,
    kpiKind: "revenue",
    kpi: { name: "y", values: d.y },
    channels: [{ name: "x1", spend: d.x1 }, { name: "x2", spend: d.x2 }],
    controls: [{ name: "m", values: d.m }, { name: "w", values: d.w }],
  };
  const baseline = { yearlyFourier: 0, trend: "none" as const, events: {} };
  const spec2: ModelSpec = {
    channels: [linear("x1"), linear("x2")],
    controls: ["m", "w"],
    baseline,
    specification: "linear",
  };
  const spec1: ModelSpec = { ...spec2, controls: ["w"] };
  const options = { mediator: "m", upstream: ["x1", "x2"] };
  const prior = { priorScale: 100, nDraws: 2000 };
  const r = mediationFromModels(data, {
    ...options,
    mediatorModel: fitBayesLinear(mediatorData(data, options), spec1, { ...prior, seed: 1 }),
    outcomeModel: fitBayesLinear(data, spec2, { ...prior, seed: 2 }),
    maxDraws: 2000,
  });
  const ols = mediateLinear({
    outcome: { name: "y", values: d.y },
    mediator: { name: "m", values: d.m },
    upstream: [{ name: "x1", values: d.x1 }, { name: "x2", values: d.x2 }],
    controls: [{ name: "w", values: d.w }],
  }, { interval: "normal" });
  assert.equal(r.interval, "posterior");
  for (const u of ["x1", "x2"]) {
    const post = r.channel(u).perSpend!, freq = ols.channel(u).perUnit;
    for (const kind of ["direct", "indirect", "total"] as const) {
      const se = freq[kind].stdError;
      assert.ok(
        Math.abs(post[kind].estimate - freq[kind].estimate) < 0.15 * se,
        `${u} ${kind} mean: ${post[kind].estimate} vs ${freq[kind].estimate} (se ${se})`,
      );
      assert.ok(
        Math.abs(post[kind].stdError / se - 1) < 0.1,
        `${u} ${kind} sd: ${post[kind].stdError} vs ${se}`,
      );
    }
  }
});
