/**
 * The planner page's script: `app/main.ts` and everything it imports from lib/ (model loading,
 * forecasting, response curves, the optimizer, Observable Plot), bundled for the browser by
 * Deno's own bundler (`Deno.bundle`, esbuild underneath) into one minified ES module.
 *
 * Bundling runs in-process when a page is built, so it needs no permission beyond reading the
 * source files and Deno's package cache: no subprocess, no network, no write. It needs Deno's
 * unstable bundle API, which mixlab's deno.json turns on (`"unstable": ["bundle"]`). The result
 * is kept for the life of the process; a fresh process bundles again (about 2 s), which keeps
 * every page in step with the library that wrote its model and needs no cache folder.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";

let cached: Promise<string> | undefined;

/** Text that would end or bend an inline script element if it appeared in the bundle. */
const UNSAFE_IN_SCRIPT = /<\/script|<!--|<script/i;

async function bundle(): Promise<string> {
  const api = (Deno as unknown as { bundle?: typeof Deno.bundle }).bundle;
  if (typeof api !== "function") {
    throw new ConfigError("Cannot build the planner: Deno's bundler API is not enabled", {
      key: "unstable",
      hint: 'add "unstable": ["bundle"] to deno.json, or run Deno with --unstable-bundle',
    });
  }
  const result = await api({
    entrypoints: [new URL("./app/main.ts", import.meta.url).href],
    platform: "browser",
    format: "esm",
    minify: true,
    write: false,
  });
  const file = result.outputFiles?.[0];
  if (!result.success || !file?.contents) {
    const why = result.errors.map((e) => e.text).join("; ");
    throw new Error(`Cannot build the planner: bundling its script failed (${why})`);
  }
  const text = new TextDecoder().decode(file.contents);
  if (UNSAFE_IN_SCRIPT.test(text)) {
    throw new Error("Cannot build the planner: its script contains text that ends a script");
  }
  return text;
}

/** The planner's bundled script (bundled once per process). */
export function plannerScript(): Promise<string> {
  cached ??= bundle().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
