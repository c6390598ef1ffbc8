/**
 * `deno task setup`: installs what a fresh machine lacks to run the notebooks (Jupyter's
 * headless runner) and the planner's browser tests (Chromium), and writes the project-local
 * kernelspec. Idempotent and quick when all is there.
 *
 * @module
 */
import { dirname, resolve } from "std/path";
import { ensureChromium } from "./_chromium_setup.ts";
import { ensureJupyter, writeKernelspec } from "./_jupyter_setup.ts";

const projectDir = resolve(dirname(new URL(import.meta.url).pathname), "..");
try {
  await ensureJupyter();
  await ensureChromium();
  await writeKernelspec(projectDir);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  Deno.exit(2);
}
