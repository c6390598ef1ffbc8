/**
 * A waterfall of the period's total: each term's contribution stacked from zero to the total.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Contributions } from "../analysis/contributions.ts";
import { type Chart, renderChart } from "./render.ts";

/**
 * A horizontal waterfall: one bar per term (baseline terms first, then channels by size), each
 * starting where the previous ended, and a final bar for the total prediction.
 */
export function plotWaterfall(result: Contributions, kpiName = "KPI"): Chart {
  const base = result.totals.filter((t) => t.group !== "media");
  const media = result.totals.filter((t) => t.group === "media").sort((a, b) => b.total - a.total);
  let run = 0;
  const bars = [...base, ...media].map((t) => {
    const from = run;
    run += t.total;
    return {
      term: t.name,
      from,
      to: run,
      kind: t.group === "media" ? "media" : t.total < 0 ? "baseline (negative)" : "baseline",
      label: `${(100 * t.share).toFixed(1)}%`,
    };
  });
  bars.push({ term: "total", from: 0, to: run, kind: "total", label: "100%" });
  const domain = bars.map((b) => b.term);
  return renderChart({
    title: "Where the period's KPI came from",
    height: Math.max(220, 28 * bars.length + 60),
    marginLeft: 120,
    // "~s": 40M rather than 40,000,000, so the ticks of a large total do not run together
    x: { label: `${kpiName} over the period`, grid: true, tickFormat: "~s" },
    y: { label: null, domain },
    color: {
      legend: true,
      domain: ["baseline", "baseline (negative)", "media", "total"],
      range: ["#999999", "#D55E00", "#0072B2", "#000000"],
    },
    marks: [
      Plot.barX(bars, { y: "term", x1: "from", x2: "to", fill: "kind" }),
      Plot.text(bars, {
        y: "term",
        x: (b: { from: number; to: number }) => Math.max(b.from, b.to),
        text: "label",
        textAnchor: "start",
        dx: 4,
      }),
      Plot.ruleX([0]),
    ],
  });
}
