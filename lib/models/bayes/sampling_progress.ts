/**
 * Showing a running Bayesian fit: per chain, the iteration, the phase (warmup or sampling) and
 * the divergent transitions so far, with an estimate of the time left. A one-line text form for
 * terminals and an HTML table for Jupyter. In a notebook, pass
 * `(p) => Deno.jupyter.display(new SamplingProgressView(p), { display_id: "nuts", update: !first })`
 * as `onProgress` to redraw one display in place; lib code never touches `Deno.jupyter` itself.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../../display/jupyter.ts";
import { escapeHtml } from "../../_internal/html.ts";
import type { ChainProgress } from "./nuts.ts";

/** The state of every chain of a fit (see {@link fitBayes}'s `onProgress`). */
export interface SamplingProgress {
  /** Each chain's last report; undefined for a chain that has not started. */
  readonly chains: readonly (ChainProgress | undefined)[];
  /** Iterations done over all chains, warmup included. */
  readonly done: number;
  /** Iterations of the whole fit (chains × (warmup + draws)). */
  readonly total: number;
  /** Milliseconds since sampling started. */
  readonly elapsedMs: number;
  /** Estimated milliseconds left (elapsed × iterations left / iterations done). */
  readonly etaMs: number;
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

function chainText(c: ChainProgress | undefined, k: number): string {
  if (c === undefined) return `chain ${k + 1} waiting`;
  const total = c.warmup + c.draws;
  const div = c.divergences === 1 ? "1 divergence" : `${c.divergences} divergences`;
  const done = c.iteration >= total;
  return `chain ${k + 1} ${done ? "done" : c.phase} ${c.iteration}/${total} ${div}`;
}

/**
 * One line of text: every chain's phase, iteration and divergences, and the time left.
 *
 * @example Two chains, one in warmup
 * ```ts
 * import { formatSamplingProgress } from "mixlab/models/bayes";
 * import assert from "node:assert/strict";
 * const line = formatSamplingProgress({
 *   chains: [
 *     { iteration: 250, warmup: 200, draws: 200, phase: "sampling", divergences: 0, leapfrogSteps: 7 },
 *     { iteration: 120, warmup: 200, draws: 200, phase: "warmup", divergences: 1, leapfrogSteps: 15 },
 *   ],
 *   done: 370, total: 800, elapsedMs: 3700, etaMs: 4300,
 * });
 * assert.equal(
 *   line,
 *   "chain 1 sampling 250/400 0 divergences | chain 2 warmup 120/400 1 divergence | eta 4s",
 * );
 * ```
 */
export function formatSamplingProgress(p: SamplingProgress): string {
  const parts = p.chains.map((c, k) => chainText(c, k));
  const end = p.done >= p.total ? `done in ${seconds(p.elapsedMs)}` : `eta ${seconds(p.etaMs)}`;
  return `${parts.join(" | ")} | ${end}`;
}

/** Options of {@link terminalSamplingProgress}. */
export interface TerminalSamplingProgressOptions {
  /** Where text goes. @default writes to standard error */
  readonly write?: (text: string) => void;
  /**
   * Redraw the line on every update; when false, write only the closing line, so a log file or
   * CI output gets one line instead of hundreds of carriage-return updates.
   * @default true when `write` is given, else whether standard error is a terminal
   */
  readonly live?: boolean;
}

/**
 * An `onProgress` callback that redraws one terminal line (carriage return) and ends it with a
 * newline when every chain is done.
 *
 * @example Collecting the output
 * ```ts
 * import { terminalSamplingProgress } from "mixlab/models/bayes";
 * import assert from "node:assert/strict";
 * let text = "";
 * const onProgress = terminalSamplingProgress({ write: (s) => (text += s) });
 * onProgress({
 *   chains: [{ iteration: 4, warmup: 2, draws: 2, phase: "sampling", divergences: 0, leapfrogSteps: 3 }],
 *   done: 4, total: 4, elapsedMs: 10, etaMs: 0,
 * });
 * assert.ok(text.startsWith("\rchain 1 done 4/4") && text.endsWith("\n"));
 * ```
 */
export function terminalSamplingProgress(
  options: TerminalSamplingProgressOptions = {},
): (progress: SamplingProgress) => void {
  const encoder = new TextEncoder();
  const write = options.write ?? ((s: string) => Deno.stderr.writeSync(encoder.encode(s)));
  const live = options.live ?? (options.write !== undefined || Deno.stderr.isTerminal());
  let width = 0;
  return (p) => {
    if (!live) {
      if (p.done >= p.total) write(`${formatSamplingProgress(p)}\n`);
      return;
    }
    const line = formatSamplingProgress(p);
    const pad = " ".repeat(Math.max(0, width - line.length));
    width = line.length;
    write(`\r${line}${pad}${p.done >= p.total ? "\n" : ""}`);
  };
}

/**
 * A progress snapshot that shows itself in Jupyter as a small table (one row per chain).
 *
 * @example Its HTML names each chain's phase
 * ```ts
 * import { SamplingProgressView } from "mixlab/models/bayes";
 * import assert from "node:assert/strict";
 * const view = new SamplingProgressView({
 *   chains: [{ iteration: 10, warmup: 20, draws: 20, phase: "warmup", divergences: 0, leapfrogSteps: 3 }],
 *   done: 10, total: 40, elapsedMs: 100, etaMs: 300,
 * });
 * assert.ok(view.toHtml().includes("warmup"));
 * ```
 */
export class SamplingProgressView {
  /** The snapshot shown. */
  readonly progress: SamplingProgress;

  /** Wraps a snapshot. */
  constructor(progress: SamplingProgress) {
    this.progress = progress;
  }

  /** HTML: a row per chain with a bar, then the time left. */
  toHtml(): string {
    const p = this.progress;
    const rows = p.chains.map((c, k) => {
      const total = c ? c.warmup + c.draws : 1, done = c ? c.iteration : 0;
      const pct = Math.round((100 * done) / total);
      const phase = c === undefined ? "waiting" : done >= total ? "done" : c.phase;
      const div = c ? c.divergences : 0;
      return `<tr><td>chain ${k + 1}</td><td>${escapeHtml(phase)}</td>` +
        `<td><div style="width:160px;background:#eee"><div style="width:${pct}%;background:#4c78a8;height:10px"></div></div></td>` +
        `<td>${done}/${total}</td><td${
          div > 0 ? ' style="color:#b00"' : ""
        }>${div} divergent</td></tr>`;
    }).join("");
    const end = p.done >= p.total ? `done in ${seconds(p.elapsedMs)}` : `eta ${seconds(p.etaMs)}`;
    return `<div class="mixlab-nuts"><table>${rows}</table><div>${escapeHtml(end)}</div></div>`;
  }

  /** Plain text, as {@link formatSamplingProgress}. */
  toText(): string {
    return formatSamplingProgress(this.progress);
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return { "text/html": this.toHtml(), "text/plain": this.toText() };
  }
}
