/**
 * Rendering Observable Plot specs to SVG/HTML strings with a DOM from linkedom, so charts work
 * in `deno run`, in tests and in the Jupyter kernel alike. This is the only module that imports
 * linkedom.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import type { ChartSpec } from "./theme.ts";
import { themed } from "./_themed.ts";

/**
 * A rendered chart. In Jupyter it shows itself inline; `html` is what a report embeds.
 *
 * @example A chart renders to SVG
 * ```ts
 * import { renderChart } from "mixlab/plot";
 * import * as Plot from "@observablehq/plot";
 * import assert from "node:assert/strict";
 * const chart = renderChart({ marks: [Plot.dot([{ x: 1, y: 2 }], { x: "x", y: "y" })] });
 * assert.ok(chart.html.startsWith("<svg"));
 * ```
 */
export class Chart {
  /** The chart's markup: an `<svg>`, or a `<figure>` when it has a title or legend. */
  readonly html: string;

  /** Wraps rendered markup; prefer {@link renderChart}. */
  constructor(html: string) {
    this.html = html;
  }

  /** Shows the chart inline in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.html.startsWith("<svg")
      ? { "image/svg+xml": this.html, "text/html": this.html }
      : { "text/html": this.html };
  }

  /** The markup, for string contexts. */
  toString(): string {
    return this.html;
  }
}

/**
 * Renders an Observable Plot spec with mixlab's theme (width, height, font) to a {@link Chart}.
 * Options given in `spec` win over the theme.
 */
export function renderChart(spec: ChartSpec): Chart {
  const { document } = parseHTML("<!DOCTYPE html><html><head></head><body></body></html>");
  const element = Plot.plot({ ...themed(spec), document: document as unknown as Document });
  return new Chart((element as unknown as { outerHTML: string }).outerHTML);
}
