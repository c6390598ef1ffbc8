import assert from "node:assert/strict";
import { defineModelSpec, fitBayes, type MmmData } from "mixlab";
import { sliceRows } from "mixlab/core";
import { loadBayesModel } from "mixlab/models/bayes";
import { simulatePreset } from "mixlab/sim/mod.ts";
import { BaselineMemo, MediaColumnMemo } from "../../../lib/models/bayes/_prediction_memo.ts";

// A fit's predictions reuse each unchanged channel's media column and the baseline design
// (lib/models/bayes/_prediction_memo.ts, unit-tested below). Predictions made in a sequence of
// changes must equal those of a fresh copy of the model asked about each case on its own.
const sim = simulatePreset("demo");
const data = sliceRows(sim.data, 100);
const spec = defineModelSpec({ channels: ["tv", "radio", "social"], controls: ["price"] });
const three: MmmData = {
  ...data,
  channels: data.channels.filter((c) => ["tv", "radio", "social"].includes(c.name)),
  controls: data.controls.filter((c) => c.name === "price"),
};
const fit = fitBayes(three, spec, { chains: 1, warmup: 60, draws: 12, seed: 5 });
const fresh = () => loadBayesModel(JSON.parse(JSON.stringify(fit.toJSON())));

function plan(tv: number, radio: number, price = 10): MmmData {
  const week = (v: number) => new Float64Array(4).fill(v);
  return {
    dates: ["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27"],
    kpiKind: "revenue",
    kpi: { name: "revenue", values: new Float64Array(4) },
    channels: [
      { name: "tv", spend: week(tv) },
      { name: "radio", spend: week(radio) },
      { name: "social", spend: week(7000) },
    ],
    controls: [{ name: "price", values: week(price) }],
  };
}

Deno.test("BayesFit predictions stay exact as a plan changes one channel, in place or anew", () => {
  const history = sliceRows(three, 40);
  const cases: [string, () => MmmData][] = [
    ["first plan", () => plan(12000, 4000)],
    ["tv changed", () => plan(15000, 4000)],
    ["radio changed", () => plan(15000, 1000)],
    ["price changed", () => plan(15000, 1000, 11)],
  ];
  for (const [what, make] of cases) {
    for (const draw of [undefined, 0, 7]) {
      const options = draw === undefined ? { history } : { history, draw };
      assert.deepEqual(fit.predict(make(), options), fresh().predict(make(), options), what);
    }
  }
  // the same arrays changed in place, and a different history, are not served stale
  const p = plan(12000, 4000);
  fit.predict(p, { history, draw: 3 });
  p.channels[0]!.spend.fill(20000);
  p.controls[0]!.values.fill(9);
  assert.deepEqual(fit.predict(p, { history, draw: 3 }), fresh().predict(p, { history, draw: 3 }));
  const other = sliceRows(three, 30, 60);
  assert.deepEqual(
    fit.predict(p, { history: other, draw: 3 }),
    fresh().predict(p, { history: other, draw: 3 }),
  );
  assert.deepEqual(fit.decompose(p, { history: other }), fresh().decompose(p, { history: other }));
});

Deno.test("MediaColumnMemo computes once per channel, spend, history and draw, by value", () => {
  const memo = new MediaColumnMemo();
  let computed = 0;
  const compute = () => {
    computed++;
    return new Float64Array([computed]);
  };
  const spend = new Float64Array([1, 2]), history = new Float64Array([3]);
  const get = (s: Float64Array, h: Float64Array | undefined, draw = 0) =>
    memo.column("tv", s, h, draw, compute)[0];
  assert.equal(get(spend, history), 1);
  assert.equal(get(spend.slice(), history.slice()), 1, "equal values, other arrays: reused");
  assert.equal(get(spend, history, 5), 2, "another draw");
  assert.equal(get(spend, history, 0), 1);
  assert.equal(memo.column("radio", spend, history, 0, compute)[0], 3, "another channel");
  spend[1] = 9;
  assert.equal(get(spend, history), 4, "spend changed in place");
  history[0] = 0;
  assert.equal(get(spend, history), 5, "history changed in place");
  assert.equal(get(spend, undefined), 6, "no history");
  assert.equal(get(spend, history, 5), 7, "the draws of older inputs are gone");
});

Deno.test("BaselineMemo recomputes when dates or controls change, by value", () => {
  const memo = new BaselineMemo<number>();
  let computed = 0;
  const rows = (dates: string[], price: number[]): MmmData => ({
    dates,
    kpiKind: "revenue",
    kpi: { name: "y", values: new Float64Array(dates.length) },
    channels: [],
    controls: [{ name: "price", values: Float64Array.from(price) }],
  });
  const a = rows(["2025-01-06"], [10]);
  assert.equal(memo.get(a, () => ++computed), 1);
  assert.equal(memo.get(rows(["2025-01-06"], [10]), () => ++computed), 1);
  assert.equal(memo.get(rows(["2025-01-13"], [10]), () => ++computed), 2);
  a.controls[0]!.values[0] = 11;
  assert.equal(memo.get(a, () => ++computed), 3);
});
