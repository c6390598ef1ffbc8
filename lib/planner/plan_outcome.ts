/**
 * What a planned weekly spend delivers: the model's forecast of the KPI over the plan's weeks
 * (adstock carried over from the data's final weeks, controls held at their recent mean), the
 * change against a reference plan (today's spend), and for models with posterior draws the
 * central intervals of both from the same draws.
 *
 * @module
 */
import { quantile } from "../_internal/quantile.ts";
import { forecast, type ForecastResult } from "../forecast/forecast.ts";
import { spendPlan } from "../forecast/spend_plan.ts";
import type { FittedModel } from "../types.ts";

/** Options of {@link planForecast}. */
export interface PlanForecastOptions {
  /** Weeks of the plan. @default 13 */
  readonly weeks?: number;
  /** Final data weeks whose control means the plan holds. @default 13 */
  readonly basisWeeks?: number;
  /** Interval probability. @default 0.9 */
  readonly level?: number;
}

/**
 * The forecast of a constant weekly spend per channel, continuing the model's data: the same
 * as `forecast(fit, spendPlan(fit.data, { weeks, basisWeeks, weeklySpend }))`.
 */
export function planForecast(
  fit: FittedModel,
  weeklySpend: Readonly<Record<string, number>>,
  options: PlanForecastOptions = {},
): ForecastResult {
  const plan = spendPlan(fit.data, {
    weeks: options.weeks ?? 13,
    basisWeeks: options.basisWeeks ?? 13,
    weeklySpend,
  });
  return forecast(fit, plan, { level: options.level ?? 0.9 });
}

/** A plan's predicted total and its change against a reference plan. */
export interface PlanOutcome {
  /** Total predicted KPI over the plan's weeks. */
  readonly total: number;
  /** Central interval of the total (models with draws). */
  readonly totalInterval: readonly [number, number] | undefined;
  /** Total minus the reference plan's total. */
  readonly change: number;
  /** Central interval of the change, draw by draw (models with draws). */
  readonly changeInterval: readonly [number, number] | undefined;
}

/**
 * Compares two forecasts of the same weeks. Intervals pair the draws: draw d of the plan is set
 * against draw d of the reference, so what both share (the baseline's uncertainty) cancels.
 *
 * @param plan The plan's forecast.
 * @param reference The reference plan's forecast (same model, weeks and draws).
 * @param level Interval probability. @default 0.9
 *
 * @example Paired draws: the change's interval is narrower than the totals'
 * ```ts
 * import { ForecastResult } from "mixlab";
 * import { planOutcome } from "mixlab/planner/mod.ts";
 * import assert from "node:assert/strict";
 * const week = (v: number, draws: number[]) => new ForecastResult(
 *   { dates: ["2025-01-06"], kpiKind: "revenue", kpi: { name: "s", values: new Float64Array(1) },
 *     channels: [], controls: [] },
 *   { dates: ["2025-01-06"], terms: [], fitted: new Float64Array([v]) },
 *   { lower: new Float64Array(1), upper: new Float64Array(1), level: 0.5,
 *     drawTotals: new Float64Array(draws) },
 * );
 * const out = planOutcome(week(110, [100, 110, 120]), week(100, [90, 100, 110]), 0.5);
 * assert.equal(out.change, 10);
 * assert.deepEqual(out.totalInterval, [105, 115]);
 * assert.deepEqual(out.changeInterval, [10, 10]);
 * ```
 */
export function planOutcome(
  plan: ForecastResult,
  reference: ForecastResult,
  level = 0.9,
): PlanOutcome {
  const total = plan.total(), change = total - reference.total();
  const a = plan.drawTotals, b = reference.drawTotals;
  if (!a || !b || a.length === 0 || a.length !== b.length) {
    return { total, totalInterval: undefined, change, changeInterval: undefined };
  }
  const lo = (1 - level) / 2, hi = 1 - lo;
  const diff = a.map((v, d) => v - (b[d] as number));
  return {
    total,
    totalInterval: [quantile(a, lo), quantile(a, hi)],
    change,
    changeInterval: [quantile(diff, lo), quantile(diff, hi)],
  };
}
