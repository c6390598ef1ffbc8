// Features and EDA helpers. Numbers marked "scipy/numpy/sklearn" come from
// tests/fixtures/reference/prep_eda.py (Debian python3-scipy, python3-numpy, python3-sklearn);
// the others are worked out by hand in the comments.
import {
  boxCox,
  correlationMatrix,
  eventDummies,
  fillMissing,
  findOutliers,
  fitBoxCoxLambda,
  fitScaler,
  fourierTerms,
  histogram,
  inverseBoxCox,
  lagSeries,
  missingValueTable,
  Scaler,
  shareOfVoice,
  spendShare,
  summaryStatistics,
  trendTerms,
  winsorize,
  zeroSpendIndicator,
} from "mixlab";
import { DataQualityReport } from "mixlab";
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

Deno.test("fitBoxCoxLambda() matches scipy.stats.boxcox and boxCox() inverts", () => {
  near(fitBoxCoxLambda(x), 0.13089548078410757, 1e-7); // scipy
  near(fitBoxCoxLambda(y), -0.7139176254152338, 1e-7); // scipy
  const back = inverseBoxCox(boxCox(y, -0.7), -0.7);
  back.forEach((v, i) => near(v, y[i]!));
  assert.throws(() => boxCox(new Float64Array([1, 0]), 0.5), RangeError);
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

Deno.test("fourierTerms() and trendTerms() by hand", () => {
  // 2024-04-01 is day 91 of the year: sin(2π·91/365.25), cos(…).
  const [sin1, cos1, sin2] = fourierTerms(["2024-04-01"]);
  near(sin1!.values[0]!, Math.sin(2 * Math.PI * 91 / 365.25));
  near(cos1!.values[0]!, Math.cos(2 * Math.PI * 91 / 365.25));
  near(sin2!.values[0]!, Math.sin(4 * Math.PI * 91 / 365.25));
  const dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"];
  const [t, t2] = trendTerms(dates, { kind: "quadratic" });
  assert.deepEqual(Array.from(t!.values), [0, 0.25, 0.5, 0.75, 1]);
  assert.deepEqual(Array.from(t2!.values), [0, 0.0625, 0.25, 0.5625, 1]);
});

Deno.test("eventDummies(), lagSeries(), shareOfVoice(), zeroSpendIndicator() by hand", () => {
  const dates = ["2024-11-18", "2024-11-25", "2024-12-02"];
  // Thanksgiving 2024-11-28 is in the week of 2024-11-25.
  const [thanksgiving] = eventDummies(dates, { thanksgiving: ["2024-11-28"] });
  assert.deepEqual(Array.from(thanksgiving!.values), [0, 1, 0]);
  const lagged = lagSeries(new Float64Array([1, 2, 3, 4]), 1, {
    groups: ["a", "a", "b", "b"],
    fill: -1,
  });
  assert.deepEqual(Array.from(lagged), [-1, 1, -1, 3]);
  assert.deepEqual(Array.from(shareOfVoice(new Float64Array([1, 3]), new Float64Array([3, 1]))), [
    0.25,
    0.75,
  ]);
  assert.deepEqual(Array.from(zeroSpendIndicator(new Float64Array([0, 2]))), [1, 0]);
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
