/**
 * The index page of a headless notebook run: one row per notebook with its status, run time, the
 * failing cell if any, and a link to its report. Every name is escaped.
 *
 * @module
 */
import { join } from "std/path";
import { escapeHtml } from "../lib/_internal/html.ts";
import { writeTextAtomic } from "./_atomic_write.ts";

/** The outcome of running one notebook. */
export interface NotebookRun {
  /** Notebook name without `.ipynb`. */
  readonly name: string;
  /** True when every cell ran without error. */
  readonly ok: boolean;
  /** Wall-clock seconds of execution. */
  readonly seconds: number;
  /** The first error: 1-based code cell number (0 = the kernel or runner failed), source, message. */
  readonly error?: { readonly cell: number; readonly source: string; readonly message: string };
}

const STYLE =
  `body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{padding:.4rem .6rem;border-bottom:1px solid #ddd;text-align:left}
.ok{color:#0a7a2f;font-weight:600}.failed{color:#b00020;font-weight:600}pre{background:#f6f6f6;padding:.5rem;overflow:auto}`;

/** Writes `<outDir>/index.html` atomically (temp file, then rename). */
export async function writeIndex(outDir: string, runs: readonly NotebookRun[]): Promise<void> {
  const rows = runs.map((r) => {
    const status = r.ok ? `<span class="ok">ok</span>` : `<span class="failed">failed</span>`;
    const detail = r.error
      ? `${r.error.cell > 0 ? `cell ${r.error.cell}: ` : ""}${escapeHtml(r.error.message)}`
      : "";
    const link = `<a href="${escapeHtml(encodeURIComponent(r.name))}.html">${
      escapeHtml(r.name)
    }</a>`;
    return `<tr><td>${link}</td><td>${status}</td><td style="text-align:right">${
      r.seconds.toFixed(1)
    } s</td><td>${detail}</td></tr>`;
  }).join("\n");
  const failed = runs.filter((r) => !r.ok).length;
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>mixlab notebook reports</title><style>${STYLE}</style></head><body>
<h1>mixlab notebook reports</h1>
<p>${runs.length - failed} of ${runs.length} notebooks ran without error.</p>
<table><thead><tr><th>Notebook</th><th>Status</th><th>Run time</th><th>Error</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
  await writeTextAtomic(join(outDir, "index.html"), html);
}

/** Writes a page for a notebook whose run produced no report (kernel died, timeout). */
export async function writeErrorPage(outDir: string, run: NotebookRun): Promise<void> {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(run.name)}: failed</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(run.name)}</h1><p class="failed">The notebook could not be executed.</p>
<pre>${escapeHtml(run.error?.message ?? "")}</pre></body></html>
`;
  await writeTextAtomic(join(outDir, `${run.name}.html`), html);
}
