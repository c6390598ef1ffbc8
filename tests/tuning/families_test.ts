/**
 * Family choice: on data where one channel's effect peaks weeks after its spend (a lagged
 * kernel no geometric decay can produce) and the other's decays geometrically, tuning with
 * candidate families picks the lagged family for the first and keeps the simpler geometric one
 * for the second (the information criterion charges the extra parameter).
 */
import assert from "node:assert/strict";
import { defineModelSpec, type MmmData, Rng, tune } from "mixlab";
import { weeklyDates } from "../_toy_model.ts";

const N = 156;

/** Bursty spend: on for 1–3 weeks, off for 2–6, so carryover shapes are visible. */
function bursts(rng: Rng, level: number): Float64Array {
  const x = new Float64Array(N);
  for (let t = 0; t < N;) {
    const on = 1 + rng.int(3), off = 2 + rng.int(5);
    for (let k = 0; k < on && t < N; k++, t++) x[t] = level * rng.uniformIn(0.5, 1.5);
    t += off;
  }
  return x;
}

function generate(seed: number): MmmData {
  const rng = new Rng(seed);
  const tv = bursts(rng, 100), search = bursts(rng, 60);
  // tv: weights 0.1, 0.5, 1, 0.6, 0.3, 0.1 over lags 0..5 (peak two weeks after spend)
  const kernel = [0.1, 0.5, 1, 0.6, 0.3, 0.1];
  const tvCarried = tv.map((_, t) =>
    kernel.reduce((s, w, l) => s + w * (t >= l ? tv[t - l]! : 0), 0)
  );
  // search: geometric decay 0.3, x*_t = x_t + 0.3·x*_{t-1}
  let c = 0;
  const searchCarried = search.map((x) => (c = x + 0.3 * c));
  // concave responses: x / (x + k)
  const h = (x: number, k: number) => x / (x + k);
  const kpi = Float64Array.from(
    { length: N },
    (_, t) =>
      1000 + 600 * h(tvCarried[t]!, 150) + 400 * h(searchCarried[t]!, 60) + rng.normal(0, 8),
  );
  return {
    dates: weeklyDates("2022-01-03", N),
    kpi: { name: "sales", values: kpi },
    kpiKind: "revenue",
    channels: [{ name: "tv", spend: tv }, { name: "search", spend: search }],
    controls: [],
  };
}

Deno.test("tune() with candidate families picks a lagged adstock only where the data need it", async () => {
  const data = generate(5);
  const spec = defineModelSpec({
    channels: ["tv", "search"],
    baseline: { yearlyFourier: 0, trend: "none" },
  });
  const result = await tune(data, spec, {
    trials: 1500,
    workers: 0,
    seed: 2,
    validation: "in-sample",
    rssd: false,
    families: {
      adstock: ["geometric", "weibull-pdf"],
      saturation: ["hill", "michaelis-menten"],
      trials: 300,
    },
  });
  const choice = Object.fromEntries(
    (result.families ?? []).map((f) => [f.channel, f.scores[f.chosen]!]),
  );
  assert.equal(choice.tv?.adstock, "weibull-pdf");
  assert.equal(choice.search?.adstock, "geometric");
  assert.equal(result.spec.channels[0]!.adstock.kind, "weibull-pdf");
  assert.equal(result.spec.channels[1]!.adstock.kind, "geometric");
  // the information criterion charged every extra parameter: a pair with more parameters won
  // only with a lower score than every pair of its tier, and no pair of a better tier was passed
  for (const f of result.families ?? []) {
    const chosen = f.scores[f.chosen]!;
    for (const s of f.scores) {
      assert.ok(s.tier >= chosen.tier);
      if (s.tier === chosen.tier) assert.ok(chosen.score <= s.score);
    }
  }
});
