/**
 * The planner page's HTML: one self-contained file holding its style, the planner setup and the
 * fitted model as JSON data elements, and the bundled script. A content security policy lets
 * the page run only its own inline script and style and load nothing, so it makes no request.
 *
 * Safety: every text from the data (title, KPI and channel names, file names) is escaped where
 * the page's HTML holds it, and the script writes names as text. The JSON is written with
 * {@link jsonForScript}, so no name (`</script>`, `<!--`, quotes, U+2028) can end its element.
 *
 * @module
 */
import { escapeHtml, jsonForScript } from "../_internal/html.ts";
import { VERSION } from "../version.ts";
import { PAGE_STYLE } from "./_page_style.ts";
import type { PlannerSetup } from "./planner_setup.ts";

/** What a planner page is made of. */
export interface PlannerPageParts {
  /** Channels, today's spend and sampled curves. */
  readonly setup: PlannerSetup;
  /** The fitted model's saved JSON (what `loadFittedModel` reads). */
  readonly model: unknown;
  /** The bundled planner script. */
  readonly script: string;
  /** A line under the title (KPI, model, period). @default "" */
  readonly subtitle?: string;
}

const POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " +
  "img-src data: blob:; base-uri 'none'; form-action 'none'";

/** Shows a readable message when the script itself fails (before it can report anything). */
const ON_ERROR = `addEventListener("error",function(e){var s=document.getElementById(
"planner-status");if(!s||!document.getElementById("planner").hidden)return;s.className=
"status error";s.textContent="This planner could not start: "+(e.message||"its script failed")+
". Open it in a current browser (Chrome, Edge, Firefox or Safari).";s.hidden=false});`;

/**
 * Assembles a planner page from its parts.
 *
 * @example Names stay inside their JSON element
 * ```ts
 * import { plannerPage } from "mixlab/planner/mod.ts";
 * import assert from "node:assert/strict";
 * const html = plannerPage({
 *   setup: {
 *     version: 1, title: "Plan </script>", source: "", kpi: { name: "sales", kind: "revenue" },
 *     basisWeeks: 13, horizon: 13, historyWeeks: 26, channels: [],
 *   },
 *   model: { channel: "</script><script>alert(1)</script>" },
 *   script: "",
 * });
 * assert.equal(html.match(/<\/script>/g)?.length, 4); // the four elements' own end tags
 * assert.ok(html.includes("<title>Plan &lt;/script&gt;</title>"));
 * ```
 */
export function plannerPage(parts: PlannerPageParts): string {
  const title = escapeHtml(parts.setup.title);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mixlab ${VERSION}">
<title>${title}</title><style>${PAGE_STYLE}</style>
<script>${ON_ERROR}</script>
</head>
<body><main>
<header class="top"><h1>${title}</h1><p>${escapeHtml(parts.subtitle ?? "")}</p></header>
<div id="planner-status" class="status" role="status">Loading the model…</div>
<noscript><div class="status error">The planner needs JavaScript: open this file in a browser with scripts on.</div></noscript>
<div id="planner" hidden></div>
<footer>Made with mixlab ${VERSION}. The model and the code run in this page; it works offline and sends nothing.</footer>
</main>
<script type="application/json" id="mixlab-planner-setup">${jsonForScript(parts.setup)}</script>
<script type="application/json" id="mixlab-planner-model">${jsonForScript(parts.model)}</script>
<script type="module">${parts.script}</script>
</body></html>
`;
}
