/**
 * A scatter matrix (pair plot) of the KPI and the channels' spend (seed 003's EDA): one panel
 * per pair of variables, each variable scaled to its own range so every panel fills its cell.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { MmmData } from "../types.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/** Options of {@link plotScatterMatrix}. */
export interface ScatterMatrixOptions {
  /** Columns to include: the KPI, channels (spend) and controls by name. @default KPI and channels */
  readonly columns?: readonly string[];
}

/**
 * Every pair of the chosen columns as a scatter panel (the diagonal names the column); each
 * column is shown on its own range, min to max, so panels show shape, not scale.
 *
 * @throws {RangeError} When a column is not the KPI, a channel or a control.
 *
 * @example
 * ```ts
 * import { plotScatterMatrix } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([5, 6, 9]) }, controls: [],
 *   channels: [{ name: "tv", spend: new Float64Array([1, 2, 6]) }],
 * };
 * assert.ok(plotScatterMatrix(data).html.includes("sales"));
 * ```
 */
export function plotScatterMatrix(data: MmmData, options: ScatterMatrixOptions = {}): Chart {
  const all = new Map<string, Float64Array>([
    [data.kpi.name, data.kpi.values],
    ...data.channels.map((c): [string, Float64Array] => [c.name, c.spend]),
    ...data.controls.map((c): [string, Float64Array] => [c.name, c.values]),
  ]);
  const names = options.columns ?? [data.kpi.name, ...data.channels.map((c) => c.name)];
  const scaled = names.map((name) => {
    const v = all.get(name);
    if (v === undefined) {
      throw new RangeError(
        `Cannot plot a scatter matrix: "${name}" is not the KPI, a channel or a control`,
      );
    }
    let lo = Infinity, hi = -Infinity;
    for (const x of v) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    return v.map((x) => (hi > lo ? (x - lo) / (hi - lo) : 0.5));
  });
  const points = names.flatMap((col, j) =>
    names.flatMap((row, i) =>
      i === j ? [] : Array.from(scaled[j] as Float64Array, (x, t) => ({
        col,
        row,
        x,
        y: (scaled[i] as Float64Array)[t] as number,
      }))
    )
  );
  const size = Math.max(360, 110 * names.length);
  return renderChart({
    title: "Scatter matrix of the KPI and spend",
    caption: "Each variable on its own range (min to max); the diagonal names it",
    width: size + 80,
    height: size + 40,
    marginLeft: 80,
    marginBottom: 40,
    fx: { domain: names, label: null, axis: "top" },
    fy: { domain: names, label: null },
    x: { domain: [0, 1], axis: null },
    y: { domain: [0, 1], axis: null },
    marks: [
      Plot.frame({ stroke: "#ddd" }),
      Plot.dot(points, { fx: "col", fy: "row", x: "x", y: "y", r: 1.2, fill: PALETTE[0] }),
      Plot.text(names.map((n) => ({ n })), {
        fx: "n",
        fy: "n",
        frameAnchor: "middle",
        text: "n",
        fontSize: 12,
        fontWeight: "bold",
      }),
    ],
  });
}
