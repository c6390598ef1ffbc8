import assert from "node:assert/strict";
import { crossValidate, type MmmData } from "mixlab";
import { selectByCrossValidation } from "mixlab/analysis";
import { toyData, toyModel } from "../_toy_model.ts";

Deno.test("crossValidate() scores each expanding fold's forecast against the actual KPI", () => {
  // A toy model with no media effect predicts its intercept 5 everywhere; the KPI is the row
  // index, so with 12 rows and 2 folds of 4 (sklearn TimeSeriesSplit: test rows 4–7, 8–11)
  // the errors are i − 5.
  const base = toyData({ tv: new Array(12).fill(0) });
  const data = {
    ...base,
    kpi: { name: "sales", values: Float64Array.from({ length: 12 }, (_, i) => i) },
  };
  const tv = { name: "tv", theta: 0, k: 1, shape: 1, beta: 1, scale: 1 };
  const cv = crossValidate(data, (train) => toyModel(train, [tv], 5), { folds: 2 });
  assert.deepEqual(cv.folds.map((f) => [f.train, f.test]), [[[0, 4], [4, 8]], [[0, 8], [8, 12]]]);
  assert.equal(cv.folds[0]!.rmse, Math.sqrt((1 + 0 + 1 + 4) / 4));
  assert.equal(cv.folds[1]!.rmse, Math.sqrt((9 + 16 + 25 + 36) / 4));
  assert.deepEqual(cv.folds.map((f) => f.mae), [(1 + 0 + 1 + 2) / 4, (3 + 4 + 5 + 6) / 4]);
  assert.equal(cv.mean().mae, (1 + 4.5) / 2);
  // R² of a constant forecast on rows 8–11 (mean 9.5, SST = 5): 1 − 86/5
  assert.ok(Math.abs(cv.folds[1]!.r2 - (1 - 86 / 5)) < 1e-12);
  assert.match(cv.toTable().toHtml(), />mean</);
});

Deno.test("selectByCrossValidation() keeps the candidate with the lowest mean fold error", () => {
  // Same folds as above. Intercept 5: fold errors −1, 0, 1, 2 and 3, 4, 5, 6 → RMSE √(6/4) and
  // √(86/4), mean 2.93. Intercept 9: −5, −4, −3, −2 and −1, 0, 1, 2 → √(54/4) and √(6/4), mean
  // 2.45. By MAE: 5 gives (1 + 4.5)/2 = 2.75, 9 gives (3.5 + 1)/2 = 2.25.
  const base = toyData({ tv: new Array(12).fill(0) });
  const data = {
    ...base,
    kpi: { name: "sales", values: Float64Array.from({ length: 12 }, (_, i) => i) },
  };
  const tv = { name: "tv", theta: 0, k: 1, shape: 1, beta: 1, scale: 1 };
  const candidates = [5, 9].map((b0) => ({
    label: `intercept ${b0}`,
    value: b0,
    fitter: (train: MmmData) => toyModel(train, [tv], b0),
  }));
  const chosen = selectByCrossValidation(data, candidates, { folds: 2 });
  assert.equal(chosen.best, 9);
  assert.ok(Math.abs(chosen.scores[0]!.rmse - (Math.sqrt(6 / 4) + Math.sqrt(86 / 4)) / 2) < 1e-12);
  assert.equal(chosen.scores[1]!.mae, 2.25);
  assert.equal(selectByCrossValidation(data, candidates, { folds: 2, metric: "mae" }).best, 9);
  assert.throws(() => selectByCrossValidation(data, [], { folds: 2 }), RangeError);
});
