/**
 * Distributions of several columns as small-multiple histograms, each on its own scale.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { escapeHtml } from "../_internal/html.ts";
import type { NamedSeries } from "../types.ts";
import { Chart, renderChart } from "./render.ts";

/** One small histogram per column, laid out in a wrapping row, each with its own x scale. */
export function plotDistributions(columns: readonly NamedSeries[], bins = 20): Chart {
  const panels = columns.map((c) =>
    renderChart({
      title: c.name,
      width: 230,
      height: 170,
      marginLeft: 40,
      x: { label: null, ticks: 3 },
      y: { label: "weeks", grid: true, ticks: 4 },
      marks: [
        Plot.rectY(
          Array.from(c.values, (value) => ({ value })),
          { ...Plot.binX({ y: "count" }, { x: "value", thresholds: bins }), fill: "#0072B2" },
        ),
        Plot.ruleY([0]),
      ],
    }).html
  );
  return new Chart(
    `<figure class="mixlab-small-multiples"><h2>${
      escapeHtml("Distributions")
    }</h2><div style="display:flex;flex-wrap:wrap;gap:8px">${panels.join("")}</div></figure>`,
  );
}
