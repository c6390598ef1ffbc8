import { defineModelSpec, fitRidge, type MmmData, Rng } from "mixlab";
import { decompRssd, expandingWindowSplit, nrmse } from "mixlab/analysis";
import { designBasis } from "mixlab/models";
import { createEvaluator, mmmSearchSpace } from "mixlab/tuning";
import assert from "node:assert/strict";
import { simulate } from "./_mmm_data.ts";

function slice(data: MmmData, start: number, end: number): MmmData {
  return {
    ...data,
    dates: data.dates.slice(start, end),
    kpi: { ...data.kpi, values: data.kpi.values.slice(start, end) },
    channels: data.channels.map((c) => ({ ...c, spend: c.spend.slice(start, end) })),
    controls: data.controls.map((c) => ({ ...c, values: c.values.slice(start, end) })),
  };
}

// a fourth channel with no effect makes the sign constraint bind
const sim = simulate(120, 3).data;
const noiseRng = new Rng(16);
const radio = Float64Array.from({ length: 120 }, () => 100 * noiseRng.uniform());
const data: MmmData = { ...sim, channels: [...sim.channels, { name: "radio", spend: radio }] };
const spec = designBasis(
  data,
  defineModelSpec({ channels: ["tv", "search", "social", "radio"], controls: ["price"] }),
).spec;
const space = mmmSearchSpace(spec);
const splits = expandingWindowSplit(data.dates.length, { nSplits: 4 });

for (const nonNegative of [true, false]) {
  Deno.test(`createEvaluator() matches fitRidge fold by fold (nonNegative ${nonNegative})`, () => {
    const ev = createEvaluator({
      data,
      spec,
      paramNames: space.names,
      splits,
      metric: "nrmse",
      validation: "cv",
      rssd: true,
      liftTests: [{ channel: "tv", start: data.dates[10]!, end: data.dates[19]!, lift: 5000 }],
      nonNegative,
    });
    assert.deepEqual(ev.objectives, ["nrmse", "rssd", "mape.lift"]);
    const values: Record<string, number> = {
      "tv.adstock.decay": 0.55,
      "tv.saturation.halfSaturation": 1.1,
      "tv.saturation.shape": 1.4,
      "search.adstock.decay": 0.05,
      "search.saturation.halfSaturation": 3,
      "search.saturation.shape": 0.7,
      "social.adstock.decay": 0.35,
      "social.saturation.halfSaturation": 0.9,
      "social.saturation.shape": 2.2,
      "radio.adstock.decay": 0.7,
      "radio.saturation.halfSaturation": 0.5,
      "radio.saturation.shape": 3,
      lambda: 0.5,
    };
    const params = Float64Array.from(space.names.map((n) => values[n]!));
    const out = new Float64Array(ev.objectives.length + ev.extras.length);
    ev.evaluate(params, out);

    // reference: fitRidge per fold on the sliced data, predicting the test rows with history
    const tuned = {
      ...spec,
      channels: spec.channels.map((c) => ({
        ...c,
        adstock: { kind: c.adstock.kind, params: { decay: values[`${c.name}.adstock.decay`]! } },
        saturation: {
          kind: c.saturation.kind,
          params: {
            halfSaturation: values[`${c.name}.saturation.halfSaturation`]!,
            shape: values[`${c.name}.saturation.shape`]!,
          },
        },
      })),
    };
    let nr = 0, mse = 0;
    for (const s of splits) {
      const train = slice(data, s.train.start, s.train.end);
      const test = slice(data, s.test.start, s.test.end);
      const fit = fitRidge(train, tuned, { lambda: 0.5, nonNegative });
      const pred = fit.predict(test, { history: train });
      nr += nrmse(test.kpi.values, pred) / splits.length;
      let ss = 0;
      pred.forEach((p, i) => (ss += (test.kpi.values[i]! - p) ** 2));
      mse += ss / pred.length / splits.length;
    }
    const full = fitRidge(data, tuned, { lambda: 0.5, nonNegative });
    const terms = full.decompose(data).terms;
    const contrib = spec.channels.map((c) =>
      terms.find((t) => t.name === c.name)!.values.reduce((a, v) => a + v, 0)
    );
    const spend = data.channels.map((c) => c.spend.reduce((a, v) => a + v, 0));
    const tvWindow = terms.find((t) => t.name === "tv")!.values.slice(10, 20)
      .reduce((a, v) => a + v, 0);
    const close = (a: number, b: number, what: string) =>
      assert.ok(Math.abs(a - b) <= 1e-8 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
    close(out[0]!, nr, "cv nrmse");
    close(out[1]!, decompRssd(Float64Array.from(contrib), Float64Array.from(spend)), "rssd");
    close(out[2]!, Math.abs(tvWindow - 5000) / 5000, "mape.lift");
    contrib.forEach((ct, j) => close(out[3 + j]!, ct / spend[j]!, `roas ${j}`));
    close(out[7]!, nrmse(data.kpi.values, full.fitted), "in-sample nrmse");
    close(out[8]!, mse, "cv mse");
    // the constraint binds for radio in the all-data fit, which is what this case exercises
    assert.equal(full.parameters.find((r) => r.name === "radio")!.estimate === 0, nonNegative);
  });
}
