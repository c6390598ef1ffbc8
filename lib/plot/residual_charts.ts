/**
 * The three residual plots a person reads to judge a fit (seed 004's diagnostics): residuals
 * against fitted values (a pattern or a funnel means a missing term or changing variance), the
 * residual autocorrelation function with its 95% white-noise band (bars outside it mean
 * carryover or seasonality the model misses), and the normal QQ plot (points off the line mean
 * heavy tails or outliers).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ResidualDiagnostics } from "../analysis/diagnostics/residual_diagnostics.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/**
 * Residuals (actual − fitted) against fitted values, with a rule at 0.
 *
 * @example
 * ```ts
 * import { plotResidualsVsFitted } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const chart = plotResidualsVsFitted({
 *   dates: ["2024-01-01", "2024-01-08"], fitted: new Float64Array([1, 2]),
 *   residuals: new Float64Array([0.1, -0.1]), acf: new Float64Array([-1]), acfBand: 1.4,
 *   qq: { theoretical: new Float64Array([-0.7, 0.7]), sample: new Float64Array([-0.7, 0.7]) },
 * });
 * assert.ok(chart.html.includes("<svg"));
 * ```
 */
export function plotResidualsVsFitted(d: ResidualDiagnostics): Chart {
  const rows = Array.from(d.fitted, (f, t) => ({
    fitted: f,
    residual: d.residuals[t] as number,
    week: d.dates[t],
  }));
  return renderChart({
    title: "Residuals against fitted values",
    height: 300,
    x: { label: "fitted →", grid: true },
    y: { label: "↑ residual (actual − fitted)", grid: true },
    marks: [
      Plot.ruleY([0], { stroke: "#999" }),
      Plot.dot(rows, { x: "fitted", y: "residual", r: 2.5, fill: PALETTE[0], title: "week" }),
    ],
  });
}

/** Autocorrelation of the residuals by lag, with the ±1.96/√n band of white noise. */
export function plotResidualAcf(d: ResidualDiagnostics): Chart {
  const rows = Array.from(d.acf, (r, k) => ({ lag: k + 1, r }));
  return renderChart({
    title: "Autocorrelation of the residuals",
    caption: "Bars outside the shaded band (95% for white noise) mean structure the model misses",
    height: 260,
    x: { label: "lag (weeks) →" },
    y: { label: "↑ autocorrelation", domain: [-1, 1], grid: true },
    marks: [
      Plot.rectY([0], {
        x1: 0.5,
        x2: d.acf.length + 0.5,
        y1: -d.acfBand,
        y2: d.acfBand,
        fill: "#ddd",
        fillOpacity: 0.6,
      }),
      Plot.ruleY([0], { stroke: "#999" }),
      Plot.ruleX(rows, { x: "lag", y1: 0, y2: "r", stroke: PALETTE[0], strokeWidth: 3 }),
    ],
  });
}

/** Normal QQ plot of the standardised residuals, with the line y = x. */
export function plotResidualQq(d: ResidualDiagnostics): Chart {
  const rows = Array.from(d.qq.theoretical, (q, i) => ({ q, s: d.qq.sample[i] as number }));
  const lo = Math.min(d.qq.theoretical[0] ?? -3, d.qq.sample[0] ?? -3);
  const hi = Math.max(
    d.qq.theoretical[d.qq.theoretical.length - 1] ?? 3,
    d.qq.sample[d.qq.sample.length - 1] ?? 3,
  );
  return renderChart({
    title: "Normal QQ plot of the residuals",
    width: 420,
    height: 380,
    x: { label: "normal quantile →", grid: true },
    y: { label: "↑ standardised residual", grid: true },
    marks: [
      Plot.line([[lo, lo], [hi, hi]], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.dot(rows, { x: "q", y: "s", r: 2.5, fill: PALETTE[0] }),
    ],
  });
}
