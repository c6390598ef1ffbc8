/**
 * A forecast continuing the fitted history, with its interval where there is one.
 *
 * @module
 */
import type { ForecastResult } from "../forecast/forecast.ts";
import type { FittedModel } from "../types.ts";
import { forecastSpec } from "./forecast_spec.ts";
import { type Chart, renderChart } from "./render.ts";

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
  const n = fit.data.dates.length, k = Math.min(options.historyWeeks ?? 52, n);
  return renderChart(forecastSpec({
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
  }));
}
