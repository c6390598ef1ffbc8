// The estimator contract: what every FittedModel promises, checked on every estimator.
//
// - the decomposition's terms add up to the prediction;
// - history carries over: predicting the last weeks with the earlier weeks as history gives the
//   last weeks of the full prediction;
// - saving and loading (JSON text, loadFittedModel) gives a model with the same answers;
// - the fitted spec is the one used for prediction: transformParams() lists the spec's values,
//   and for the additive estimators each channel's term is a multiple of its media column
//   computed here, by hand, from those values (from a draw's values for sampled parameters, a
//   member's spec for a bagged model;
//   geometric adstock and Hill written out below, not imported from lib/transforms);
// - bad input is a typed error.
import assert from "node:assert/strict";
import {
  defineModelSpec,
  fitBayes,
  fitBayesLinear,
  fitElasticNet,
  fitGradientBoosting,
  fitOls,
  fitRandomForest,
  fitRidge,
  type FittedModel,
  loadFittedModel,
  MmmError,
  type ModelSpec,
  simulatePreset,
} from "mixlab";
import { sliceRows } from "mixlab/core";
import { BaggedModel } from "mixlab/models";

const sim = simulatePreset("demo");
const data = sliceRows(sim.data, 0, 80);
const spec: ModelSpec = defineModelSpec({
  channels: {
    tv: {
      adstock: { kind: "geometric", params: { decay: 0.6 } },
      saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1.5 } },
    },
    search: {
      adstock: { kind: "geometric", params: { decay: 0.1 } },
      saturation: { kind: "hill", params: { halfSaturation: 1.35, shape: 1 } },
    },
  },
});

interface Estimator {
  readonly name: string;
  readonly fit: () => FittedModel;
  /** Whether each channel's term is its coefficient times its media column. */
  readonly additive: boolean;
}

const ESTIMATORS: readonly Estimator[] = [
  { name: "ols", fit: () => fitOls(data, spec), additive: true },
  { name: "ridge", fit: () => fitRidge(data, spec, { lambda: 0.1 }), additive: true },
  {
    name: "elastic net",
    fit: () => fitElasticNet(data, spec, { lambda: 0.01, l1Ratio: 0.5 }),
    additive: true,
  },
  {
    name: "random forest",
    fit: () => fitRandomForest(data, spec, { nTrees: 10, seed: 3 }),
    additive: false,
  },
  {
    name: "gradient boosting",
    fit: () => fitGradientBoosting(data, spec, { nEstimators: 20, seed: 3 }),
    additive: false,
  },
  {
    name: "bayes",
    fit: () => fitBayes(data, spec, { chains: 2, warmup: 40, draws: 10, seed: 5 }),
    additive: true,
  },
  {
    name: "bayes linear",
    fit: () => fitBayesLinear(data, spec, { nDraws: 20, seed: 5 }),
    additive: true,
  },
  {
    // members with other decays, as a tuned model's bootstrap replicates would have
    name: "bagged ridge",
    fit: () => new BaggedModel(ridgeWithDecay(0.6), [0.5, 0.6, 0.7].map(ridgeWithDecay)),
    additive: true,
  },
];

/** A ridge fit of the spec with tv's decay set. */
function ridgeWithDecay(decay: number) {
  const channels = spec.channels.map((c) =>
    c.name === "tv" ? { ...c, adstock: { kind: "geometric", params: { decay } } } : c
  );
  return fitRidge(data, { ...spec, channels }, { lambda: 0.1 });
}

/** Geometric adstock of spend / scale over history then rows, divided by its gain 1/(1−θ). */
function adstockedInput(spend: Float64Array, history: Float64Array, scale: number, decay: number) {
  const all = [...history, ...spend];
  const out = new Float64Array(spend.length);
  let a = 0;
  all.forEach((s, i) => {
    a = s / scale + decay * a;
    if (i >= history.length) out[i - history.length] = a * (1 - decay);
  });
  return out;
}

/** Hill: u^a / (u^a + k^a). */
function hill(u: Float64Array, k: number, a: number): Float64Array {
  return u.map((x) => x === 0 ? 0 : x ** a / (x ** a + k ** a));
}

function spendOf(rows: typeof data, channel: string): Float64Array {
  return rows.channels.find((c) => c.name === channel)!.spend;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number, e = expected[i] as number;
    assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `row ${i}: ${a} vs ${e}`);
  }
}

for (const estimator of ESTIMATORS) {
  const model = estimator.fit();

  Deno.test(`${estimator.name}: the decomposition's terms add up to the prediction`, () => {
    const d = model.decompose(data);
    const sum = new Float64Array(data.dates.length);
    for (const t of d.terms) t.values.forEach((v, i) => sum[i]! += v);
    assertClose(sum, model.predict(data), 1e-9);
    assertClose(d.fitted, model.predict(data), 1e-12);
    assertClose(model.fitted, model.predict(data), 1e-9);
  });

  Deno.test(`${estimator.name}: history carries over into later weeks`, () => {
    const head = sliceRows(data, 0, 60), tail = sliceRows(data, 60, 80);
    const full = model.predict(data).slice(60);
    assertClose(model.predict(tail, { history: head }), full, 1e-9);
    const decomposed = model.decompose(tail, { history: head });
    assert.deepEqual(decomposed.dates, tail.dates);
    assertClose(decomposed.fitted, full, 1e-9);
  });

  Deno.test(`${estimator.name}: the JSON round trip gives the same answers`, () => {
    const loaded = loadFittedModel(JSON.parse(JSON.stringify(model)));
    assert.equal(loaded.kind, model.kind);
    assert.equal(loaded.nDraws, model.nDraws);
    assert.deepEqual(loaded.spec, model.spec);
    assert.deepEqual(loaded.transformParams(), model.transformParams());
    assert.deepEqual(loaded.predict(data), model.predict(data));
    assert.deepEqual(loaded.decompose(data), model.decompose(data));
    if (model.nDraws > 0) {
      assert.deepEqual(loaded.predict(data, { draw: 1 }), model.predict(data, { draw: 1 }));
    }
  });

  Deno.test(`${estimator.name}: the fitted spec is the one that predicts`, () => {
    const params = model.transformParams();
    for (const ch of model.spec.channels) {
      for (const stage of ["adstock", "saturation"] as const) {
        const listed = params.filter((p) => p.channel === ch.name && p.stage === stage);
        assert.deepEqual(
          Object.fromEntries(listed.map((p) => [p.name, p.value])),
          { ...ch[stage].params },
          `${ch.name} ${stage}`,
        );
      }
    }
    if (!estimator.additive) return;
    // A sampled model predicts each draw with that draw's parameters (its mean prediction
    // averages draws, so it is no single parameter set's): compare at a draw.
    const draw = model.nDraws > 0 ? 1 : undefined;
    const members = (model as { members?: readonly FittedModel[] }).members;
    const valueAt = (channel: string, name: string): number => {
      if (members !== undefined && draw !== undefined) {
        const ch = members[draw]!.spec.channels.find((c) => c.name === channel)!;
        return (ch.adstock.params[name] ?? ch.saturation.params[name]) as number;
      }
      const p = params.find((q) => q.channel === channel && q.name === name)!;
      if (draw === undefined || p.status !== "estimated") return p.value;
      return (model as unknown as { draws(n: string): Float64Array }).draws(
        `${channel}.${name}`,
      )[draw] as number;
    };
    const head = sliceRows(data, 0, 60), tail = sliceRows(data, 60, 80);
    const terms = model.decompose(tail, {
      history: head,
      ...(draw === undefined ? {} : { draw }),
    }).terms;
    for (const ch of model.spec.channels) {
      const column = hill(
        adstockedInput(
          spendOf(tail, ch.name),
          spendOf(head, ch.name),
          ch.scale as number,
          valueAt(ch.name, "decay"),
        ),
        valueAt(ch.name, "halfSaturation"),
        valueAt(ch.name, "shape"),
      );
      const term = terms.find((t) => t.name === ch.name)!.values;
      const i = column.findIndex((v, j) => v > 0.05 && Math.abs(term[j] as number) > 0);
      if (i < 0) continue; // a coefficient held at 0: nothing to compare
      const beta = (term[i] as number) / (column[i] as number);
      assertClose(term, column.map((v) => beta * v), 1e-8);
    }
  });

  Deno.test(`${estimator.name}: predicting rows without a channel is a typed error`, () => {
    const rows = { ...data, channels: data.channels.filter((c) => c.name !== "search") };
    assert.throws(() => model.predict(rows), (e: unknown) => {
      assert.ok(e instanceof MmmError, String(e));
      assert.match(e.message, /search/);
      return true;
    });
  });
}

Deno.test("every estimator refuses a spec naming a channel the data lack, with a typed error", () => {
  const bad = defineModelSpec({ channels: ["tv", "print"] });
  const fits: ((s: ModelSpec) => FittedModel)[] = [
    (s) => fitOls(data, s),
    (s) => fitRidge(data, s),
    (s) => fitElasticNet(data, s),
    (s) => fitRandomForest(data, s, { nTrees: 2 }),
    (s) => fitGradientBoosting(data, s, { nEstimators: 2 }),
    (s) => fitBayes(data, s, { chains: 1, warmup: 5, draws: 2 }),
    (s) => fitBayesLinear(data, s),
  ];
  for (const fit of fits) {
    assert.throws(() => fit(bad), (e: unknown) => {
      assert.ok(e instanceof MmmError, String(e));
      assert.match(e.message, /print/);
      return true;
    });
  }
});
