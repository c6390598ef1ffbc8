/**
 * Adstock decay: the weight of each week after a unit of spend, per channel.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { AdstockCurves } from "../analysis/adstock_curve.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** Lines of weight by lag per channel, with each channel's half-life in the legend. */
export function plotAdstock(curves: AdstockCurves): Chart {
  const names = curves.curves.map((c) =>
    `${c.channel} (half-life ${
      Number.isFinite(c.halfLife) ? c.halfLife.toFixed(1) : "> " + (c.weights.length - 1)
    } wk)`
  );
  const rows = curves.curves.flatMap((c, j) =>
    Array.from(c.weights, (w, lag) => ({ series: names[j], lag, weight: w }))
  );
  return renderChart({
    title: "Carryover: weight of each week after one unit of spend",
    height: 300,
    x: { label: "Weeks after spend", grid: true },
    y: { label: "Adstock weight", grid: true },
    color: { legend: true, domain: names, range: [...PALETTE] },
    marks: [
      Plot.lineY(rows, { x: "lag", y: "weight", stroke: "series", strokeWidth: 1.8 }),
      Plot.dot(rows, { x: "lag", y: "weight", fill: "series", r: 2 }),
      Plot.ruleY([0]),
    ],
  });
}
