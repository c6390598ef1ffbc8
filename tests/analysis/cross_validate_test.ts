import assert from "node:assert/strict";
import { crossValidate } from "mixlab";
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
  // R² of a constant forecast on rows 8–11 (mean 9.5, SST = 5): 1 − 86/5
  assert.ok(Math.abs(cv.folds[1]!.r2 - (1 - 86 / 5)) < 1e-12);
  assert.match(cv.toTable().toHtml(), />mean</);
});
