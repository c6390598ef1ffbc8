/**
 * Model refresh (Robyn's `robyn_refresh`): when new weeks arrive, refit the same model on a
 * window that ends with them, and report what changed. Two questions answer whether to trust
 * the refresh:
 *
 * - **drift**: each channel's ROAS and weekly contribution before and after, with intervals, and
 *   which channels moved more than both models' uncertainty ({@link channelDrift});
 * - **backtest**: the previous model's forecast of the new weeks, from their actual spend, against
 *   what happened: a model that forecasts badly needed the refresh.
 *
 * The window is Robyn's: as many weeks as the previous model had, moved forward to end at the
 * last new week (`window: "rolling"`), or the previous model's weeks and the new ones (`"all"`). Channel scales stay the previous
 * model's (fixed scaling, so parameters keep their units across refreshes).
 *
 * @module
 */
import { ConfigError, MmmDataError } from "../errors.ts";
import { appendRows, sliceRows } from "../mmm_data.ts";
import { epochDay } from "../dates.ts";
import { type ChannelReturns, channelReturns } from "../analysis/roas.ts";
import { channelDrift, type DriftTable } from "../analysis/drift.ts";
import type { FittedModel, MmmData } from "../types.ts";
import { forecast, type ForecastResult } from "./forecast.ts";
import { type ForecastScores, forecastScores } from "./backtest.ts";

/** Options of {@link refresh}. */
export interface RefreshOptions {
  /**
   * `"rolling"`: the previous model's number of weeks, ending at the last new week; `"all"`: the
   * previous model's weeks and the new ones. @default "rolling"
   */
  readonly window?: "rolling" | "all";
  /**
   * A fit's channel returns with intervals, on its own weeks; `refit` fits the same model on
   * other rows (for bootstrap replicates). @default `channelReturns(fit, { level })`: intervals
   * from posterior draws where the model has them
   */
  readonly returns?: (
    fit: FittedModel,
    refit: (rows: MmmData) => FittedModel,
  ) => ChannelReturns;
  /** Interval probability. @default 0.9 */
  readonly level?: number;
}

/** The previous model's forecast of the new weeks against what happened. */
export interface RefreshBacktest {
  /** The forecast (from the new weeks' actual spend, adstock carried over). */
  readonly forecast: ForecastResult;
  /** The new weeks' actual KPI. */
  readonly actual: Float64Array;
  /** RMSE, MAE, MAPE and R² of the forecast. */
  readonly scores: ForecastScores;
}

/** What a refresh produced. */
export interface RefreshResult {
  /** The model before the refresh. */
  readonly previous: FittedModel;
  /** The refreshed model, fitted on `window`. */
  readonly model: FittedModel;
  /** The new weeks. */
  readonly newWeeks: MmmData;
  /** The weeks the refreshed model was fitted on. */
  readonly window: MmmData;
  /** Channel returns of the previous model (on its weeks). */
  readonly previousReturns: ChannelReturns;
  /** Channel returns of the refreshed model (on its weeks). */
  readonly refreshedReturns: ChannelReturns;
  /** Drift per channel. */
  readonly drift: DriftTable;
  /** The previous model's forecast of the new weeks. */
  readonly backtest: RefreshBacktest;
}

/** Checks the new weeks continue the previous model's weeks, and returns them. */
function continuing(previous: FittedModel, rows: MmmData): MmmData {
  const old = previous.data;
  if (old.geo !== undefined || rows.geo !== undefined) {
    throw new MmmDataError("Cannot refresh: geo panels are not supported yet", {
      hint: "refresh each geo's national model, or aggregate to national rows",
    });
  }
  const last = old.dates[old.dates.length - 1] as string;
  const start = rows.dates.findIndex((d) => d > last);
  if (start < 0) {
    throw new MmmDataError(`Cannot refresh: no week in the new data is after ${last}`, {
      dates: [last],
      hint: "the new data must hold the weeks after the model's last week",
    });
  }
  const fresh = sliceRows(rows, start);
  const gap = epochDay(fresh.dates[0] as string) - epochDay(last);
  const period = old.dates.length > 1
    ? epochDay(last) - epochDay(old.dates[old.dates.length - 2] as string)
    : gap;
  if (gap !== period) {
    throw new MmmDataError(
      `Cannot refresh: the new weeks start on ${
        fresh.dates[0]
      }, ${gap} days after the model's last week ${last} (weeks are ${period} days apart)`,
      { dates: [last, fresh.dates[0] as string], hint: "add the weeks in between" },
    );
  }
  for (const c of old.channels) {
    if (!fresh.channels.some((x) => x.name === c.name)) {
      throw new ConfigError(`Cannot refresh: the new data has no channel "${c.name}"`, {
        channel: c.name,
      });
    }
  }
  return fresh;
}

/**
 * The new weeks (rows after the model's last week) and the weeks a refresh fits on.
 *
 * @throws {MmmDataError} When no new week follows the model's last, or a week is missing between.
 */
export function refreshWindow(
  previous: FittedModel,
  rows: MmmData,
  window: RefreshOptions["window"] = "rolling",
): { newWeeks: MmmData; window: MmmData } {
  const newWeeks = continuing(previous, rows);
  const all = appendRows(previous.data, newWeeks);
  return {
    newWeeks,
    window: window === "all"
      ? all
      : sliceRows(all, Math.max(0, all.dates.length - previous.data.dates.length)),
  };
}

/**
 * Refits a model with new weeks and reports drift and the previous model's backtest.
 *
 * @param previous The model to refresh (its `data` are its weeks).
 * @param rows The new weeks; rows on or before the model's last week are ignored.
 * @param refit Fits the same model (spec, penalty, estimator) on given rows.
 * @throws {MmmDataError} When no new week follows the model's last, or a week is missing between.
 *
 * @example The same linear truth before and after: nothing drifts
 * ```ts
 * import { defineModelSpec, fitBayesLinear, type MmmData, Rng } from "mixlab";
 * import { refresh } from "mixlab/forecast";
 * import { sliceRows } from "mixlab/core";
 * import assert from "node:assert/strict";
 * const rng = new Rng(5), n = 120;
 * const tv = Float64Array.from({ length: n }, () => rng.uniformIn(50, 150));
 * const data = {
 *   dates: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2022, 0, 3 + 7 * i)).toISOString().slice(0, 10)),
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((x) => 500 + 2 * x + rng.normal(0, 10)) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", scale: 1, adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = (rows: MmmData) => fitBayesLinear(rows, spec, { seed: 1 });
 * const r = refresh(fit(sliceRows(data, 0, 80)), sliceRows(data, 80), fit);
 * assert.equal(r.window.dates.length, 80);
 * assert.equal(r.drift.channels[0]?.drifted, false);
 * ```
 */
export function refresh(
  previous: FittedModel,
  rows: MmmData,
  refit: (rows: MmmData) => FittedModel,
  options: RefreshOptions = {},
): RefreshResult {
  const level = options.level ?? 0.9;
  const { newWeeks, window } = refreshWindow(previous, rows, options.window);
  const model = refit(window);
  const returns = options.returns ?? ((fit: FittedModel) => channelReturns(fit, { level }));
  const previousReturns = returns(previous, refit);
  const refreshedReturns = returns(model, refit);
  const predicted = forecast(previous, newWeeks, { history: previous.data, level });
  return {
    previous,
    model,
    newWeeks,
    window,
    previousReturns,
    refreshedReturns,
    drift: channelDrift(previousReturns, refreshedReturns, {
      previousWeeks: previous.data.dates.length,
      refreshedWeeks: window.dates.length,
    }),
    backtest: {
      forecast: predicted,
      actual: newWeeks.kpi.values,
      scores: forecastScores(newWeeks.kpi.values, predicted.mean),
    },
  };
}
