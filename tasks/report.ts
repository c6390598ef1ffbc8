/**
 * `deno task report [NAME …] [--dir notebooks] [--out reports] [--timeout 600]`
 *
 * Executes notebooks headlessly with mixlab's Deno kernel through Jupyter (nbconvert/nbclient),
 * writing `<out>/<notebook>.html` and `<out>/index.html` (status, run time, link per notebook).
 * A failing cell makes the task exit 1 after every notebook has run, naming the notebook, the cell
 * and the error; the failing notebook still gets its report, with the error shown in place.
 *
 * Parameters reach notebooks through the environment, e.g.
 * `MIXLAB_DATA=data/flighting.csv deno task report 00_quickstart`.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { basename, dirname, join, resolve } from "std/path";
import { ensureJupyter, jupyterPython, KERNEL_NAME, writeKernelspec } from "./_jupyter_setup.ts";
import { type NotebookRun, writeErrorPage, writeIndex } from "./_report_index.ts";

const projectDir = resolve(dirname(new URL(import.meta.url).pathname), "..");
/** Runs one notebook with nbclient, keeping outputs Deno's kernel sends after "idle". */
const EXECUTOR = join(projectDir, "tasks", "_execute_notebook.py");

const { values, positionals } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: {
    dir: { type: "string", default: join(projectDir, "notebooks") },
    out: { type: "string", default: join(projectDir, "reports") },
    timeout: { type: "string", default: "900" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(
    "Usage: deno task report [NAME …] [--dir DIR] [--out DIR] [--timeout SECONDS]\n" +
      "Runs every notebook in DIR (or the named ones) headlessly into OUT/<name>.html and OUT/index.html.",
  );
  Deno.exit(0);
}

interface ExecutedCell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; ename?: string; evalue?: string }[];
}

/** The first cell whose outputs include an error, with its 1-based number among code cells. */
function firstError(notebook: { cells: ExecutedCell[] }): NotebookRun["error"] {
  let codeIndex = 0;
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    codeIndex++;
    const err = cell.outputs?.find((o) => o.output_type === "error");
    if (err) {
      const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      return { cell: codeIndex, source, message: `${err.ename ?? "Error"}: ${err.evalue ?? ""}` };
    }
  }
  return undefined;
}

async function run(cmd: string, args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(cmd, { args, env, stdout: "piped", stderr: "piped" })
    .output();
  return { success: out.success, stderr: new TextDecoder().decode(out.stderr) };
}

async function runNotebook(
  python: string,
  path: string,
  outDir: string,
  env: Record<string, string>,
  timeout: string,
): Promise<NotebookRun> {
  const name = basename(path, ".ipynb");
  const work = await Deno.makeTempDir({ dir: outDir, prefix: ".run-" });
  const started = performance.now();
  try {
    const executed = join(work, `${name}.ipynb`);
    const exec = await run(python, [EXECUTOR, path, executed, KERNEL_NAME, timeout], env);
    const seconds = (performance.now() - started) / 1000;
    if (!exec.success) {
      const message = exec.stderr.trim().split("\n").slice(-3).join(" ");
      const run = { name, ok: false, seconds, error: { cell: 0, source: "", message } };
      await writeErrorPage(outDir, run);
      return run;
    }
    const error = firstError(JSON.parse(await Deno.readTextFile(executed)));
    const html = await run(
      "jupyter",
      ["nbconvert", "--to", "html", "--output-dir", work, executed],
      env,
    );
    if (!html.success) {
      return { name, ok: false, seconds, error: { cell: 0, source: "", message: html.stderr } };
    }
    await Deno.rename(join(work, `${name}.html`), join(outDir, `${name}.html`));
    return error ? { name, ok: false, seconds, error } : { name, ok: true, seconds };
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

async function main(): Promise<number> {
  const dir = resolve(values.dir), outDir = resolve(values.out);
  const all = [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && e.name.endsWith(".ipynb"))
    .map((e) => basename(e.name, ".ipynb"))
    .sort();
  const unknown = (positionals as string[]).filter((p: string) =>
    !all.includes(basename(p, ".ipynb"))
  );
  if (unknown.length > 0) {
    console.error(
      `Cannot run notebooks: no notebook named ${
        unknown.map((u: string) => `"${u}"`).join(", ")
      } in ` +
        `${dir}; available: ${all.join(", ")}`,
    );
    return 2;
  }
  const names = positionals.length > 0
    ? (positionals as string[]).map((p: string) => basename(p, ".ipynb"))
    : all;
  await ensureJupyter();
  const dirs = await writeKernelspec(projectDir);
  const python = await jupyterPython();
  await Deno.mkdir(outDir, { recursive: true });
  const env = {
    JUPYTER_PATH: dirs.path,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    NO_COLOR: "1",
  };
  const runs: NotebookRun[] = [];
  for (const name of names) {
    const run = await runNotebook(python, join(dir, `${name}.ipynb`), outDir, env, values.timeout);
    runs.push(run);
    const status = run.ok ? "ok" : "FAILED";
    console.error(`${status.padEnd(6)} ${name} (${run.seconds.toFixed(1)} s)`);
    if (run.error) {
      console.error(`  notebook ${name}, cell ${run.error.cell}: ${run.error.message}`);
      if (run.error.source) console.error(run.error.source.replace(/^/gm, "  | "));
    }
  }
  await writeIndex(outDir, runs);
  const failed = runs.filter((r) => !r.ok).length;
  console.error(`Reports: ${outDir}/index.html`);
  console.log(`notebooks: ${runs.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

Deno.exit(await main());
