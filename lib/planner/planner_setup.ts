/**
 * What the budget planner page needs besides the model itself: each channel's spend today, the
 * range it may be planned in, and its steady-state response curve sampled once (the model's
 * curves cost one prediction per point, and for a Bayesian fit every point averages 64 draws,
 * so the page interpolates these samples instead of predicting on every change).
 *
 * @module
 */
import { mean } from "../_internal/array.ts";
import { responseFunctions } from "../analysis/response_curve.ts";
import { ConfigError } from "../errors.ts";
import { sliceRows } from "../mmm_data.ts";
import { type ResponseTable, sampleResponses } from "../optimize/tabulate.ts";
import type { FittedModel, KpiKind } from "../types.ts";

/** One channel as the planner offers it. */
export interface PlannerChannel {
  /** Channel name, as the user wrote it. */
  readonly name: string;
  /** Today's weekly spend: the channel's mean over the data's final `basisWeeks` weeks. */
  readonly today: number;
  /** The most weekly spend the planner offers (the sampled range of the curve). */
  readonly cap: number;
  /** Weekly spend levels of the sampled response curve, increasing from 0 to `cap`. */
  readonly spend: readonly number[];
  /** Steady-state weekly response at each level, in KPI units. */
  readonly response: readonly number[];
}

/** The planner's setup: plain JSON, embedded in the page beside the model. */
export interface PlannerSetup {
  /** Schema version. */
  readonly version: 1;
  /** Page title. */
  readonly title: string;
  /** Where the model came from (a file name), shown to the reader. */
  readonly source: string;
  /** The KPI's name and kind. */
  readonly kpi: { readonly name: string; readonly kind: KpiKind };
  /** Final data weeks whose mean spend is "today" (and whose control means a plan holds). */
  readonly basisWeeks: number;
  /** Weeks of the plan when the page opens. */
  readonly horizon: number;
  /** Final data weeks the forecast chart shows before the plan. */
  readonly historyWeeks: number;
  /** The channels, in the model's order. */
  readonly channels: readonly PlannerChannel[];
}

/** Options of {@link plannerSetup}. */
export interface PlannerSetupOptions {
  /** Page title. @default "Budget planner" */
  readonly title?: string;
  /** Where the model came from, shown to the reader. @default "" */
  readonly source?: string;
  /** Weeks of the plan when the page opens. @default 13 */
  readonly horizon?: number;
  /** Final data weeks whose mean spend is today's spend. @default 13 */
  readonly basisWeeks?: number;
  /**
   * The most weekly spend offered per channel, as a multiple of the larger of its spend today
   * and its mean over all data (rounded up to two significant digits). @default 3
   */
  readonly capMultiple?: number;
  /** Sample points per response curve. @default 64 */
  readonly points?: number;
}

/** Rounds up to two significant digits (35,872 → 36,000). */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / unit - 1e-9) * unit;
}

/**
 * Today's spend, the planning range and the sampled response curve of every channel of a model.
 *
 * @throws {ConfigError} for geo panels (the planner plans national spend) or bad options.
 *
 * @example Today's spend is the mean of the final weeks
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { plannerSetup } from "mixlab/planner/mod.ts";
 * import assert from "node:assert/strict";
 * const n = 40;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 10 + (i % 5));
 * const data = {
 *   dates, kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: spend.map((s, i) => 50 + 2 * s + (i % 3)) },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const fit = fitRidge(data, defineModelSpec({ channels: ["tv"] }), { lambda: 0.1 });
 * const setup = plannerSetup(fit, { basisWeeks: 5, points: 8 });
 * assert.equal(setup.channels[0]!.today, 12); // mean of 10 … 14
 * assert.equal(setup.channels[0]!.cap, 36); // 3 × 12, the larger of today and the mean of all weeks
 * assert.equal(setup.channels[0]!.spend.length, 8);
 * ```
 */
export function plannerSetup(fit: FittedModel, options: PlannerSetupOptions = {}): PlannerSetup {
  const data = fit.data, n = data.dates.length;
  if (data.geo) {
    throw new ConfigError("Cannot build a planner: the model was fitted on geo panel data", {
      key: "geo",
      hint: "the planner plans national weekly spend; fit a national model for it",
    });
  }
  const horizon = options.horizon ?? 13;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 104) {
    throw new ConfigError(
      `Cannot build a planner: horizon must be 1 to 104 weeks, got ${horizon}`,
      {
        key: "horizon",
      },
    );
  }
  const basisWeeks = Math.min(options.basisWeeks ?? 13, n);
  const capMultiple = options.capMultiple ?? 3;
  const recent = sliceRows(data, n - basisWeeks);
  const today = data.channels.map((c) => mean(c.spend.subarray(n - basisWeeks)));
  const caps = data.channels.map((c, i) =>
    niceCeil(capMultiple * Math.max(today[i] as number, mean(c.spend)))
  );
  const byName = new Map(data.channels.map((c, i) => [c.name, i]));
  const curves = responseFunctions(fit, { data: recent });
  const tables: ResponseTable[] = sampleResponses(curves, {
    maxSpend: Object.fromEntries(curves.map((c) => [c.name, caps[byName.get(c.name)!]!])),
    points: options.points ?? 64,
  });
  return {
    version: 1,
    title: options.title ?? "Budget planner",
    source: options.source ?? "",
    kpi: { name: data.kpi.name, kind: data.kpiKind },
    basisWeeks,
    horizon,
    historyWeeks: Math.min(26, n),
    channels: tables.map((t) => {
      const i = byName.get(t.name)!;
      return {
        name: t.name,
        today: today[i] as number,
        cap: caps[i] as number,
        spend: Array.from(t.spend),
        response: Array.from(t.response),
      };
    }),
  };
}

/** The setup's curves as tables for {@link interpolateResponses}, today's spend as current. */
export function setupTables(setup: PlannerSetup): ResponseTable[] {
  return setup.channels.map((c) => ({
    name: c.name,
    currentSpend: c.today,
    spend: Float64Array.from(c.spend),
    response: Float64Array.from(c.response),
  }));
}
