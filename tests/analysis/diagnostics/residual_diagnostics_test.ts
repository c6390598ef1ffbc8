import assert from "node:assert/strict";
import type { FittedModel } from "mixlab";
import { autocorrelation, residualDiagnostics } from "mixlab/analysis";
import { assertClose, N, resid } from "./_data.ts";

// statsmodels' acf and scipy's norm.ppf on the same series:
// tests/fixtures/reference/diag_acf_qq.py
const ACF = [
  0.2854549871194326,
  -0.28496688395836084,
  0.20039823877419066,
  0.2872647376089532,
  -0.5099566402914912,
  -0.5965724892881314,
  0.14225377155768623,
  -0.021105798860077973,
];

Deno.test("autocorrelation() matches statsmodels' acf", () => {
  const r = autocorrelation(resid, 8);
  ACF.forEach((v, k) => assertClose(r[k], v, 1e-12));
  assert.throws(() => autocorrelation(resid, N), RangeError);
});

Deno.test("residualDiagnostics() gives the residuals, their ACF band and QQ points", () => {
  // A model whose prediction is 0 on every row: its residuals are the KPI itself.
  const dates = Array.from(
    { length: N },
    (_, i) => `2024-01-${String(1 + (i % 28)).padStart(2, "0")}`,
  );
  const fit = {
    data: {
      dates,
      kpiKind: "revenue",
      kpi: { name: "y", values: resid },
      channels: [],
      controls: [],
    },
    fitted: new Float64Array(N),
  } as unknown as FittedModel;
  const d = residualDiagnostics(fit, { maxLag: 8 });
  assert.deepEqual(Array.from(d.residuals), Array.from(resid));
  ACF.forEach((v, k) => assertClose(d.acf[k], v, 1e-12));
  assertClose(d.acfBand, 1.96 / Math.sqrt(60), 1e-15);
  const q = d.qq.theoretical, s = d.qq.sample;
  assertClose(q[0], -2.3939797998185095, 1e-9);
  assertClose(q[1], -1.9599639845400545, 1e-9);
  assertClose(q[2], -1.731664396122245, 1e-9);
  assertClose(q[N - 1], 2.3939797998185104, 1e-9);
  assertClose(s[0], -2.198529317700093, 1e-12);
  assertClose(s[1], -1.9959330043912997, 1e-12);
  assertClose(s[N - 1], 2.015787506174947, 1e-12);
});
