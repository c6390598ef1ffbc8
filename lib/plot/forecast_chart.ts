/**
 * A forecast continuing the fitted history, with its interval where there is one.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ForecastResult } from "../forecast/forecast.ts";
import type { FittedModel } from "../types.ts";
import { toDates } from "../dates.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** Options of {@link plotForecast}. */
export interface PlotForecastOptions {
  /** How many final history weeks to show. @default 52 */
  readonly historyWeeks?: number;
  /** Actual KPI of the forecast weeks, when known (backtests). @default undefined */
  readonly actual?: ArrayLike<number>;
}

/** History (actual and fitted) followed by the forecast and its band. */
export function plotForecast(
  fit: FittedModel,
  result: ForecastResult,
  options: PlotForecastOptions = {},
): Chart {
  const k = Math.min(options.historyWeeks ?? 52, fit.data.dates.length);
  const n = fit.data.dates.length;
  const histDates = toDates(fit.data.dates.slice(n - k));
  const futureDates = toDates(result.plan.dates);
  const rows = [
    ...histDates.map((date, i) => ({
      date,
      value: fit.data.kpi.values[n - k + i],
      series: "actual",
    })),
    ...histDates.map((date, i) => ({ date, value: fit.fitted[n - k + i], series: "fitted" })),
    ...futureDates.map((date, i) => ({ date, value: result.mean[i], series: "forecast" })),
    ...(options.actual
      ? futureDates.map((date, i) => ({ date, value: options.actual?.[i], series: "actual" }))
      : []),
  ];
  const marks: Plot.Markish[] = [];
  if (result.lower && result.upper) {
    const lower = result.lower, upper = result.upper;
    marks.push(Plot.areaY(futureDates.map((date, i) => ({ date, lo: lower[i], hi: upper[i] })), {
      x: "date",
      y1: "lo",
      y2: "hi",
      fill: PALETTE[2],
      fillOpacity: 0.2,
    }));
  }
  marks.push(
    Plot.lineY(rows, { x: "date", y: "value", stroke: "series", z: "series", strokeWidth: 1.6 }),
    Plot.ruleX([futureDates[0]], { stroke: "#777", strokeDasharray: "4,3" }),
  );
  return renderChart({
    title: `Forecast of ${result.plan.kpi.name} for ${futureDates.length} weeks`,
    x: { label: "Week", type: "utc" },
    y: { label: result.plan.kpi.name, grid: true, nice: true },
    color: {
      legend: true,
      domain: ["actual", "fitted", "forecast"],
      range: [PALETTE[7], PALETTE[1], PALETTE[2]],
    },
    marks,
  });
}
