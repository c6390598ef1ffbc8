/**
 * A forecast continuing the fitted history, with its interval where there is one.
 *
 * @module
 */
import type { ForecastResult } from "../forecast/forecast.ts";
import type { FittedModel } from "../types.ts";
import { forecastChartData, forecastSpec } from "./forecast_spec.ts";
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
  return renderChart(forecastSpec(forecastChartData(fit, result, options)));
}
