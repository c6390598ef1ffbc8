/**
 * Variance inflation factors as bars, with the usual thresholds (5 and 10) marked.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { VifResult } from "../analysis/diagnostics/vif.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/**
 * One bar per term at its VIF (log scale), orange above 10, with rules at 5 and 10: above 10 a
 * term moves with the others and its own effect is poorly identified.
 *
 * @example
 * ```ts
 * import { vif } from "mixlab/analysis";
 * import { plotVif } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const a = new Float64Array([1, 2, 3, 4, 5]), b = new Float64Array([2, 1, 4, 3, 6]);
 * assert.ok(plotVif(vif([a, b], { names: ["a", "b"] })).html.includes("<svg"));
 * ```
 */
export function plotVif(result: VifResult): Chart {
  const rows = result.rows.map((r) => ({ term: r.name, vif: Math.max(1, r.vif) }));
  return renderChart({
    title: "Variance inflation of the model's terms",
    height: Math.max(160, 26 * rows.length + 60),
    marginLeft: 140,
    x: { type: "log", label: "VIF (log scale) →", grid: true },
    y: { label: null, domain: rows.map((r) => r.term) },
    marks: [
      Plot.barX(rows, {
        x1: 1,
        x2: "vif",
        y: "term",
        fill: (r: { vif: number }) => (r.vif > 10 ? PALETTE[5] : PALETTE[0]),
      }),
      Plot.ruleX([5], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.ruleX([10], { stroke: PALETTE[5], strokeDasharray: "4,3" }),
    ],
  });
}
