/**
 * Actual against predicted KPI over time, with the holdout weeks shaded.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { toDates } from "../dates.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** Input of {@link plotFit}. */
export interface FitSeries {
  /** ISO dates. */
  readonly dates: readonly string[];
  /** Actual KPI. */
  readonly actual: ArrayLike<number>;
  /** Predicted KPI. */
  readonly predicted: ArrayLike<number>;
  /** KPI name for the axis label. */
  readonly kpiName: string;
}

/** Options of {@link plotFit}. */
export interface PlotFitOptions {
  /** Index of the first holdout row; rows from it on are shaded. @default undefined (no holdout) */
  readonly holdoutStart?: number;
  /** Optional lower/upper band of the prediction (e.g. a 90% interval). @default undefined */
  readonly band?: { readonly lower: ArrayLike<number>; readonly upper: ArrayLike<number> };
  /** Chart title. @default "Actual vs predicted" */
  readonly title?: string;
}

/**
 * A line chart of actual and predicted KPI by week; the holdout period is shaded grey.
 *
 * @example Two weeks, one held out
 * ```ts
 * import { plotFit } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const chart = plotFit(
 *   { dates: ["2024-01-01", "2024-01-08"], actual: [1, 2], predicted: [1.1, 1.8], kpiName: "sales" },
 *   { holdoutStart: 1 },
 * );
 * assert.ok(chart.html.includes("holdout"));
 * ```
 */
export function plotFit(series: FitSeries, options: PlotFitOptions = {}): Chart {
  const dates = toDates(series.dates);
  const rows = dates.flatMap((date, i) => [
    { date, value: series.actual[i] as number, series: "actual" },
    { date, value: series.predicted[i] as number, series: "predicted" },
  ]);
  const marks: Plot.Markish[] = [];
  const start = options.holdoutStart;
  if (start !== undefined && start < dates.length) {
    const x1 = dates[start] as Date, x2 = dates[dates.length - 1] as Date;
    marks.push(
      Plot.rectX([{ x1, x2 }], { x1: "x1", x2: "x2", fill: "#000", fillOpacity: 0.07 }),
      Plot.text([{ x: x1 }], {
        x: "x",
        frameAnchor: "top",
        text: () => "holdout",
        textAnchor: "start",
        dx: 4,
        dy: 4,
        fill: "#555",
      }),
    );
  }
  if (options.band) {
    const band = options.band;
    marks.push(
      Plot.areaY(dates.map((date, i) => ({ date, lo: band.lower[i], hi: band.upper[i] })), {
        x: "date",
        y1: "lo",
        y2: "hi",
        fill: PALETTE[1],
        fillOpacity: 0.2,
      }),
    );
  }
  marks.push(
    Plot.lineY(rows, { x: "date", y: "value", stroke: "series", strokeWidth: 1.6 }),
    Plot.ruleY([0]),
  );
  return renderChart({
    title: options.title ?? "Actual vs predicted",
    x: { label: "Week", type: "utc" },
    y: { label: series.kpiName, grid: true, nice: true },
    color: { legend: true, domain: ["actual", "predicted"], range: [PALETTE[7], PALETTE[1]] },
    marks,
  });
}
