import assert from "node:assert/strict";
import { breuschPagan, durbinWatson, jarqueBera, ljungBox } from "mixlab/analysis";
import { assertClose, resid, residHet, x1, x2, x3 } from "./_data.ts";

// Expected values: statsmodels 0.13.5 / scipy 1.10.1, printed by
// tests/fixtures/reference/diag_residual_tests.py on the series of ./_data.ts.

Deno.test("durbinWatson() matches statsmodels durbin_watson", () => {
  assertClose(durbinWatson(resid), 1.4276613763075827);
});

Deno.test("durbinWatson() is 2 for a ±1 pattern repeating in pairs", () => {
  // e = [1, 1, -1, -1]: differences 0, −2, 0 → 4 / 4 = 1
  assert.equal(durbinWatson(new Float64Array([1, 1, -1, -1])), 1);
  assert.throws(() => durbinWatson(new Float64Array([1])), RangeError);
  assert.throws(() => durbinWatson(new Float64Array([1, NaN])), RangeError);
});

Deno.test("ljungBox() matches statsmodels acorr_ljungbox with Box-Pierce", () => {
  const r = ljungBox(resid, { lags: [1, 4, 10] });
  assert.deepEqual(r.map((x) => x.lag), [1, 4, 10]);
  const expected = [
    [5.1376699114820745, 0.023412050842545325, 4.889072980281329, 0.027027194470266216],
    [18.448749648176115, 0.0010081883557492629, 17.122269492097896, 0.001830020099704307],
    [91.83737799673423, 2.312892405580164e-15, 79.79083776006055, 5.517399287451723e-13],
  ];
  r.forEach((x, i) => {
    const [q, p, bp, bpp] = expected[i] as number[];
    assertClose(x.statistic, q as number);
    assertClose(x.boxPierce, bp as number);
    // p-values are 1 − CDF: absolute precision near 1e-16
    assertClose(x.pValue, p as number, 1e-12);
    assertClose(x.boxPiercePValue, bpp as number, 1e-12);
  });
});

Deno.test("ljungBox() subtracts model degrees of freedom and defaults to lags 1..10", () => {
  const [r] = ljungBox(resid, { lags: [4], modelDf: 2 });
  assertClose(r?.statistic, 18.448749648176115);
  assertClose(r?.pValue, 9.860635717051641e-05, 1e-12);
  // statsmodels default for n = 60: lags 1..min(60 // 5, 10)
  assert.deepEqual(ljungBox(resid).map((x) => x.lag), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(ljungBox(resid, { lags: 3 }).map((x) => x.lag), [1, 2, 3]);
  assert.throws(() => ljungBox(resid, { lags: [2], modelDf: 2 }), RangeError);
  assert.throws(() => ljungBox(resid, { lags: [60] }), RangeError);
});

Deno.test("ljungBox() matches a hand calculation at lag 1", () => {
  // e = [1, 2, 3, 4]: mean 2.5, deviations −1.5, −0.5, 0.5, 1.5, c0 = 5,
  // c1 = 0.75 − 0.25 + 0.75 = 1.25 → r1 = 0.25; Q = 4·6·0.0625/3 = 0.5; Q_BP = 4·0.0625 = 0.25
  const [r] = ljungBox(new Float64Array([1, 2, 3, 4]), { lags: 1 });
  assertClose(r?.statistic, 0.5, 1e-14);
  assertClose(r?.boxPierce, 0.25, 1e-14);
  // χ²₁ survival at 0.5 = 2(1 − Φ(√0.5)) = 0.4795001221869535 (erfc(0.5))
  assertClose(r?.pValue, 0.4795001221869535, 1e-12);
});

Deno.test("jarqueBera() matches statsmodels jarque_bera", () => {
  const r = jarqueBera(resid);
  assertClose(r.statistic, 1.1379703889044404);
  assertClose(r.pValue, 0.566099628348284);
  assertClose(r.skewness, -0.15695113155835677);
  assertClose(r.kurtosis, 2.4027952404978827);
  assert.throws(() => jarqueBera(new Float64Array([2, 2, 2])), RangeError);
});

Deno.test("breuschPagan() matches statsmodels het_breuschpagan (studentized default)", () => {
  const r = breuschPagan(resid, [x1, x2, x3]);
  assert.equal(r.df, 3);
  assertClose(r.statistic, 0.856270019455434);
  assertClose(r.pValue, 0.8359659287325003);
  assertClose(r.fStatistic, 0.2702519275516204);
  assertClose(r.fPValue, 0.8465783474801771);
  const h = breuschPagan(residHet, [x1, x2, x3]);
  assertClose(h.statistic, 14.976375842851198);
  assertClose(h.pValue, 0.001836949127286501);
  assertClose(h.fStatistic, 6.2091628776364125);
  assertClose(h.fPValue, 0.001022136204761816);
});

Deno.test("breuschPagan() matches statsmodels het_breuschpagan(robust=False)", () => {
  const r = breuschPagan(resid, [x1, x2, x3], { studentize: false });
  assertClose(r.statistic, 0.5927525224197794);
  assertClose(r.pValue, 0.8980894951520908);
  assertClose(r.fStatistic, 0.2702519275516271);
  const h = breuschPagan(residHet, [x1, x2, x3], { studentize: false });
  assertClose(h.statistic, 19.173854151171412);
  assertClose(h.pValue, 0.0002516762972011489);
  assertClose(h.fPValue, 0.001022136204761824);
});

Deno.test("breuschPagan() accepts a dense matrix and rejects bad shapes", () => {
  const data = new Float64Array(60 * 3);
  for (let i = 0; i < 60; i++) {
    data[i * 3] = x1[i] as number;
    data[i * 3 + 1] = x2[i] as number;
    data[i * 3 + 2] = x3[i] as number;
  }
  assertClose(breuschPagan(resid, { rows: 60, cols: 3, data }).statistic, 0.856270019455434);
  assert.throws(() => breuschPagan(resid.subarray(1), [x1]), RangeError);
  assert.throws(() => breuschPagan(resid, [x1, x2.subarray(1)]), RangeError);
});
