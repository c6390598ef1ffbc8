/**
 * Refresh charts: each channel's ROAS before and after a refresh with their intervals, and each
 * channel's ROAS across every version of a model's history.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { DriftTable } from "../analysis/drift.ts";
import type { RefreshHistory } from "../forecast/refresh_history.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/**
 * Per channel, the previous and the refreshed ROAS as dots with their interval bars; drifted
 * channels are marked.
 *
 * @example
 * ```ts
 * import { ChannelReturns } from "mixlab";
 * import { channelDrift } from "mixlab/analysis";
 * import { plotDrift } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const r = (v: number) => new ChannelReturns([{ channel: "tv", spend: 1,
 *   contribution: { value: v }, roas: { value: v }, mroas: { value: v }, cpa: { value: 1 / v } }],
 *   "revenue", undefined);
 * assert.ok(plotDrift(channelDrift(r(1), r(2), { previousWeeks: 1, refreshedWeeks: 1 })).html.includes("tv"));
 * ```
 */
export function plotDrift(drift: DriftTable): Chart {
  const rows = drift.channels.flatMap((c) => [
    { channel: c.channel, model: "previous", ...range(c.previousRoas) },
    { channel: c.channel, model: "refreshed", ...range(c.refreshedRoas) },
  ]);
  const label = (c: DriftTable["channels"][number]) =>
    c.drifted ? `${c.channel} (drifted)` : c.channel;
  const names = drift.channels.map(label);
  const byName = new Map(drift.channels.map((c) => [c.channel, label(c)]));
  const data = rows.map((r) => ({ ...r, name: byName.get(r.channel) as string }));
  return renderChart({
    title: "ROAS before and after the refresh",
    caption: drift.level === undefined
      ? "No intervals: the models have neither draws nor bootstrap replicates"
      : `Bars: ${Math.round(100 * drift.level)}% intervals`,
    height: Math.max(200, 46 * names.length + 80),
    marginLeft: 150,
    x: { label: "ROAS →", grid: true, zero: true },
    y: { label: null, domain: names },
    color: { legend: true, domain: ["previous", "refreshed"], range: [PALETTE[8], PALETTE[0]] },
    marks: (["previous", "refreshed"] as const).flatMap((model) => {
      const part = data.filter((d) => d.model === model), dy = model === "previous" ? -5 : 5;
      return [
        Plot.link(part.filter((d) => d.lower !== undefined), {
          x1: "lower",
          x2: "upper",
          y: "name",
          stroke: "model",
          strokeWidth: 3,
          strokeOpacity: 0.6,
          dy,
        }),
        Plot.dot(part, { x: "value", y: "name", fill: "model", r: 5, dy }),
      ];
    }),
  });
}

function range(e: { value: number; lower?: number; upper?: number }) {
  return { value: e.value, lower: e.lower, upper: e.upper };
}

/** Each channel's ROAS (with its interval band) at every version of a refresh history. */
export function plotRoasHistory(history: RefreshHistory): Chart {
  const rows = history.entries.flatMap((e) =>
    e.channels.map((c) => ({
      version: `v${e.version} (to ${e.last_week})`,
      channel: c.name,
      roas: c.roas,
      lower: c.roas_ci?.[0],
      upper: c.roas_ci?.[1],
    }))
  );
  const versions = history.entries.map((e) => `v${e.version} (to ${e.last_week})`);
  const channels = [...new Set(rows.map((r) => r.channel))];
  return renderChart({
    title: "ROAS across refreshes",
    height: 300,
    marginBottom: 60,
    x: { label: null, domain: versions, tickRotate: -15 },
    y: { label: "↑ ROAS", grid: true, zero: true },
    color: { legend: true, domain: channels, range: [...PALETTE] },
    marks: [
      Plot.ruleX(rows.filter((r) => r.lower !== undefined), {
        x: "version",
        y1: "lower",
        y2: "upper",
        stroke: "channel",
        strokeOpacity: 0.4,
        strokeWidth: 6,
      }),
      Plot.line(rows, { x: "version", y: "roas", stroke: "channel", strokeWidth: 2 }),
      Plot.dot(rows, { x: "version", y: "roas", fill: "channel", r: 4 }),
    ],
  });
}
