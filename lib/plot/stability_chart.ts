/**
 * Rolling-window stability: each channel's ROAS in each window, so a person sees which effects
 * hold over time and which swing.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { RollingStability } from "../analysis/diagnostics/rolling_stability.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** A line per channel of its ROAS against the last week of each rolling window. */
export function plotRollingStability(result: RollingStability): Chart {
  const channels = result.summary.map((s) => s.name);
  const rows = result.windows.flatMap((w) =>
    channels.map((channel) => ({
      end: new Date(`${w.end}T00:00:00Z`),
      channel,
      roas: w.roas[channel] as number,
    }))
  );
  return renderChart({
    title: "ROAS in rolling windows",
    caption: "Each point is the model refitted on the weeks up to that date",
    height: 300,
    x: { type: "utc", label: "last week of the window →" },
    y: { label: "↑ ROAS", grid: true, zero: true },
    color: { legend: true, domain: channels, range: [...PALETTE] },
    marks: [
      Plot.ruleY([0], { stroke: "#999" }),
      Plot.line(rows, { x: "end", y: "roas", stroke: "channel", strokeWidth: 2 }),
      Plot.dot(rows, { x: "end", y: "roas", fill: "channel", r: 3 }),
    ],
  });
}
