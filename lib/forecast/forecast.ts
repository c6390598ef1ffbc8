/**
 * Forecasting: the KPI a fitted model predicts for a future spend plan, with adstock carried
 * over from the history, the baseline extrapolated (trend and seasonality from the dates,
 * controls as the plan gives them), and an interval where the model has posterior draws.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { quantile } from "../_internal/quantile.ts";
import { drawIndices } from "../analysis/roas.ts";
import { Table } from "../display/table.ts";
import type { Decomposition, FittedModel, MmmData } from "../types.ts";

/** Options of {@link forecast}. */
export interface ForecastOptions {
  /** The weeks before the plan, whose spend carries over. @default the model's training data */
  readonly history?: MmmData;
  /** Interval probability, for models with draws. @default 0.9 */
  readonly level?: number;
  /** Most posterior draws to use. @default 200 */
  readonly maxDraws?: number;
}

/**
 * A forecast; shows itself as a table of weekly predictions.
 *
 * @example Two weeks ahead
 * ```ts
 * import { defineModelSpec, fitRidge, forecast, type ForecastResult, spendPlan } from "mixlab";
 * import assert from "node:assert/strict";
 * // sales = 10 + 4 · tv spend, no carryover, no saturation: every unit of tv returns 4
 * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{
 *     name: "tv",
 *     adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" },
 *   }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
 * const result: ForecastResult = forecast(fit, spendPlan(data, { weeks: 2 }));
 * assert.equal(result.mean.length, 2);
 * ```
 */
export class ForecastResult {
  /** The plan that was forecast. */
  readonly plan: MmmData;
  /** Predicted KPI per week (posterior mean parameters for Bayesian fits). */
  readonly mean: Float64Array;
  /** Lower interval bound per week (models with draws). */
  readonly lower: Float64Array | undefined;
  /** Upper interval bound per week (models with draws). */
  readonly upper: Float64Array | undefined;
  /** Additive terms of the forecast. */
  readonly decomposition: Decomposition;
  /** Interval probability, when there is an interval. */
  readonly level: number | undefined;
  /**
   * The total predicted KPI over the plan under each posterior draw behind the interval (models
   * with draws): the distribution of {@link ForecastResult.total}.
   */
  readonly drawTotals: Float64Array | undefined;

  /** Wraps computed values; prefer {@link forecast}. */
  constructor(
    plan: MmmData,
    decomposition: Decomposition,
    interval?: {
      lower: Float64Array;
      upper: Float64Array;
      level: number;
      drawTotals?: Float64Array;
    },
  ) {
    this.plan = plan;
    this.decomposition = decomposition;
    this.mean = decomposition.fitted;
    this.lower = interval?.lower;
    this.upper = interval?.upper;
    this.level = interval?.level;
    this.drawTotals = interval?.drawTotals;
  }

  /** Total predicted KPI over the plan. */
  total(): number {
    return this.mean.reduce((a, b) => a + b, 0);
  }

  /** Weekly predictions as a table. */
  toTable(): Table {
    return new Table(
      this.plan.dates.map((date, i) => {
        const row: Record<string, string | number | undefined> = {
          date,
          [`predicted ${this.plan.kpi.name}`]: this.mean[i],
        };
        if (this.lower && this.upper) {
          row.lower = this.lower[i];
          row.upper = this.upper[i];
        }
        return row;
      }),
      { caption: `Forecast over ${this.plan.dates.length} weeks` },
    );
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return {
      dates: this.plan.dates,
      mean: Array.from(this.mean),
      lower: this.lower && Array.from(this.lower),
      upper: this.upper && Array.from(this.upper),
      level: this.level,
    };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Predicts the KPI for a future spend plan, carrying adstock over from the history.
 *
 * @example Two more weeks at the last weeks' average spend
 * ```ts
 * import { defineModelSpec, fitRidge, forecast, spendPlan } from "mixlab";
 * import assert from "node:assert/strict";
 * // sales = 10 + 4 · tv spend, no carryover, no saturation: every unit of tv returns 4
 * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{
 *     name: "tv",
 *     adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" },
 *   }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
 * const plan = spendPlan(data, { weeks: 2 });
 * const result = forecast(fit, plan);
 * plan.channels[0]!.spend.forEach((s, t) => near(result.mean[t]!, 10 + 4 * s));
 * ```
 */
export function forecast(
  fit: FittedModel,
  plan: MmmData,
  options: ForecastOptions = {},
): ForecastResult {
  const history = options.history ?? fit.data;
  const decomposition = fit.decompose(plan, { history });
  const draws = drawIndices(fit.nDraws, options.maxDraws ?? 200);
  if (draws.length === 0) return new ForecastResult(plan, decomposition);
  const level = options.level ?? 0.9;
  const perDraw = draws.map((draw) => fit.predict(plan, { history, draw }));
  const n = plan.dates.length;
  const lower = new Float64Array(n), upper = new Float64Array(n);
  const column = new Float64Array(perDraw.length);
  const drawTotals = Float64Array.from(perDraw, (p) => p.reduce((a, b) => a + b, 0));
  for (let t = 0; t < n; t++) {
    for (let k = 0; k < perDraw.length; k++) column[k] = (perDraw[k] as Float64Array)[t] as number;
    lower[t] = quantile(column, (1 - level) / 2);
    upper[t] = quantile(column, 1 - (1 - level) / 2);
  }
  return new ForecastResult(plan, decomposition, { lower, upper, level, drawTotals });
}
