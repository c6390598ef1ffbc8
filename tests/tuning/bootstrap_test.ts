import assert from "node:assert/strict";
import { defineModelSpec, fitRidge, type MmmData, Rng, tune } from "mixlab";
import { bootstrapKpis, bootstrapTune } from "mixlab/tuning";
import { weeklyDates } from "../_toy_model.ts";

// One always-on channel, geometric decay 0.4 and Hill(1, 1.5) in units of mean spend, noise
const n = 80, rng = new Rng(8);
const tv = Float64Array.from({ length: n }, () => rng.uniformIn(50, 150));
let carried = 0;
const u = tv.map((x) => (carried = x / 100 + 0.4 * carried) * 0.6);
const data: MmmData = {
  dates: weeklyDates("2022-01-03", n),
  kpi: {
    name: "sales",
    values: u.map((v) => 500 + 300 * v ** 1.5 / (v ** 1.5 + 1) + rng.normal(0, 10)),
  },
  kpiKind: "revenue",
  channels: [{ name: "tv", spend: tv }],
  controls: [],
};
const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });

Deno.test("bootstrapKpis() resamples whole blocks of the residuals around the fit", () => {
  const fit = fitRidge(data, spec, { lambda: 0.1 });
  const e = data.kpi.values.map((y, t) => y - fit.fitted[t]!);
  const [y] = bootstrapKpis(fit, { replicates: 2, blockLength: 5, seed: 3 });
  const r = y!.map((v, t) => v - fit.fitted[t]!);
  // a centred block resample: r_t = e_{s+k} − mean, for runs of 5 consecutive rows
  for (let b = 0; b < n; b += 5) {
    const d = r[b + 1]! - r[b]!;
    const start = e.findIndex((_, i) => i + 1 < n && Math.abs(e[i + 1]! - e[i]! - d) < 1e-9);
    assert.ok(start >= 0, `rows ${b}, ${b + 1} continue a run of the residuals`);
  }
  assert.ok(Math.abs(r.reduce((a, v) => a + v, 0)) < 1e-6, "centred");
});

Deno.test("bootstrapTune() gives the same replicates on 0 or 2 workers", async () => {
  const result = await tune(data, spec, { trials: 300, seed: 1, workers: 0 });
  const roas = (models: Awaited<ReturnType<typeof bootstrapTune>>) =>
    models.map((m) => {
      const d = m.decompose(data);
      const term = d.terms.find((t) => t.name === "tv")!;
      return term.values.reduce((a, v) => a + v, 0);
    });
  const inThread = await bootstrapTune(result, { replicates: 4, trials: 120, workers: 0 });
  const onWorkers = await bootstrapTune(result, { replicates: 4, trials: 120, workers: 2 });
  assert.deepEqual(roas(onWorkers), roas(inThread));
  assert.deepEqual(
    onWorkers.map((m) => m.spec.channels[0]!.saturation.params),
    inThread.map((m) => m.spec.channels[0]!.saturation.params),
  );
});
