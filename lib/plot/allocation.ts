/**
 * Budget allocation charts: current vs recommended spend per channel, response curves with both
 * operating points, and the lift of one or more plans with its interval over posterior draws.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { AllocationResult } from "../optimize/allocation_result.ts";
import type { ChannelResponse } from "../optimize/types.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** Units for allocation chart labels. */
export interface AllocationChartOptions {
  /** Money unit for spend axes. @default "money" */
  readonly currency?: string;
  /** KPI name for response axes. @default "KPI" */
  readonly kpiName?: string;
}

/**
 * Grouped bars of current and recommended spend per channel.
 *
 * @example Bars for both plans
 * ```ts
 * import { optimizeBudget } from "mixlab";
 * import { plotAllocation } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const plan = optimizeBudget([
 *   { name: "tv", currentSpend: 5, response: (x) => 3 * Math.log1p(x) },
 *   { name: "radio", currentSpend: 5, response: (x) => Math.log1p(x) },
 * ]);
 * assert.ok(plotAllocation(plan).html.includes("<svg"));
 * ```
 */
export function plotAllocation(
  result: AllocationResult,
  options: AllocationChartOptions = {},
): Chart {
  const rows = result.channels.flatMap((c) => [
    { channel: c.name, plan: "current", spend: c.currentSpend },
    { channel: c.name, plan: "recommended", spend: c.optimalSpend },
  ]);
  return renderChart({
    title: "Spend per channel: current vs recommended",
    fx: { label: null, domain: result.channels.map((c) => c.name) },
    x: { axis: null, domain: ["current", "recommended"] },
    y: { label: `Spend per period (${options.currency ?? "money"})`, grid: true },
    color: { legend: true, domain: ["current", "recommended"], range: [PALETTE[8]!, PALETTE[0]!] },
    marks: [
      Plot.barY(rows, { fx: "channel", x: "plan", y: "spend", fill: "plan" }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * Each channel's response curve over 0 … 1.5 × the larger of its current and recommended spend,
 * with a hollow dot at current spend and a filled dot at the recommended spend.
 *
 * @example Curves with both operating points
 * ```ts
 * import { optimizeBudget } from "mixlab";
 * import { plotAllocationCurves } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const channels = [
 *   { name: "tv", currentSpend: 5, response: (x: number) => 3 * Math.log1p(x) },
 *   { name: "radio", currentSpend: 5, response: (x: number) => Math.log1p(x) },
 * ];
 * const chart = plotAllocationCurves(optimizeBudget(channels), channels);
 * assert.ok(chart.html.includes("recommended"));
 * ```
 */
export function plotAllocationCurves(
  result: AllocationResult,
  channels: readonly ChannelResponse[],
  options: AllocationChartOptions = {},
): Chart {
  const byName = new Map(channels.map((c) => [c.name, c]));
  const lines: { channel: string; spend: number; response: number }[] = [];
  const points: { channel: string; spend: number; response: number; point: string }[] = [];
  for (const c of result.channels) {
    const ch = byName.get(c.name);
    if (!ch) continue;
    const top = 1.5 * Math.max(c.currentSpend, c.optimalSpend, 1e-9);
    for (let i = 0; i <= 100; i++) {
      const s = (top * i) / 100;
      lines.push({ channel: c.name, spend: s, response: ch.response(s) });
    }
    points.push({
      channel: c.name,
      spend: c.currentSpend,
      response: ch.response(c.currentSpend),
      point: "current",
    });
    points.push({
      channel: c.name,
      spend: c.optimalSpend,
      response: ch.response(c.optimalSpend),
      point: "recommended",
    });
  }
  const names = result.channels.map((c) => c.name);
  return renderChart({
    title: "Response curves with current and recommended spend",
    x: { label: `Spend per period (${options.currency ?? "money"})`, grid: true },
    y: { label: `${options.kpiName ?? "KPI"} per period`, grid: true },
    color: { legend: true, domain: names, range: [...PALETTE] },
    symbol: { legend: true, domain: ["current", "recommended"], range: ["circle", "diamond"] },
    marks: [
      Plot.lineY(lines, { x: "spend", y: "response", stroke: "channel", strokeWidth: 1.8 }),
      Plot.dot(points, {
        x: "spend",
        y: "response",
        stroke: "channel",
        fill: (d: { point: string; channel: string }) =>
          d.point === "current" ? "white" : PALETTE[names.indexOf(d.channel) % PALETTE.length],
        symbol: "point",
        r: 5,
        strokeWidth: 2,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/**
 * The lift over current spend of one or more plans (e.g. the optimum and the baselines), as
 * bars, with the interval between the outer lift quantiles over posterior draws where a plan
 * has them.
 *
 * @example Lift of two plans
 * ```ts
 * import { optimizeBudget } from "mixlab";
 * import { gridSearchAllocation } from "mixlab/optimize";
 * import { plotLift } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const channels = [
 *   { name: "tv", currentSpend: 5, response: (x: number) => 3 * Math.log1p(x) },
 *   { name: "radio", currentSpend: 5, response: (x: number) => Math.log1p(x) },
 * ];
 * const chart = plotLift([optimizeBudget(channels), gridSearchAllocation(channels)]);
 * assert.ok(chart.html.includes("grid-search"));
 * ```
 */
export function plotLift(
  results: AllocationResult | readonly AllocationResult[],
  options: AllocationChartOptions = {},
): Chart {
  const list = Array.isArray(results) ? results : [results as AllocationResult];
  const bars = list.map((r) => ({ plan: r.method, lift: r.totals.lift }));
  const intervals = list.flatMap((r) => {
    if (!r.lift || r.lift.quantiles.length < 2) return [];
    const qs = r.lift.quantiles;
    return [{ plan: r.method, lo: qs[0]!.value, hi: qs[qs.length - 1]!.value }];
  });
  return renderChart({
    title: "Lift over current spend (bars: expected; lines: interval over draws)",
    x: { label: null, domain: bars.map((b) => b.plan) },
    y: { label: `Lift in ${options.kpiName ?? "KPI"} per period`, grid: true },
    marks: [
      Plot.barY(bars, { x: "plan", y: "lift", fill: PALETTE[0]! }),
      Plot.ruleX(intervals, { x: "plan", y1: "lo", y2: "hi", stroke: "black", strokeWidth: 2 }),
      Plot.tickY(intervals, { x: "plan", y: "lo", stroke: "black" }),
      Plot.tickY(intervals, { x: "plan", y: "hi", stroke: "black" }),
      Plot.ruleY([0]),
    ],
  });
}
