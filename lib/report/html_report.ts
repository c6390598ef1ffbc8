/**
 * Self-contained HTML pages: inline CSS, inline SVG charts, no scripts and no network, so a report
 * opens anywhere and can be mailed around. Text is escaped; only trusted markup (charts and
 * tables built by mixlab, which escape their own text) is inserted as HTML.
 *
 * @module
 */
import { escapeHtml } from "../_internal/html.ts";
import type { Chart } from "../plot/render.ts";
import type { Table } from "../display/table.ts";

/** A block of a report section. */
export type ReportBlock =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "chart"; readonly chart: Chart }
  | { readonly kind: "table"; readonly table: Table }
  | {
    readonly kind: "callout";
    readonly level: "info" | "warning" | "good";
    readonly text: string;
  }
  | { readonly kind: "metrics"; readonly items: readonly { label: string; value: string }[] };

/** A titled section of a report. */
export interface ReportSection {
  /** Section heading. */
  readonly title: string;
  /** Blocks in order. */
  readonly blocks: readonly ReportBlock[];
}

/** Options of {@link renderReport}. */
export interface RenderReportOptions {
  /** A line under the title (data file, period …). @default "" */
  readonly subtitle?: string;
  /** Small print at the bottom (version, seed …). @default "" */
  readonly footer?: string;
  /** Links shown under the title, e.g. to the budget planner beside the report. @default [] */
  readonly links?: readonly ReportLink[];
}

/** A link from a report to a file beside it. */
export interface ReportLink {
  /** Link text. */
  readonly label: string;
  /** A relative address (e.g. `"planner.html"`); absolute URLs and schemes are refused. */
  readonly href: string;
}

function renderLink(link: ReportLink): string {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(link.href)) {
    throw new TypeError(`Cannot link "${link.href}" from a report: use a relative address`);
  }
  return `<a class="action" href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`;
}

const CSS = `
:root{--ink:#1d1d1f;--muted:#666;--line:#e3e3e3;--good:#0a7a2f;--warn:#a15c00;--bg:#fafafa}
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;background:var(--bg)}
main{max-width:1040px;margin:0 auto;padding:24px 20px 60px}
header h1{font-size:28px;margin:0 0 4px}header p{color:var(--muted);margin:0 0 16px}
nav{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:14px;margin-bottom:8px}nav a{color:#0057a3;text-decoration:none}
.links{margin:0 0 12px}a.action{display:inline-block;background:#0057a3;color:#fff;text-decoration:none;font-weight:600;padding:7px 14px;border-radius:6px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:18px 0}
section h2{font-size:20px;margin:0 0 10px}
figure{margin:10px 0}figure h2{font-size:15px;margin:0 0 4px}
.mixlab-table{border-collapse:collapse;font-size:13px;margin:10px 0;width:100%}
.mixlab-table caption{text-align:left;font-weight:600;padding:4px 0;color:var(--muted)}
.mixlab-table th,.mixlab-table td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left}
.mixlab-table th{background:#f3f3f3}
.metrics{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.metric{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:120px}
.metric b{display:block;font-size:20px}.metric span{font-size:12px;color:var(--muted)}
.callout{border-left:4px solid #0057a3;background:#f2f7fc;padding:8px 12px;margin:8px 0;font-size:14px}
.callout.warning{border-color:var(--warn);background:#fff6e8}.callout.good{border-color:var(--good);background:#eef8f1}
p.text{font-size:14px;line-height:1.5;max-width:860px}
footer{color:var(--muted);font-size:12px;margin-top:24px}
svg{max-width:100%;height:auto}
`;

function anchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function renderBlock(block: ReportBlock): string {
  switch (block.kind) {
    case "text":
      return `<p class="text">${escapeHtml(block.text)}</p>`;
    case "chart":
      return `<div class="chart">${block.chart.html}</div>`;
    case "table":
      return block.table.toHtml();
    case "callout":
      return `<div class="callout ${block.level}">${escapeHtml(block.text)}</div>`;
    case "metrics":
      return `<div class="metrics">${
        block.items.map((m) =>
          `<div class="metric"><b>${escapeHtml(m.value)}</b><span>${
            escapeHtml(m.label)
          }</span></div>`
        ).join("")
      }</div>`;
  }
}

/**
 * Renders sections into one self-contained HTML page.
 *
 * @example Titles and text are escaped
 * ```ts
 * import { renderReport } from "mixlab";
 * import assert from "node:assert/strict";
 * const html = renderReport("Q3 <draft>", [
 *   { title: "Fit", blocks: [{ kind: "text", text: "R² is <b>0.9</b>" }] },
 * ]);
 * assert.ok(html.includes("Q3 &lt;draft&gt;"));
 * assert.ok(html.includes("R² is &lt;b&gt;0.9&lt;/b&gt;"));
 * assert.ok(!html.includes("<script"));
 * ```
 */
export function renderReport(
  title: string,
  sections: readonly ReportSection[],
  options: RenderReportOptions = {},
): string {
  const nav = sections.map((s) => `<a href="#${anchor(s.title)}">${escapeHtml(s.title)}</a>`)
    .join("");
  const body = sections.map((s) =>
    `<section id="${anchor(s.title)}"><h2>${escapeHtml(s.title)}</h2>\n${
      s.blocks.map(renderBlock).join("\n")
    }\n</section>`
  ).join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><main>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(options.subtitle ?? "")}</p>${
    options.links?.length ? `<p class="links">${options.links.map(renderLink).join(" ")}</p>` : ""
  }<nav>${nav}</nav></header>
${body}
<footer>${escapeHtml(options.footer ?? "")}</footer>
</main></body></html>
`;
}
