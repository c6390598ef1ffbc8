import assert from "node:assert/strict";
import { durbinWatson, jarqueBera, residualReport } from "mixlab/analysis";
import { resid, residHet, x1, x2, x3 } from "./_data.ts";

Deno.test("residualReport() reports the four tests with verdicts", () => {
  const t = residualReport(residHet, [x1, x2, x3]);
  assert.deepEqual(t.columns, ["test", "statistic", "pValue", "verdict"]);
  assert.deepEqual(t.rows.map((r) => r.test), [
    "Durbin-Watson",
    "Ljung-Box",
    "Jarque-Bera",
    "Breusch-Pagan",
  ]);
  assert.equal(t.rows[0]?.statistic, durbinWatson(residHet));
  // statsmodels het_breuschpagan on these residuals: p = 0.00184 (diag_residual_tests.py)
  assert.match(String(t.rows[3]?.verdict), /heteroscedasticity/);
  assert.ok(t.toHtml().includes("Breusch-Pagan"));
});

Deno.test("residualReport() verdicts follow the statsmodels p-values", () => {
  // statsmodels on resid: DW 1.428 (< 1.5), Ljung-Box lag 10 p = 2.3e-15,
  // Jarque-Bera p = 0.566, Breusch-Pagan p = 0.836 (diag_residual_tests.py)
  const t = residualReport(resid, [x1, x2, x3]);
  assert.match(String(t.rows[0]?.verdict), /^positive autocorrelation/);
  assert.match(String(t.rows[1]?.verdict), /autocorrelated within 10 periods/);
  assert.equal(t.rows[2]?.verdict, "errors look normal");
  assert.equal(t.rows[2]?.pValue, jarqueBera(resid).pValue);
  assert.equal(t.rows[3]?.verdict, "error size does not depend on the regressors");
  assert.throws(() => residualReport(resid, undefined, { alpha: 1 }), RangeError);
});

Deno.test("residualReport() flags the tests statsmodels rejects, and its table is a view", () => {
  // statsmodels on resid (diag_residual_tests.py): DW 1.428 < 1.5, Ljung-Box p = 2.3e-15,
  // Jarque-Bera p = 0.566, Breusch-Pagan p = 0.836.
  const report = residualReport(resid, [x1, x2, x3]);
  assert.deepEqual(report.rows.map((r) => r.flagged), [true, true, false, false]);
  const view = report.toTable();
  assert.deepEqual(view.columns, ["test", "statistic", "pValue", "verdict"]);
  assert.equal(view.rows[1]?.pValue, report.rows[1]?.pValue);
  assert.match(view.caption ?? "", /significance level 0\.05/);
});
