/**
 * ROAS per channel with its interval, and optional reference values (e.g. the known truth of
 * simulated data, or another model's estimates).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ChannelReturns } from "../analysis/roas.ts";
import { type Chart, renderChart } from "./render.ts";

/** Options of {@link plotRoas}. */
export interface PlotRoasOptions {
  /** Reference ROAS by channel, drawn as red ticks with this legend name. @default undefined */
  readonly reference?: {
    readonly label: string;
    readonly values: Readonly<Record<string, number>>;
  };
  /** Show marginal ROAS instead of ROAS. @default false */
  readonly marginal?: boolean;
}

/**
 * A dot per channel at its ROAS (or mROAS), a bar over its interval where there is one, and a
 * rule at 1 (break-even for revenue KPIs).
 */
export function plotRoas(returns: ChannelReturns, options: PlotRoasOptions = {}): Chart {
  const pick = (c: ChannelReturns["channels"][number]) => (options.marginal ? c.mroas : c.roas);
  const rows = returns.channels.map((c) => ({
    channel: c.channel,
    value: pick(c).value,
    lower: pick(c).lower,
    upper: pick(c).upper,
  }));
  const what = options.marginal ? "Marginal ROAS" : "ROAS";
  const level = returns.level === undefined
    ? ""
    : ` with ${Math.round(100 * returns.level)}% intervals`;
  const marks: Plot.Markish[] = [
    Plot.ruleX([1], { stroke: "#999", strokeDasharray: "4,3" }),
    Plot.link(rows.filter((r) => r.lower !== undefined), {
      y1: "channel",
      y2: "channel",
      x1: "lower",
      x2: "upper",
      stroke: "#0072B2",
      strokeWidth: 6,
      strokeOpacity: 0.35,
    }),
    Plot.dot(rows, { y: "channel", x: "value", fill: "#0072B2", r: 5 }),
    Plot.text(rows, {
      y: "channel",
      x: "value",
      text: (r: { value: number }) => r.value.toFixed(2),
      dy: -12,
    }),
  ];
  const reference = options.reference;
  if (reference) {
    const refRows = Object.entries(reference.values).map(([channel, value]) => ({
      channel,
      value,
    }));
    marks.push(
      Plot.tickX(refRows, { y: "channel", x: "value", stroke: "#D55E00", strokeWidth: 2.5 }),
    );
  }
  return renderChart({
    title: `${what} per channel${level}${reference ? ` (red: ${reference.label})` : ""}`,
    height: Math.max(200, 46 * rows.length + 70),
    marginLeft: 110,
    x: { label: `${what} (KPI per unit of spend)`, grid: true, zero: true },
    y: { label: null, domain: rows.map((r) => r.channel) },
    marks,
  });
}
