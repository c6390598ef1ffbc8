// Derived columns. Numbers marked "scipy" come from tests/fixtures/reference/prep_eda.py
// (Debian python3-scipy); the others are worked out by hand in the comments.
import { epochDay } from "mixlab/core";
import {
  boxCox,
  eventDummies,
  fitBoxCoxLambda,
  fourierTerms,
  inverseBoxCox,
  lagSeries,
  shareOfVoice,
  trendTerms,
  zeroSpendIndicator,
} from "mixlab/features";
import { baselineColumns, featureFrame, resolveBaseline } from "mixlab/features/mod.ts";
import assert from "node:assert/strict";

const x = new Float64Array([3.1, 4.7, 2.2, 8.9, 5.5, 5.5, 12.4, 7.3, 6.1, 9.8, 4.4, 3.9]);
const y = new Float64Array([10, 12.5, 9.1, 20.3, 15.2, 14.8, 30.1, 16, 15.5, 22.2, 11.9, 12]);
const near = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

Deno.test("fitBoxCoxLambda() matches scipy.stats.boxcox and boxCox() inverts", () => {
  near(fitBoxCoxLambda(x), 0.13089548078410757, 1e-7); // scipy
  near(fitBoxCoxLambda(y), -0.7139176254152338, 1e-7); // scipy
  const back = inverseBoxCox(boxCox(y, -0.7), -0.7);
  back.forEach((v, i) => near(v, y[i]!));
  assert.throws(() => boxCox(new Float64Array([1, 0]), 0.5), RangeError);
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

Deno.test("featureFrame() and baselineColumns() measure new rows on the training frame", () => {
  // Training rows 2024-01-01 … 2024-01-29: origin day 19723, span 28 days, weekly period.
  const frame = featureFrame(["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-29"]);
  assert.deepEqual(frame, { origin: 19723, spanDays: 28, periodDays: 7 });
  // Two later weeks: t = 35/28 and 42/28; the event on 2024-02-14 falls in the week of 02-12.
  const dates = ["2024-02-05", "2024-02-12"];
  const data = {
    dates,
    kpiKind: "revenue" as const,
    kpi: { name: "sales", values: new Float64Array(2) },
    channels: [],
    controls: [],
  };
  const columns = baselineColumns(
    { trend: "quadratic", yearlyFourier: 1, events: { sale: ["2024-02-14"] } },
    { data, days: dates.map(epochDay), frame, columns: new Map() },
  );
  assert.deepEqual(columns.map((c) => [c.name, c.term, c.group]), [
    ["trend", "trend", "trend"],
    ["trend^2", "trend", "trend"],
    ["sin1", "seasonality", "seasonality"],
    ["cos1", "seasonality", "seasonality"],
    ["sale", "sale", "event"],
  ]);
  assert.deepEqual(Array.from(columns[0]!.values), [1.25, 1.5]);
  assert.deepEqual(Array.from(columns[1]!.values), [1.5625, 2.25]);
  // 2024-02-05 is day 35 of the year.
  near(columns[2]!.values[0]!, Math.sin(2 * Math.PI * 35 / 365.25));
  assert.deepEqual(Array.from(columns[4]!.values), [0, 1]);
});

Deno.test("resolveBaseline() fills defaults and names the bad key", () => {
  assert.deepEqual(resolveBaseline({ trend: "none" }, new Set()), {
    trend: "none",
    yearlyFourier: 2,
    events: {},
  });
  assert.throws(() => resolveBaseline({ trend: "cubic" }, new Set()), {
    name: "ConfigError",
    key: "baseline.trend",
  });
  assert.throws(() => resolveBaseline({ yearlyFourier: 1.5 }, new Set()), {
    key: "baseline.yearlyFourier",
  });
  // An event may not take a name already given out (a channel's, here).
  assert.throws(() => resolveBaseline({ events: { tv: ["2024-01-01"] } }, new Set(["tv"])), {
    key: "baseline.events.tv",
  });
  assert.throws(() => resolveBaseline({ events: { sale: ["1/1/2024"] } }, new Set()), {
    key: "baseline.events.sale",
  });
});
