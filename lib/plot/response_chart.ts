/**
 * Response curves with their operating points.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ResponseCurves } from "../analysis/response_curve.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** Options of {@link plotResponseCurves}. */
export interface PlotResponseOptions {
  /** Extra operating points per channel (e.g. the optimiser's), with a legend name. @default none */
  readonly points?: readonly {
    readonly channel: string;
    readonly spend: number;
    readonly response: number;
    readonly label: string;
  }[];
  /** KPI name for the axis label. @default "KPI" */
  readonly kpiName?: string;
}

/**
 * One line per channel of weekly response against weekly spend, a dot at the current spend, and
 * any extra operating points (e.g. the optimal spend) as labelled marks.
 */
export function plotResponseCurves(
  curves: ResponseCurves,
  options: PlotResponseOptions = {},
): Chart {
  const rows = curves.curves.flatMap((c) =>
    Array.from(c.spend, (s, i) => ({ channel: c.channel, spend: s, response: c.response[i] }))
  );
  const current = curves.curves.map((c) => ({
    channel: c.channel,
    spend: c.current.spend,
    response: c.current.response,
    label: "current",
  }));
  const points = [...current, ...(options.points ?? [])];
  return renderChart({
    title: "Response curves (steady-state weekly response)",
    x: { label: "Weekly spend", grid: true },
    y: { label: `Weekly ${options.kpiName ?? "KPI"} response`, grid: true },
    color: { legend: true, domain: curves.curves.map((c) => c.channel), range: [...PALETTE] },
    symbol: { legend: true },
    marks: [
      Plot.lineY(rows, { x: "spend", y: "response", stroke: "channel", strokeWidth: 1.8 }),
      Plot.dot(points, {
        x: "spend",
        y: "response",
        stroke: "channel",
        fill: "white",
        symbol: "label",
        r: 5,
        strokeWidth: 2,
      }),
      Plot.ruleY([0]),
    ],
  });
}
