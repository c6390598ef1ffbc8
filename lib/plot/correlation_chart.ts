/**
 * A correlation heatmap with the coefficient written in each cell.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { CorrelationMatrix } from "../prep/correlation.ts";
import { type Chart, renderChart } from "./render.ts";

/**
 * A heatmap of a correlation matrix (blue negative, red positive), values in the cells. (No colour
 * ramp legend: Plot draws ramps on a canvas, which the DOM used outside browsers lacks; the cell
 * values say the same.)
 */
export function plotCorrelation(matrix: CorrelationMatrix): Chart {
  const k = matrix.names.length;
  const cells = matrix.names.flatMap((a, i) =>
    matrix.names.map((b, j) => ({ a, b, r: matrix.values[i * k + j] as number }))
  );
  const size = Math.max(320, 44 * k + 140);
  return renderChart({
    title: `${matrix.method === "pearson" ? "Pearson" : "Spearman"} correlation`,
    width: size + 120,
    height: size,
    marginLeft: 110,
    marginBottom: 100,
    x: { label: null, domain: matrix.names, tickRotate: -40 },
    y: { label: null, domain: matrix.names },
    color: {
      type: "linear",
      scheme: "RdBu",
      domain: [-1, 1],
      reverse: true,
    },
    marks: [
      Plot.cell(cells, { x: "a", y: "b", fill: "r" }),
      Plot.text(cells, {
        x: "a",
        y: "b",
        text: (d: { r: number }) => d.r.toFixed(2),
        fill: (d: { r: number }) => (Math.abs(d.r) > 0.6 ? "white" : "black"),
        fontSize: 10,
      }),
    ],
  });
}
