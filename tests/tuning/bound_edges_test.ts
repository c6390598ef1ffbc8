/**
 * `param-on-bound` says what the curve became at the end tuning stopped on: an always-on channel
 * whose response rises faster than a line (KPI = 5000 + 0.06 · spend²), tuned with the
 * logistic, ends at the logistic's smallest λ, and the warning on it says the curve is nearly a
 * line through zero.
 */
import assert from "node:assert/strict";
import { defineModelSpec, Rng, tune } from "mixlab";
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
