import assert from "node:assert/strict";
import { defineModelSpec, fitRidge, type MmmData, summarizeModel } from "mixlab";
import { sliceRows } from "mixlab/core";
import { weeklyDates } from "../_toy_model.ts";

// sales = 10 + 4·tv + e, with e = ±1 alternating: every model below is the true one, fitted by
// OLS, so its training RMSE is just under 1 (the residuals are e minus a small fitted part).
// The last 13 weeks are the holdout; in them tv is held at 2, so the KPI moves only by e.
const train = 60, holdout = 13, n = train + holdout;
const tv = Float64Array.from({ length: n }, (_, t) => (t < train ? (t * 7) % 11 : 2));
const e = (t: number) => (t % 2 === 0 ? 1 : -1);
function data(shift: number): MmmData {
  return {
    dates: weeklyDates("2022-01-03", n),
    kpi: {
      name: "sales",
      values: Float64Array.from(tv, (x, t) => 10 + 4 * x + e(t) + (t >= train ? shift : 0)),
    },
    kpiKind: "revenue",
    controls: [],
    channels: [{ name: "tv", spend: tv }],
  };
}
const spec = defineModelSpec({
  channels: [{
    name: "tv",
    adstock: { kind: "geometric", params: { decay: 0 } },
    saturation: { kind: "identity" },
  }],
  baseline: { yearlyFourier: 0, trend: "none" },
});
function summary(shift: number) {
  const all = data(shift);
  const fit = fitRidge(sliceRows(all, 0, train), spec, { lambda: 0 });
  return summarizeModel(fit, { holdout: sliceRows(all, train) });
}

Deno.test("the true model on a quiet holdout is not flagged, although its holdout R² is near 0", () => {
  const s = summary(0);
  // The holdout KPI varies only by e (variance 1 around 18), and the prediction is ≈ 18: R² ≈ 0.
  assert.ok(Math.abs(s.metrics.r2Holdout!) < 0.1, `R² holdout ${s.metrics.r2Holdout}`);
  assert.ok(s.metrics.r2Train > 0.99);
  // Both errors are ≈ |e| = 1.
  assert.ok(Math.abs(s.metrics.rmseHoldout! - 1) < 0.05, `${s.metrics.rmseHoldout}`);
  assert.ok(s.metrics.rmseTrain > 0.9 && s.metrics.rmseTrain <= 1, `${s.metrics.rmseTrain}`);
  assert.ok(!s.warnings.some((w) => w.code === "holdout-drop"));
});

Deno.test("a holdout whose level moved by 5 is flagged, with both errors named", () => {
  const s = summary(5);
  // Holdout residuals are 5 + e: RMSE = √((6² + 4²)/2) on alternating weeks ≈ √26 ≈ 5.1.
  assert.ok(Math.abs(s.metrics.rmseHoldout! - Math.sqrt(26)) < 0.3, `${s.metrics.rmseHoldout}`);
  const w = s.warnings.find((w) => w.code === "holdout-drop");
  assert.ok(w, "holdout-drop expected");
  assert.match(w.message, /holdout weeks \(RMSE 5\.\d+\) is 5\.\d× its error in training/);
});
