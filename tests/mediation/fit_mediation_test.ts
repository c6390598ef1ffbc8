import assert from "node:assert/strict";
import { ConfigError, fitRidge, type MmmData, type ModelSpec, simulatePreset } from "mixlab";
import { defineDag, fitMediation, mediateLinear } from "mixlab/mediation";
import { referenceData } from "./_reference_data.ts";

const within = (actual: number, truth: number, rel: number, what: string) =>
  assert.ok(
    Math.abs(actual / truth - 1) <= rel,
    `${what}: got ${actual}, truth ${truth} (error ${(100 * (actual / truth - 1)).toFixed(1)}%)`,
  );
const covers = (s: { lower: number; upper: number }, truth: number, what: string) =>
  assert.ok(
    s.lower <= truth && truth <= s.upper,
    `${what}: ${truth} not in [${s.lower}, ${s.upper}]`,
  );

Deno.test("fitMediation() recovers the simulator's social → search effects", () => {
  // The bundled mediation set (lib/sim preset "mediation"): google_search spend = own spend +
  // 0.25·facebook + 0.25·tiktok + 0.35·snapchat; truth = the simulator's counterfactual effects
  // (search's contribution minus its contribution without j's driven spend), computed from the
  // true coefficients, not by lib/mediation. The model is fitted with the true transforms
  // (truth.spec), stage 1 on raw upstream spend (the simulator's drive is linear in spend) with
  // AR(1) errors for search's own drifting spend (persistence 0.7). Issue 6's done-when: every
  // effect within 10% of the truth, and its 90% (delta-method) interval contains it. Over 200
  // simulator seeds these intervals cover each effect 85–92% of the time (nominal 90%), so on
  // a given seed all nine hold together only about half the time; on this seed the closest is
  // snapchat's total effect (−2.8%, about 1.5 standard errors).
  const sim = simulatePreset("mediation");
  const fit = fitMediation(sim.data, {
    mediator: "google_search",
    upstream: ["facebook", "tiktok", "snapchat"],
    spec: sim.truth.spec,
    stage1Features: "spend",
    stage1Errors: "ar1",
    interval: "normal",
  });
  const truth = sim.truth.mediation!;
  for (const channel of ["facebook", "tiktok", "snapchat"]) {
    const t = truth.effects.find((e) => e.channel === channel)!;
    const e = fit.effects.channel(channel).period;
    for (const kind of ["direct", "indirect", "total"] as const) {
      within(e[kind].estimate, t[kind], 0.1, `${channel} ${kind}`);
      covers(e[kind], t[kind], `${channel} ${kind} 90% interval`);
    }
    // Path a against the simulator's drive k (stage 1 is linear in spend, so a estimates k).
    within(fit.effects.channel(channel).pathA, truth.drive[channel]!, 0.1, `${channel} path a`);
  }
  // Search's own spend drifts (AR(1) 0.7): fitted with independent errors, stage 1 says so.
  const independent = fitMediation(sim.data, {
    mediator: "google_search",
    upstream: ["facebook", "tiktok", "snapchat"],
    spec: sim.truth.spec,
    stage1Features: "spend",
    interval: "normal",
  });
  assert.equal(independent.diagnostics.some((d) => d.code === "stage1-autocorrelated"), true);
  assert.equal(fit.diagnostics.some((d) => d.code === "stage1-autocorrelated"), false);

  // Attribution: credit moves from search to the social channels.
  const row = (name: string) => fit.attribution.find((r) => r.channel === name)!;
  assert.ok(row("facebook").totalRoas > row("facebook").naiveRoas);
  assert.ok(row("google_search").totalRoas < row("google_search").naiveRoas);
  within(row("facebook").totalRoas, truth.effects[0]!.totalRoas, 0.1, "facebook total ROAS");
  within(row("facebook").naiveRoas, truth.effects[0]!.directRoas, 0.1, "facebook naive ROAS");
  assert.equal(fit.diagnostics.some((d) => d.code === "stage1-ar1"), true);
  // The stage-2 fit is the OLS MMM of the model layer.
  for (const p of fit.outcomeModel.parameters) {
    const mine = fit.effects.stage2[p.name];
    if (mine !== undefined) assert.ok(Math.abs(mine - p.estimate) <= 1e-6 * Math.abs(p.estimate));
  }
});

Deno.test("fitMediation() block bootstrap on the mediation set: same estimates, comparable spread", () => {
  // The bootstrap refits both stages on resampled blocks of weeks; its point estimates are the
  // full-sample fits, and the replicates' sd estimates the same sampling sd as the delta method
  // (it also reflects heteroskedastic spend, so they agree within a factor of 1.5, not exactly).
  const sim = simulatePreset("mediation");
  const options = {
    mediator: "google_search",
    upstream: ["facebook", "tiktok", "snapchat"],
    spec: sim.truth.spec,
    stage1Features: "spend" as const,
    stage1Errors: "ar1" as const,
  };
  const normal = fitMediation(sim.data, { ...options, interval: "normal" });
  const boot = fitMediation(sim.data, {
    ...options,
    interval: "bootstrap",
    replicates: 400,
    seed: 11,
  });
  const again = fitMediation(sim.data, {
    ...options,
    interval: "bootstrap",
    replicates: 400,
    seed: 11,
  });
  assert.equal(boot.effects.interval, "bootstrap");
  assert.equal(boot.effects.replicates, 400);
  for (const channel of options.upstream) {
    for (const kind of ["direct", "indirect", "total"] as const) {
      const b = boot.effects.channel(channel).period[kind];
      const n = normal.effects.channel(channel).period[kind];
      assert.equal(b.estimate, n.estimate);
      assert.deepEqual(again.effects.channel(channel).period[kind], b);
      assert.ok(b.lower < b.estimate && b.estimate < b.upper, `${channel} ${kind} interval`);
      const ratio = b.stdError / n.stdError;
      assert.ok(ratio > 2 / 3 && ratio < 1.5, `${channel} ${kind}: sd ratio ${ratio}`);
    }
  }
});

/** The statsmodels reference data as MmmData: x1, x2 spend, m a control (e.g. clicks). */
function referenceMmm(): { data: MmmData; spec: ModelSpec } {
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
  const linear = (name: string) => ({
    name,
    scale: 1,
    adstock: { kind: "geometric", params: { decay: 0 } },
    saturation: { kind: "identity", params: {} },
  });
  const spec: ModelSpec = {
    channels: [linear("x1"), linear("x2")],
    controls: ["m", "w"],
    baseline: { yearlyFourier: 0, trend: "none", events: {} },
    specification: "linear",
  };
  return { data, spec };
}

Deno.test("fitMediation() with linear transforms equals the plain two-stage estimator", () => {
  // Identity transforms with scale 1 make the media columns the spend itself, so the period
  // effects per unit of spend must equal mediateLinear's per-unit effects (checked against
  // statsmodels in linear_mediation_test.ts); the normal intervals use a numeric dS/da, so they
  // agree to ~1e-6.
  const { data, spec } = referenceMmm();
  const d = referenceData();
  const fit = fitMediation(data, {
    mediator: "m",
    upstream: ["x1", "x2"],
    spec,
    interval: "normal",
  });
  const plain = mediateLinear({
    outcome: { name: "y", values: d.y },
    mediator: { name: "m", values: d.m },
    upstream: [{ name: "x1", values: d.x1 }, { name: "x2", values: d.x2 }],
    controls: [{ name: "w", values: d.w }],
  }, { interval: "normal" });
  for (const name of ["x1", "x2"]) {
    const a = fit.effects.channel(name).perSpend!, b = plain.channel(name).perUnit;
    for (const kind of ["direct", "indirect", "total"] as const) {
      assert.ok(Math.abs(a[kind].estimate - b[kind].estimate) < 1e-9, `${name} ${kind}`);
      assert.ok(Math.abs(a[kind].stdError - b[kind].stdError) < 1e-6, `${name} ${kind} se`);
    }
    assert.ok(
      Math.abs(fit.effects.channel(name).sobel!.z - plain.channel(name).sobel!.z) < 1e-9,
    );
  }
  const html = (fit as unknown as Record<symbol, () => Record<string, string>>)[
    Symbol.for("Jupyter.display")
  ]!()["text/html"]!;
  assert.ok(html.includes("total-effect ROAS") && html.includes("<table"));
  assert.equal(JSON.parse(JSON.stringify(fit)).attribution.length, 2);
  // The reference rows are drawn independently (mediation_statsmodels.py): no AR(1) warning.
  assert.equal(fit.diagnostics.some((d) => d.code === "stage1-autocorrelated"), false);
});

Deno.test("fitMediation() reports bad controls from a causal graph", () => {
  // w is declared a collider of x1 and y: it is a bad control in stage 2.
  const { data, spec } = referenceMmm();
  const dag = defineDag({
    nodes: [
      { name: "x1", role: "channel" },
      { name: "x2", role: "channel" },
      { name: "m", role: "mediator" },
      { name: "w", role: "control" },
      { name: "y", role: "outcome" },
    ],
    edges: [["x1", "m"], ["x2", "m"], ["m", "y"], ["x1", "y"], ["x2", "y"], ["x1", "w"], [
      "y",
      "w",
    ]],
  });
  const fit = fitMediation(data, {
    mediator: "m",
    upstream: ["x1", "x2"],
    spec,
    dag,
    interval: "normal",
  });
  const found = fit.diagnostics.filter((d) => d.subject === "w").map((d) => d.code);
  assert.ok(found.includes("bad-control-collider"), JSON.stringify(fit.diagnostics));
  const html = (fit as unknown as Record<symbol, () => Record<string, string>>)[
    Symbol.for("Jupyter.display")
  ]!()["text/html"]!;
  assert.ok(html.startsWith("<svg"));
  assert.equal(JSON.parse(JSON.stringify(fit)).dag.nodes.length, 5);
});

Deno.test("fitMediation() rejects a mediator or upstream channel outside the spec", () => {
  const { data, spec } = referenceMmm();
  assert.throws(
    () => fitMediation(data, { mediator: "search", upstream: ["x1"], spec }),
    (e: unknown) => e instanceof ConfigError && e.key === "mediator",
  );
  assert.throws(
    () => fitMediation(data, { mediator: "m", upstream: ["m"], spec }),
    ConfigError,
  );
  assert.throws(
    () =>
      fitMediation(data, {
        mediator: "m",
        upstream: ["x1"],
        spec: { ...spec, specification: "log-log" },
      }),
    ConfigError,
  );
});

Deno.test("fitMediation() with a fitted model uses the model's fitted spec, not another", () => {
  // The model's spec carries a decay other than the truth's (as a tuned one would): mediation
  // from the model must equal mediation from that spec, and differ from the truth's spec.
  const sim = simulatePreset("mediation");
  const channels = sim.truth.spec.channels.map((c) =>
    c.name === "facebook"
      ? { ...c, adstock: { kind: c.adstock.kind, params: { ...c.adstock.params, decay: 0.8 } } }
      : c
  );
  const tunedSpec: ModelSpec = { ...sim.truth.spec, channels };
  const model = fitRidge(sim.data, tunedSpec, { lambda: 0.1 });
  const common = {
    mediator: "google_search",
    upstream: ["facebook", "tiktok", "snapchat"],
    interval: "normal" as const,
  };
  const fromModel = fitMediation(sim.data, { ...common, model });
  const fromSpec = fitMediation(sim.data, { ...common, spec: model.spec });
  const fromTruth = fitMediation(sim.data, { ...common, spec: sim.truth.spec });
  assert.equal(model.spec.channels[0]!.adstock.params.decay, 0.8);
  assert.deepEqual(fromModel.toJSON(), fromSpec.toJSON());
  assert.notDeepEqual(fromModel.toJSON(), fromTruth.toJSON());
});

Deno.test("fitMediation() wants exactly one of model and spec", () => {
  const sim = simulatePreset("mediation");
  const common = { mediator: "google_search", upstream: ["facebook"] };
  const model = fitRidge(sim.data, sim.truth.spec, { lambda: 0.1 });
  for (const options of [common, { ...common, model, spec: sim.truth.spec }]) {
    assert.throws(() => fitMediation(sim.data, options), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /"model" or "spec"/);
      return true;
    });
  }
});
