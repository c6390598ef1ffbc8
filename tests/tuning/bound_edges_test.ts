/**
 * `param-on-bound` says what the curve became at the end tuning stopped on: an always-on channel
 * whose response rises faster than a line (KPI = 5000 + 0.06 · spend²), tuned with the
 * logistic, ends at the logistic's smallest λ, and the warning on it says the curve is nearly a
 * line through zero. The geo model's tuning says the same.
 */
import assert from "node:assert/strict";
import { defineModelSpec, Rng, tune } from "mixlab";
import { tuneGeo } from "mixlab/tuning";
import { getTransform } from "mixlab/transforms";
import { weeklyDates } from "../_toy_model.ts";

Deno.test("tune() names what a logistic at its smallest λ is: nearly a line", async () => {
  const rng = new Rng(4), n = 120;
  const tv = Float64Array.from({ length: n }, () => 100 * rng.uniformIn(0.5, 1.5));
  const data = {
    dates: weeklyDates("2022-01-03", n),
    kpi: { name: "sales", values: tv.map((x) => 5000 + 0.06 * x * x + rng.normal(0, 20)) },
    kpiKind: "revenue" as const,
    channels: [{ name: "tv", spend: tv }],
    controls: [],
  };
  const spec = defineModelSpec({
    channels: [{
      name: "tv",
      adstock: { kind: "geometric", params: { decay: 0 } },
      saturation: { kind: "logistic" },
    }],
    baseline: { yearlyFourier: 0, trend: "none" },
  });
  const result = await tune(data, spec, {
    trials: 300,
    workers: 0,
    seed: 1,
    bounds: { "tv.adstock.decay": 0 },
  });
  const lambda = result.params["tv.saturation.lambda"]!;
  assert.ok(lambda < 0.1 + 0.01 * (3.3 - 0.1), `λ ${lambda}`);
  const warning = result.model.diagnostics.find((d) =>
    d.code === "param-on-bound" && d.message.includes("tv.saturation.lambda")
  );
  const edge = getTransform("logistic").params.lambda!.edges!.lower!;
  assert.ok(warning?.message.endsWith(`; ${edge}`), warning?.message);
});

Deno.test("tuneGeo() names what a logistic at its smallest λ is: nearly a line", async () => {
  const rng = new Rng(5), n = 100, geos = ["north", "south"];
  const tv = Float64Array.from({ length: 2 * n }, () => 100 * rng.uniformIn(0.5, 1.5));
  const data = {
    dates: geos.flatMap(() => weeklyDates("2022-01-03", n)),
    kpi: {
      name: "sales",
      values: tv.map((x, i) => (i < n ? 5000 : 7000) + 0.06 * x * x + rng.normal(0, 20)),
    },
    kpiKind: "revenue" as const,
    channels: [{ name: "tv", spend: tv }],
    controls: [],
    geo: { name: "geo", values: geos.flatMap((g) => Array<string>(n).fill(g)) },
  };
  const spec = defineModelSpec({
    channels: [{
      name: "tv",
      adstock: { kind: "geometric", params: { decay: 0 } },
      saturation: { kind: "logistic" },
    }],
  });
  const tuned = await tuneGeo(data, spec, {
    trials: 200,
    lambda: 0,
    seed: 1,
    model: { yearlyFourier: 0 },
    bounds: { "tv.adstock.decay": 0 },
  });
  const lambda = tuned.channels[0]!.saturation.params.lambda!;
  assert.ok(lambda < 0.1 + 0.01 * (3.3 - 0.1), `λ ${lambda}`);
  const warning = tuned.warnings.find((d) =>
    d.code === "param-on-bound" && d.message.includes("tv.saturation.lambda")
  );
  const edge = getTransform("logistic").params.lambda!.edges!.lower!;
  assert.ok(warning?.message.endsWith(`; ${edge}`), warning?.message);
});
