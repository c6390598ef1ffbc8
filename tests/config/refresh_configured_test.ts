import assert from "node:assert/strict";
import { defineModelSpec, fitRidge, parseMmmConfig } from "mixlab";
import { narrowedBounds } from "mixlab/config";

// A tuned config: tv's decay searched in [0.1, 0.9], radio's fixed at 0.3; λ in the tuner's
// default [1e-4, 10] (log scale). The saved model has decay 0.4 and λ 0.1.
const config = parseMmmConfig({
  data: "x.csv",
  kpi: "sales",
  channels: {
    tv: { bounds: { decay: [0.1, 0.9] } },
    radio: { adstock: { kind: "geometric", params: { decay: 0.3 } } },
  },
  tuning: { trials: 1000 },
});
const n = 40;
const dates = Array.from(
  { length: n },
  (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10),
);
const spend = (k: number) => Float64Array.from({ length: n }, (_, i) => 10 + ((i * k) % 7));
const saved = fitRidge(
  {
    dates,
    kpiKind: "revenue",
    controls: [],
    channels: [{ name: "tv", spend: spend(3) }, { name: "radio", spend: spend(5) }],
    kpi: { name: "sales", values: Float64Array.from({ length: n }, (_, i) => 100 + (i % 5)) },
  },
  defineModelSpec({
    channels: {
      tv: { adstock: { kind: "geometric", params: { decay: 0.4 } } },
      radio: { adstock: { kind: "geometric", params: { decay: 0.3 } } },
    },
    baseline: { yearlyFourier: 0 },
  }),
  { lambda: 0.1 },
);

Deno.test("narrowedBounds() centres each free range on the saved value, a share of its width", () => {
  const b = narrowedBounds(config, saved, 0.25);
  // decay: width 0.8 × 0.25 = 0.2 around 0.4
  assert.ok(Math.abs(b["tv.adstock.decay"]![0] - 0.3) < 1e-12);
  assert.ok(Math.abs(b["tv.adstock.decay"]![1] - 0.5) < 1e-12);
  assert.equal(b["radio.adstock.decay"], undefined, "a fixed parameter stays fixed");
  // λ: a quarter of log(10 / 1e-4) around log 0.1
  const half = 0.25 * Math.log(1e5) / 2;
  assert.ok(Math.abs(b.lambda![0] - 0.1 * Math.exp(-half)) < 1e-12);
  assert.ok(Math.abs(b.lambda![1] - 0.1 * Math.exp(half)) < 1e-12);
  // a share of 1 gives the original range back, clipped at its ends
  const whole = narrowedBounds(config, saved, 1)["tv.adstock.decay"]!;
  assert.deepEqual(whole.map((v) => Math.round(v * 1e12) / 1e12), [0.1, 0.8]);
});
