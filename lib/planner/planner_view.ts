/**
 * The budget planner inline in Jupyter: the same page as `planner.html`, shown in a sandboxed
 * frame of the notebook's output (scripts and downloads allowed, nothing else).
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { escapeHtml } from "../_internal/html.ts";
import type { FittedModel } from "../types.ts";
import { plannerHtml, type PlannerHtmlOptions } from "./planner_html.ts";

/** Options of {@link plannerView}. */
export interface PlannerViewOptions extends PlannerHtmlOptions {
  /** Height of the frame in the notebook, in pixels. @default 1100 */
  readonly height?: number;
}

/** A planner page that shows itself inline in Jupyter. */
export class PlannerView {
  /** The page's HTML (what `planner.html` holds). */
  readonly html: string;
  /** Height of the frame, in pixels. */
  readonly height: number;

  /** Wraps a page; prefer {@link plannerView}. */
  constructor(html: string, height = 1100) {
    this.html = html;
    this.height = height;
  }

  /** The page in a sandboxed frame. */
  toHtml(): string {
    return `<iframe class="mixlab-planner" title="Budget planner" sandbox="allow-scripts allow-downloads" ` +
      `style="width:100%;height:${this.height}px;border:1px solid #e2e5ea;border-radius:8px" ` +
      `srcdoc="${escapeHtml(this.html)}"></iframe>`;
  }

  /** Shows the planner in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return {
      "text/html": this.toHtml(),
      "text/plain": "Budget planner (shown as HTML in Jupyter; save .html to open it in a browser)",
    };
  }
}

/**
 * The budget planner of a fitted model, for a notebook cell: `await plannerView(fit)`.
 *
 * @example The frame holds the whole page, escaped
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { plannerView } from "mixlab/planner";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 10 + (i % 5));
 * const data = {
 *   dates, kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: spend.map((s, i) => 50 + 2 * s + (i % 3)) },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const fit = fitRidge(data, defineModelSpec({ channels: ["tv"] }), { lambda: 0.1 });
 * const view = await plannerView(fit, { points: 8 });
 * assert.ok(view.toHtml().startsWith("<iframe"));
 * assert.ok(view.toHtml().includes("srcdoc=\"&lt;!DOCTYPE html&gt;"));
 * ```
 */
export async function plannerView(
  fit: FittedModel,
  options: PlannerViewOptions = {},
): Promise<PlannerView> {
  return new PlannerView(await plannerHtml(fit, options), options.height);
}
