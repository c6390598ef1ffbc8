/**
 * The forecast chart as an Observable Plot spec: the history's actual and fitted KPI, then the
 * forecast with its band, and optionally a reference plan's forecast to compare with. Plain
 * options and marks that any DOM renders, linkedom in Deno ({@link plotForecast}) or the
 * browser's own (the budget planner page); this module imports no DOM.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { toDates } from "../dates.ts";
import type { ForecastResult } from "../forecast/forecast.ts";
import type { FittedModel } from "../types.ts";
import { type ChartSpec, PALETTE } from "./theme.ts";

/** What the forecast chart shows. */
export interface ForecastChartData {
  /** KPI name, for the title and axis. */
  readonly kpiName: string;
  /** The final history weeks: dates, actual KPI and the model's fit. */
  readonly history: {
    readonly dates: readonly string[];
    readonly actual: ArrayLike<number>;
    readonly fitted: ArrayLike<number>;
  };
  /** The forecast weeks: dates, predicted KPI, its band and (backtests) the actual KPI. */
  readonly future: {
    readonly dates: readonly string[];
    readonly mean: ArrayLike<number>;
    readonly lower?: ArrayLike<number>;
    readonly upper?: ArrayLike<number>;
    readonly actual?: ArrayLike<number>;
  };
  /** Another plan's forecast over the same weeks, drawn dashed (e.g. today's spend). */
  readonly reference?: { readonly label: string; readonly values: ArrayLike<number> };
}

/** Options of {@link forecastChartData}. */
export interface ForecastChartOptions {
  /** How many final history weeks to show. @default 52 */
  readonly historyWeeks?: number;
  /** Actual KPI of the forecast weeks, when known (backtests). @default undefined */
  readonly actual?: ArrayLike<number>;
  /** Another plan's forecast over the same weeks, drawn dashed. @default undefined */
  readonly reference?: ForecastChartData["reference"];
}

/** What the forecast chart shows of a model's history and a forecast of it. */
export function forecastChartData(
  fit: FittedModel,
  result: ForecastResult,
  options: ForecastChartOptions = {},
): ForecastChartData {
  const n = fit.data.dates.length, k = Math.min(options.historyWeeks ?? 52, n);
  return {
    kpiName: result.plan.kpi.name,
    history: {
      dates: fit.data.dates.slice(n - k),
      actual: fit.data.kpi.values.subarray(n - k),
      fitted: fit.fitted.subarray(n - k),
    },
    future: {
      dates: result.plan.dates,
      mean: result.mean,
      ...(result.lower && result.upper ? { lower: result.lower, upper: result.upper } : {}),
      ...(options.actual ? { actual: options.actual } : {}),
    },
    ...(options.reference ? { reference: options.reference } : {}),
  };
}

/**
 * History (actual and fitted) followed by the forecast, its band and an optional reference.
 *
 * @example Two history weeks and one forecast week
 * ```ts
 * import { forecastSpec } from "mixlab/plot/forecast_spec.ts";
 * import assert from "node:assert/strict";
 * const spec = forecastSpec({
 *   kpiName: "sales",
 *   history: { dates: ["2024-01-01", "2024-01-08"], actual: [5, 6], fitted: [5.1, 5.9] },
 *   future: { dates: ["2024-01-15"], mean: [6.2] },
 *   reference: { label: "today's spend", values: [6] },
 * });
 * assert.equal(spec.title, "Forecast of sales for 1 weeks");
 * assert.deepEqual(spec.color?.domain, ["actual", "fitted", "forecast", "today's spend"]);
 * ```
 */
export function forecastSpec(data: ForecastChartData): ChartSpec {
  const { history, future, reference } = data;
  const histDates = toDates(history.dates), futureDates = toDates(future.dates);
  const rows = [
    ...histDates.map((date, i) => ({ date, value: history.actual[i], series: "actual" })),
    ...histDates.map((date, i) => ({ date, value: history.fitted[i], series: "fitted" })),
    ...futureDates.map((date, i) => ({ date, value: future.mean[i], series: "forecast" })),
    ...(future.actual
      ? futureDates.map((date, i) => ({ date, value: future.actual?.[i], series: "actual" }))
      : []),
  ];
  const marks: Plot.Markish[] = [];
  if (future.lower && future.upper) {
    const lower = future.lower, upper = future.upper;
    marks.push(Plot.areaY(futureDates.map((date, i) => ({ date, lo: lower[i], hi: upper[i] })), {
      x: "date",
      y1: "lo",
      y2: "hi",
      fill: PALETTE[2],
      fillOpacity: 0.2,
    }));
  }
  if (reference) {
    const label = reference.label;
    marks.push(
      Plot.lineY(futureDates.map((date, i) => ({ date, value: reference.values[i] })), {
        x: "date",
        y: "value",
        stroke: () => label,
        strokeWidth: 1.6,
        strokeDasharray: "5,4",
      }),
    );
  }
  marks.push(
    Plot.lineY(rows, { x: "date", y: "value", stroke: "series", z: "series", strokeWidth: 1.6 }),
    Plot.ruleX([futureDates[0]], { stroke: "#777", strokeDasharray: "4,3" }),
  );
  return {
    title: `Forecast of ${data.kpiName} for ${futureDates.length} weeks`,
    x: { label: "Week", type: "utc" },
    y: { label: data.kpiName, grid: true, nice: true },
    color: {
      legend: true,
      domain: ["actual", "fitted", "forecast", ...(reference ? [reference.label] : [])],
      range: [PALETTE[7], PALETTE[1], PALETTE[2], ...(reference ? [PALETTE[8]] : [])],
    },
    marks,
  };
}
