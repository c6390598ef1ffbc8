/**
 * The shrinkage display of a geo model: for one channel, each geo's ROAS fitted on its own (no
 * pooling) next to the pooled model's estimate for the same geo, each with its interval, and the
 * national ROAS as a line. Geos whose separate estimate lies far from the line and whose pooled
 * estimate sits close to it are the ones pooling pulled in, usually those with little spend
 * variation or few weeks.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Chart, renderChart } from "./render.ts";

/** One estimate with an optional interval. */
export interface ShrinkageEstimate {
  /** Point value. */
  readonly value: number;
  /** 90% interval, when the model gives one. */
  readonly ci90?: readonly [number, number];
}

/** One geo's two estimates. */
export interface ShrinkageRow {
  /** Geo name. */
  readonly geo: string;
  /** The geo fitted on its own. */
  readonly separate: ShrinkageEstimate;
  /** The pooled model's estimate for the geo. */
  readonly pooled: ShrinkageEstimate;
}

/** Options of {@link plotGeoShrinkage}. */
export interface GeoShrinkageOptions {
  /** Channel name, for the title. */
  readonly channel: string;
  /** The national ROAS, drawn as a vertical line. @default undefined */
  readonly national?: number;
  /** What the pooled model is, for the legend. @default "pooled" */
  readonly pooledLabel?: string;
}

const SEPARATE = "#999999", POOLED = "#0072B2";

/**
 * A row per geo in two panels side by side, sharing the ROAS axis: the separate fits (grey) and
 * the pooled estimates (blue), bars over their 90% intervals, a dashed line at the national ROAS.
 *
 * @example Two geos
 * ```ts
 * import { plotGeoShrinkage } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const chart = plotGeoShrinkage([
 *   { geo: "north", separate: { value: 4, ci90: [1, 7] }, pooled: { value: 2.6, ci90: [2, 3.2] } },
 *   { geo: "south", separate: { value: 1.5 }, pooled: { value: 2.2 } },
 * ], { channel: "tv", national: 2.4 });
 * assert.ok(chart.html.includes("north"));
 * assert.ok(chart.html.includes("tv: ROAS per geo"));
 * ```
 */
export function plotGeoShrinkage(
  rows: readonly ShrinkageRow[],
  options: GeoShrinkageOptions,
): Chart {
  const pooledLabel = options.pooledLabel ?? "pooled";
  const points = rows.flatMap((r) => [
    { geo: r.geo, model: "separate", ...flat(r.separate) },
    { geo: r.geo, model: pooledLabel, ...flat(r.pooled) },
  ]);
  const color = { domain: ["separate", pooledLabel], range: [SEPARATE, POOLED] };
  const marks: Plot.Markish[] = [
    Plot.ruleX([0], { stroke: "#ccc" }),
    Plot.link(points.filter((p) => p.lower !== undefined), {
      y1: "geo",
      y2: "geo",
      x1: "lower",
      x2: "upper",
      stroke: "model",
      strokeWidth: 5,
      strokeOpacity: 0.35,
      fx: "model",
    }),
    Plot.dot(points, { y: "geo", x: "value", fill: "model", r: 4, fx: "model" }),
  ];
  if (options.national !== undefined) {
    marks.push(Plot.ruleX([options.national], { stroke: "#D55E00", strokeDasharray: "5,3" }));
  }
  return renderChart({
    title: `${options.channel}: ROAS per geo, fitted alone (grey) and ${pooledLabel} (blue), ` +
      `with 90% intervals${options.national === undefined ? "" : "; dashed: national ROAS"}`,
    height: Math.max(220, 18 * rows.length + 100),
    marginLeft: 90,
    x: { label: "ROAS (KPI per unit of spend)", grid: true },
    y: { label: null, domain: rows.map((r) => r.geo) },
    fx: { label: null, domain: ["separate", pooledLabel] },
    color,
    marks,
  });
}

function flat(e: ShrinkageEstimate) {
  return e.ci90
    ? { value: e.value, lower: e.ci90[0], upper: e.ci90[1] }
    : { value: e.value, lower: undefined, upper: undefined };
}
