/**
 * Out-of-time backtest: refit on the data up to a cut-off, forecast the rest with the spends that
 * actually happened, and score the forecast against the actual KPI.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { mae, mape, r2, rmse } from "../analysis/metrics.ts";
import { ConfigError } from "../errors.ts";
import { sliceRows } from "../mmm_data.ts";
import { Table } from "../display/table.ts";
import type { FittedModel, MmmData } from "../types.ts";
import { forecast, type ForecastResult } from "./forecast.ts";

/** Options of {@link backtest}. */
export interface BacktestOptions {
  /** Weeks held back at the end. @default 13 */
  readonly holdoutWeeks?: number;
}

/** Scores of a forecast against the actual KPI. */
export interface ForecastScores {
  /** Root mean squared error. */
  readonly rmse: number;
  /** Mean absolute error. */
  readonly mae: number;
  /** Mean absolute percentage error (rows with a zero KPI skipped). */
  readonly mape: number;
  /** R² of the forecast weeks. */
  readonly r2: number;
}

/** RMSE, MAE, MAPE (zero KPI rows skipped) and R² of a forecast against the actual KPI. */
export function forecastScores(actual: Float64Array, forecast: Float64Array): ForecastScores {
  return {
    rmse: rmse(actual, forecast),
    mae: mae(actual, forecast),
    mape: mape(actual, forecast, { zeros: "skip" }),
    r2: r2(actual, forecast),
  };
}

/** A backtest: the model fitted before the cut-off, its forecast and the scores. */
export interface BacktestResult {
  /** The model fitted on the rows before the cut-off. */
  readonly fit: FittedModel;
  /** Its forecast of the held-back rows with their actual spends. */
  readonly forecast: ForecastResult;
  /** The actual KPI of the held-back rows. */
  readonly actual: Float64Array;
  /** Scores of the forecast. */
  readonly scores: ForecastScores;
  /** Shows the scores as a table. */
  [JUPYTER_DISPLAY](): MimeBundle;
}

/**
 * Refits with `fitter` on all but the last `holdoutWeeks` rows and forecasts those rows from
 * their actual spends and controls, adstock carried over from the training rows.
 */
export function backtest(
  data: MmmData,
  fitter: (train: MmmData) => FittedModel,
  options: BacktestOptions = {},
): BacktestResult {
  const holdout = options.holdoutWeeks ?? 13;
  const n = data.dates.length;
  if (!Number.isInteger(holdout) || holdout < 1 || holdout >= n - 1) {
    throw new ConfigError(
      `Cannot backtest: holdoutWeeks must be an integer from 1 to ${n - 2}, got ${holdout}`,
      { key: "holdoutWeeks" },
    );
  }
  const train = sliceRows(data, 0, n - holdout);
  const test = sliceRows(data, n - holdout);
  const fit = fitter(train);
  const result = forecast(fit, test, { history: train });
  const actual = test.kpi.values;
  const scores = forecastScores(actual, result.mean);
  return {
    fit,
    forecast: result,
    actual,
    scores,
    [JUPYTER_DISPLAY]: () =>
      new Table([{ "holdout weeks": holdout, ...scores }], {
        caption: "Out-of-time backtest",
      })[JUPYTER_DISPLAY](),
  };
}
