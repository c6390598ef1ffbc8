/**
 * Share of spend against share of effect per channel, with each channel's ROAS (Robyn's panel).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { Contributions } from "../analysis/contributions.ts";
import type { ChannelReturns } from "../analysis/roas.ts";
import { type Chart, renderChart } from "./render.ts";

/** Paired bars of spend share and effect share per channel, labelled with the channel's ROAS. */
export function plotEffectShares(result: Contributions, returns: ChannelReturns): Chart {
  const rows = result.channels.flatMap((c) => [
    { channel: c.channel, measure: "share of spend", share: c.spendShare },
    { channel: c.channel, measure: "share of effect", share: c.effectShare },
  ]);
  const headline = returns.kpiKind === "conversions" ? "CPA" : "ROAS";
  const facet = new Map(returns.channels.map((r) => [
    r.channel,
    `${r.channel} · ${headline} ${(headline === "CPA" ? r.cpa.value : r.roas.value).toFixed(2)}`,
  ]));
  for (const row of rows) row.channel = facet.get(row.channel) ?? row.channel;
  return renderChart({
    title: "Share of spend vs share of effect",
    height: Math.max(240, 44 * result.channels.length + 80),
    marginLeft: 100,
    x: { label: "Share of paid media total (%)", percent: true, grid: true },
    y: { label: null },
    fy: { label: null },
    marginRight: 150,
    color: {
      legend: true,
      domain: ["share of spend", "share of effect"],
      range: ["#999999", "#0072B2"],
    },
    marks: [
      Plot.barX(rows, { x: "share", y: "measure", fy: "channel", fill: "measure" }),
    ],
  });
}
