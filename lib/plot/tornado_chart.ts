/**
 * A tornado chart of a sensitivity analysis: one bar per input from its low-end to its high-end
 * KPI change, the widest on top, with interval whiskers where the model has draws.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { SensitivityResult } from "../analysis/sensitivity.ts";
import { type Chart, renderChart } from "./render.ts";

/**
 * Bars of the KPI change at each input's low end (−x%, off) and high end (+x%, on) around 0,
 * inputs ordered by their swing.
 *
 * @example
 * ```ts
 * import { SensitivityResult } from "mixlab/analysis";
 * import { plotTornado } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const s = new SensitivityResult([
 *   { name: "price", kind: "control", lowLabel: "−10%", highLabel: "+10%",
 *     low: { value: 50 }, high: { value: -50 } },
 * ], 1000, 0.1, undefined);
 * assert.ok(plotTornado(s).html.includes("price"));
 * ```
 */
export function plotTornado(result: SensitivityResult, kpiName = "KPI"): Chart {
  const names = result.rows.map((r) => r.name);
  const bars = result.rows.flatMap((r) => [
    {
      name: r.name,
      end: "low",
      label: r.lowLabel,
      value: r.low.value,
      lo: r.low.lower,
      hi: r.low.upper,
    },
    {
      name: r.name,
      end: "high",
      label: r.highLabel,
      value: r.high.value,
      lo: r.high.lower,
      hi: r.high.upper,
    },
  ]);
  const marks: Plot.Markish[] = [
    Plot.barX(bars, { y: "name", x1: 0, x2: "value", fill: "end" }),
    Plot.text(bars.filter((b) => b.value >= 0), {
      y: "name",
      x: "value",
      text: "label",
      textAnchor: "start",
      dx: 4,
      fontSize: 10,
    }),
    Plot.text(bars.filter((b) => b.value < 0), {
      y: "name",
      x: "value",
      text: "label",
      textAnchor: "end",
      dx: -4,
      fontSize: 10,
    }),
    Plot.ruleX([0]),
  ];
  const ends = bars.flatMap((b) => [b.value, b.lo ?? 0, b.hi ?? 0, 0]);
  const lo = Math.min(...ends), hi = Math.max(...ends), pad = 0.14 * (hi - lo || 1);
  const withInterval = bars.filter((b) => b.lo !== undefined);
  if (withInterval.length > 0) {
    marks.push(Plot.link(withInterval, {
      y1: "name",
      y2: "name",
      x1: "lo",
      x2: "hi",
      stroke: "#000",
      strokeWidth: 1.2,
    }));
  }
  return renderChart({
    title: "What moves the KPI most",
    caption:
      `Change in predicted ${kpiName} over the period when one input moves, the others held` +
      (result.level === undefined
        ? ""
        : `; whiskers: ${Math.round(100 * result.level)}% intervals`),
    height: Math.max(180, 34 * names.length + 90),
    marginLeft: 140,
    marginRight: 70,
    x: { label: `change in ${kpiName} →`, grid: true, domain: [lo - pad, hi + pad] },
    y: { label: null, domain: names },
    color: { legend: true, domain: ["low", "high"], range: ["#D55E00", "#0072B2"] },
    marks,
  });
}
