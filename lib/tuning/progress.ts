/**
 * Showing a running search: a one-line text bar for terminals and an HTML bar for Jupyter. In a
 * notebook, pass `(p) => Deno.jupyter.display(progressView(p), { display_id: "tune", update:
 * p.done > first })` as `onProgress` to redraw one display in place; lib code never touches
 * `Deno.jupyter` itself.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { escapeHtml, formatNumber } from "../_internal/html.ts";
import type { SearchProgress } from "./minimize.ts";

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** Options of {@link formatProgress}. */
export interface FormatProgressOptions {
  /** Characters of the bar. @default 24 */
  readonly width?: number;
  /** Objective names to label the best values with. @default ["best"] per objective */
  readonly objectives?: readonly string[];
}

/**
 * One line of text for a terminal: bar, count, percent, best values, front size, time left.
 *
 * @example Half done
 * ```ts
 * import { formatProgress } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const line = formatProgress(
 *   { done: 50, total: 100, best: [0.125], frontSize: 1, stalled: 0, elapsedMs: 2000, etaMs: 2000 },
 *   { width: 10, objectives: ["nrmse"] },
 * );
 * assert.equal(line, "[#####-----]  50/100  50%  nrmse 0.125  front 1  eta 2s");
 * ```
 */
export function formatProgress(p: SearchProgress, options: FormatProgressOptions = {}): string {
  const width = options.width ?? 24;
  const filled = Math.round(width * p.done / p.total);
  const bar = "#".repeat(filled) + "-".repeat(width - filled);
  const count = `${String(p.done).padStart(String(p.total).length)}/${p.total}`;
  const pct = `${Math.floor(100 * p.done / p.total)}%`.padStart(4);
  const best = p.best.map((v, j) => `${options.objectives?.[j] ?? "best"} ${formatNumber(v)}`)
    .join("  ");
  return `[${bar}] ${count} ${pct}  ${best}  front ${p.frontSize}  eta ${seconds(p.etaMs)}`;
}

/** Options of {@link terminalProgress}. */
export interface TerminalProgressOptions extends FormatProgressOptions {
  /** Where text goes. @default writes to standard error */
  readonly write?: (text: string) => void;
}

/**
 * An `onProgress` callback that redraws one terminal line (carriage return) and ends it with a
 * newline when the search completes.
 *
 * @example Collecting the output
 * ```ts
 * import { terminalProgress } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * let text = "";
 * const onProgress = terminalProgress({ width: 4, write: (s) => (text += s) });
 * onProgress({ done: 2, total: 2, best: [1], frontSize: 1, stalled: 0, elapsedMs: 1, etaMs: 0 });
 * assert.ok(text.startsWith("\r[####]") && text.endsWith("\n"));
 * ```
 */
export function terminalProgress(
  options: TerminalProgressOptions = {},
): (progress: SearchProgress) => void {
  const encoder = new TextEncoder();
  const write = options.write ?? ((s: string) => Deno.stderr.writeSync(encoder.encode(s)));
  return (p) => write(`\r${formatProgress(p, options)}${p.done >= p.total ? "\n" : ""}`);
}

/** A progress snapshot that shows itself as an HTML bar in Jupyter. */
export class ProgressView {
  /** The snapshot shown. */
  readonly progress: SearchProgress;
  readonly #objectives: readonly string[] | undefined;

  /** Wraps a snapshot; prefer {@link progressView}. */
  constructor(progress: SearchProgress, objectives?: readonly string[]) {
    this.progress = progress;
    this.#objectives = objectives;
  }

  /** The bar as HTML. */
  toHtml(): string {
    const p = this.progress;
    const best = p.best.map((v, j) =>
      `${escapeHtml(this.#objectives?.[j] ?? "best")} <b>${formatNumber(v)}</b>`
    ).join(" · ");
    return `<div class="mixlab-progress"><progress value="${p.done}" max="${p.total}" ` +
      `style="width:320px"></progress> ${p.done}/${p.total} · ${best} · front ${p.frontSize}` +
      ` · eta ${seconds(p.etaMs)}</div>`;
  }

  /** Shows the bar in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/html": this.toHtml(), "text/plain": formatProgress(this.progress) };
  }
}

/**
 * Wraps a progress snapshot for display in Jupyter (HTML `<progress>` bar).
 *
 * @example The bar carries the counts
 * ```ts
 * import { progressView } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const v = progressView(
 *   { done: 3, total: 8, best: [2], frontSize: 1, stalled: 0, elapsedMs: 1, etaMs: 1 },
 * );
 * assert.ok(v.toHtml().includes('value="3" max="8"'));
 * ```
 */
export function progressView(
  progress: SearchProgress,
  objectives?: readonly string[],
): ProgressView {
  return new ProgressView(progress, objectives);
}
