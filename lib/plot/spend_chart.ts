/**
 * Weekly spend by channel over time, stacked.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { MmmData } from "../types.ts";
import { toDates } from "../dates.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** Options of {@link plotSpend}. */
export interface PlotSpendOptions {
  /** Show each week's shares of total spend instead of money. @default false */
  readonly share?: boolean;
}

/** A stacked area chart of every channel's weekly spend (or its share of the week's total). */
export function plotSpend(data: MmmData, options: PlotSpendOptions = {}): Chart {
  const dates = toDates(data.dates);
  const rows = dates.flatMap((date, i) =>
    data.channels.map((c) => ({ date, channel: c.name, spend: c.spend[i] as number }))
  );
  return renderChart({
    title: options.share ? "Share of weekly spend by channel" : "Weekly spend by channel",
    x: { label: "Week", type: "utc" },
    y: options.share
      ? { label: "Share of weekly spend (%)", percent: true, grid: true }
      : { label: "Spend per week", grid: true },
    color: { legend: true, domain: data.channels.map((c) => c.name), range: [...PALETTE] },
    marks: [
      Plot.areaY(
        rows,
        options.share
          ? Plot.normalizeY("sum", { x: "date", y: "spend", fill: "channel", offset: "normalize" })
          : { x: "date", y: "spend", fill: "channel" },
      ),
      Plot.ruleY([0]),
    ],
  });
}
