/**
 * Issue 12's "98% social" failure: tuning chose a saturated social column (half-saturation 0.2
 * of mean spend, shape 3, after a decay of 0.65) that took the intercept's place. These tests
 * rebuild that shape on data generated here and check that the warning names the channel and
 * the cause, and that tuning ranks such candidates behind sound ones.
 */
import assert from "node:assert/strict";
import {
  defineModelSpec,
  fitRidge,
  type MmmData,
  resultJson,
  Rng,
  summarizeModel,
  tune,
} from "mixlab";
import { CANDIDATE_CHECKS } from "mixlab/guardrails";
import { defineSearchSpace, minimize, selectModels } from "mixlab/tuning";
import { weeklyDates } from "../_toy_model.ts";

// Four always-on channels as in the issue: log-AR(1) spend around a level, Robyn's geometric
// adstock x*_t = x_t + θ·x*_{t−1}, Hill x^a / (x^a + k^a) with k a share γ of the maximum
// adstocked spend, each channel's coefficient set so that its ROAS is the true one; a
// baseline with trend and yearly seasonality; Gaussian noise at 5% of the KPI's mean.
const N = 156;
const CHANNELS = [
  { name: "tv", level: 20000, decay: 0.6, gamma: 0.45, shape: 2, roas: 1.6 },
  { name: "search", level: 12000, decay: 0.2, gamma: 0.35, shape: 1.2, roas: 2.5 },
  { name: "social", level: 8000, decay: 0.4, gamma: 0.55, shape: 2.5, roas: 1.2 },
  { name: "display", level: 5000, decay: 0.3, gamma: 0.5, shape: 1.5, roas: 1 },
];

function generate(seed: number): MmmData {
  const rng = new Rng(seed);
  const media = new Float64Array(N);
  const channels = CHANNELS.map((c) => {
    let z = 0;
    const spend = Float64Array.from({ length: N }, () => {
      z = 0.6 * z + rng.normal(0, 0.3);
      return c.level * Math.exp(z);
    });
    let carried = 0, max = 0;
    const adstocked = spend.map((x) => (carried = x + c.decay * carried));
    for (const v of adstocked) max = Math.max(max, v);
    const k = c.gamma * max;
    const h = adstocked.map((v) => v ** c.shape / (v ** c.shape + k ** c.shape));
    const beta = c.roas * spend.reduce((a, b) => a + b, 0) / h.reduce((a, b) => a + b, 0);
    h.forEach((v, t) => (media[t] = media[t]! + beta * v));
    return { name: c.name, spend };
  });
  const mediaMean = media.reduce((a, b) => a + b, 0) / N;
  const kpi = Float64Array.from({ length: N }, (_, t) => {
    const base = (1 + 0.002 * t + 0.08 * Math.sin((2 * Math.PI * t) / 52)) * mediaMean * 2.4;
    return base + media[t]!;
  });
  const mean = kpi.reduce((a, b) => a + b, 0) / N;
  kpi.forEach((v, t) => (kpi[t] = v + rng.normal(0, 0.05 * mean)));
  return {
    dates: weeklyDates("2022-01-03", N),
    kpi: { name: "revenue", values: kpi },
    kpiKind: "revenue",
    channels,
    controls: [],
  };
}

const data = generate(12);

Deno.test("the saturated social column of issue 12 is flagged by name and cause", () => {
  const spec = defineModelSpec({
    channels: CHANNELS.map((c) => ({
      name: c.name,
      adstock: { kind: "geometric", params: { decay: c.name === "social" ? 0.65 : c.decay } },
      saturation: {
        kind: "hill",
        params: c.name === "social"
          ? { halfSaturation: 0.2, shape: 3 }
          : { halfSaturation: 1, shape: c.shape },
      },
    })),
  });
  const fit = fitRidge(data, spec, { lambda: 1e-4 });
  const social = fit.diagnostics.filter((d) => d.subject === "social");
  const flat = social.find((d) => d.code === "flat-column");
  assert.ok(flat, `warnings: ${social.map((d) => d.code)}`);
  assert.match(flat.message, /"social": its media column is nearly constant/);
  assert.match(flat.message, /second intercept/);
  assert.ok(flat.hint && /half-saturation/.test(flat.hint));
  const json = resultJson(summarizeModel(fit), { seed: 1, seconds: 0 });
  assert.ok(
    json.diagnostics.warnings.some((w) =>
      w.code === "flat-column" && w.channel === "social" && w.level === "warning"
    ),
  );
});

Deno.test("selectModels() ranks trials that fail a guardrail behind sound ones", async () => {
  // one parameter x in [0, 1]: the error is x (best at 0) but trials below 0.3 fail a guardrail
  const search = await minimize(
    {
      objectives: ["error"],
      extras: ["guard.failures", "guard.always"],
      evaluate: (p, out) => {
        out[0] = p[0]!;
        out[1] = p[0]! < 0.3 ? 1 : 0;
        out[2] = 1; // a guard every trial fails
      },
    },
    defineSearchSpace([{ name: "x", lower: 0, upper: 1 }]),
    {
      trials: 200,
      sampler: "random",
      seed: 3,
    },
  );
  const sel = selectModels(search, { clusterOn: [] });
  const x = search.trials[sel.chosen]!.params.x!;
  const soundXs = search.trials.map((t) => t.params.x!).filter((v) => v >= 0.3);
  assert.ok(sel.sound && sel.unsound > 0);
  assert.equal(x, Math.min(...soundXs)); // the best sound trial, not the best trial
  // with no sound trial, the best one is chosen and the selection says it is unsound
  const all = selectModels(search, { clusterOn: [], guardExtra: "guard.always" });
  assert.equal(all.sound, false);
  assert.equal(
    search.trials[all.chosen]!.params.x,
    Math.min(...search.trials.map((t) => t.params.x!)),
  );
});

Deno.test("tune() does not choose a saturated column while a sound candidate exists", async () => {
  // social's range reaches the failure corner (half-saturation down to 0.05, shape up to 3)
  const spec = defineModelSpec({ channels: CHANNELS.map((c) => c.name) });
  const result = await tune(data, spec, {
    trials: 800,
    workers: 0,
    seed: 4,
    validation: "in-sample",
    rssd: false,
    bounds: { "social.saturation.halfSaturation": [0.05, 5] },
  });
  assert.ok(result.selection.unsound > 0, "the search met unsound candidates");
  assert.ok(result.selection.sound);
  const failed = result.model.diagnostics.filter((d) => CANDIDATE_CHECKS.has(d.code));
  assert.deepEqual(failed.map((d) => `${d.code} ${d.subject ?? ""}`), []);
});
