/**
 * Stacked weekly contributions: the baseline and each channel, in KPI units, over time.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Contributions } from "../analysis/contributions.ts";
import { toDates } from "../dates.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/**
 * A stacked area chart of the baseline (everything that is not paid media) and each channel's
 * weekly contribution, with the actual KPI as a line on top.
 */
export function plotContributions(result: Contributions, kpiName = "KPI"): Chart {
  const dates = toDates(result.dates);
  const baseline = result.baseline();
  const media = result.terms.filter((t) => t.group === "media");
  const order = ["baseline", ...media.map((t) => t.name)];
  const rows = dates.flatMap((date, i) => [
    { date, term: "baseline", value: baseline[i] as number },
    ...media.map((t) => ({ date, term: t.name, value: t.values[i] as number })),
  ]);
  return renderChart({
    title: "Weekly contributions",
    x: { label: "Week", type: "utc" },
    y: { label: `${kpiName} (stacked contributions)`, grid: true },
    color: { legend: true, domain: order, range: ["#bbbbbb", ...PALETTE] },
    marks: [
      Plot.areaY(rows, { x: "date", y: "value", fill: "term", order, fillOpacity: 0.85 }),
      Plot.lineY(dates.map((date, i) => ({ date, value: result.actual[i] })), {
        x: "date",
        y: "value",
        stroke: "#000",
        strokeWidth: 1,
      }),
      Plot.ruleY([0]),
    ],
  });
}
