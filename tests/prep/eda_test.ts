// Features and EDA helpers. Numbers marked "scipy/numpy/sklearn" come from
// tests/fixtures/reference/prep_eda.py (Debian python3-scipy, python3-numpy, python3-sklearn);
// the others are worked out by hand in the comments.
import {
  correlationMatrix,
  fillMissing,
  findOutliers,
  fitScaler,
  histogram,
  missingValueTable,
  Scaler,
  spendShare,
  summaryStatistics,
  winsorize,
} from "mixlab/prep";
import { DataQualityReport } from "mixlab/prep";
import assert from "node:assert/strict";

const x = new Float64Array([3.1, 4.7, 2.2, 8.9, 5.5, 5.5, 12.4, 7.3, 6.1, 9.8, 4.4, 3.9]);
const y = new Float64Array([10, 12.5, 9.1, 20.3, 15.2, 14.8, 30.1, 16, 15.5, 22.2, 11.9, 12]);
const z = new Float64Array([1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 1]);
const near = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

Deno.test("correlationMatrix() matches scipy pearsonr and spearmanr (with ties)", () => {
  const cols = [{ name: "x", values: x }, { name: "y", values: y }, { name: "z", values: z }];
  const p = correlationMatrix(cols);
  near(p.get("x", "y"), 0.9839857137765177); // scipy
  near(p.get("x", "z"), -0.6849840033408847); // scipy
  assert.equal(p.get("y", "y"), 1);
  const s = correlationMatrix(cols, { method: "spearman" });
  near(s.get("x", "y"), 0.99124495269876); // scipy
  near(s.get("z", "y"), -0.7242068243779014); // scipy
  assert.ok(s.toTable().toHtml().includes("Spearman"));
});

Deno.test("histogram() matches numpy.histogram", () => {
  const bins = histogram(x, { bins: 4 });
  assert.deepEqual(bins.map((b) => b.count), [5, 3, 3, 1]); // numpy
  near(bins[1]!.x0, 4.75); // numpy edges 2.2, 4.75, 7.3, 9.85, 12.4
  near(bins[3]!.x1, 12.4);
});

Deno.test("findOutliers() fences match numpy percentiles and the robust z-score", () => {
  const iqr = findOutliers(y);
  near(iqr.lower, 4.325); // numpy: Q1 − 1.5·IQR
  near(iqr.upper, 24.724999999999998); // numpy: Q3 + 1.5·IQR
  assert.deepEqual(iqr.rows, [6]);
  // Robust z of row 6 is 3.339 (numpy): below 3.5, above 3.
  assert.deepEqual(findOutliers(y, { method: "robust-z" }).rows, []);
  assert.deepEqual(findOutliers(y, { method: "robust-z", threshold: 3 }).rows, [6]);
  assert.deepEqual(Array.from(winsorize(new Float64Array([0, 30.1]), iqr.lower, iqr.upper)), [
    4.325,
    24.724999999999998,
  ]);
});

Deno.test("fitScaler() standard matches sklearn StandardScaler and inverts", () => {
  const s = fitScaler(x);
  near(s.center, 6.150000000000001); // sklearn mean_
  near(s.scale, 2.846781808756454); // sklearn scale_
  const back = s.inverse(s.transform(x));
  back.forEach((v, i) => near(v, x[i]!));
  const m = fitScaler(x, { method: "max" });
  assert.equal(m.transform(new Float64Array([12.4]))[0], 1);
  near(fitScaler(x, { method: "mean" }).scale, 6.15);
  assert.deepEqual(Scaler.fromJSON(s.toJSON()), s);
  assert.throws(() => fitScaler(new Float64Array([2, 2])), RangeError);
});

Deno.test("summaryStatistics() quartiles and sd match numpy", () => {
  const data = {
    dates: Array.from({ length: 12 }, () => "2024-01-01"),
    kpi: { name: "x", values: x },
    kpiKind: "revenue" as const,
    channels: [{ name: "z", spend: z }],
    controls: [],
  };
  const row = summaryStatistics(data).rows[0]!;
  near(row.q25 as number, 4.275); // numpy percentile
  near(row.median as number, 5.5);
  near(row.q75 as number, 7.7);
  near(row.sd as number, 2.973366625713871); // numpy std ddof=1
  assert.equal(summaryStatistics(data).rows[1]!.zeros, 6 / 12);
});

Deno.test("fillMissing() interpolates, forward-fills and zero-fills", () => {
  const v = new Float64Array([NaN, 2, NaN, NaN, 8, NaN]);
  assert.deepEqual(Array.from(fillMissing(v)), [2, 2, 4, 6, 8, 8]);
  assert.deepEqual(Array.from(fillMissing(v, { method: "forward-fill" })), [2, 2, 2, 2, 8, 8]);
  assert.deepEqual(Array.from(fillMissing(v, { method: "zero" })), [0, 2, 0, 0, 8, 0]);
});

Deno.test("spendShare() by month and missingValueTable() shares", () => {
  const data = {
    dates: ["2024-01-29", "2024-02-05", "2024-02-12"],
    kpi: { name: "k", values: new Float64Array([1, 2, 3]) },
    kpiKind: "revenue" as const,
    channels: [
      { name: "tv", spend: new Float64Array([10, 0, 30]) },
      { name: "radio", spend: new Float64Array([10, 10, 10]) },
    ],
    controls: [],
  };
  const t = spendShare(data, { period: "month" });
  assert.deepEqual(t.rows.map((r) => r.period), ["2024-01", "2024-02"]);
  assert.equal(t.rows[1]!.tv, 30 / 50);
  const report = new DataQualityReport("f.csv", [], [
    { column: "sales", role: "kpi", rows: 40, missing: 2, outliers: 0 },
  ]);
  assert.equal(missingValueTable(report).rows[0]!.share, 0.05);
});
