/**
 * `deno task setup`: installs what a fresh machine lacks to run the notebooks (Jupyter's
 * headless runner) and writes the project-local kernelspec. Idempotent and quick when all is there.
 *
 * @module
 */
import { dirname, resolve } from "std/path";
import { ensureJupyter, writeKernelspec } from "./_jupyter_setup.ts";

const projectDir = resolve(dirname(new URL(import.meta.url).pathname), "..");
try {
  await ensureJupyter();
  await writeKernelspec(projectDir);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  Deno.exit(2);
}
