/**
 * `deno task recovery [--quick | --fresh | --grid FILE] [--methods a,b] [--sets id,prefix*] [--json FILE] [--seed N]`:
 * the independent recovery study. Generates the data sets listed in tasks/recovery/sets.jsonl
 * (or, with `--fresh`, the validation sets of tasks/recovery/fresh_sets.jsonl; with `--grid FILE`,
 * the sets of FILE, such as the second validation round tasks/recovery/fresh_sets_2.jsonl)
 * with generators written independently of lib/ (tasks/recovery/generators), fits every method
 * of the registry (tasks/recovery/methods) on the first n − 13 weeks of each, as the CLI does,
 * and prints error and coverage against the truth over those weeks.
 *
 * `--write DIR` writes the sets instead (CSV, truth JSON, default and true-transform configs)
 * for the CLI and Python. `--list` prints the sets. `--geo` runs the geo panels of
 * tasks/recovery/geo_sets.jsonl instead, with the geo methods (tasks/recovery/geo_study.ts).
 *
 * Output: the tables on stdout are byte-identical between runs with the same arguments;
 * progress and seconds per fit (which vary) go to stderr, and `seconds` fields in the JSON.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { fileURLToPath } from "node:url";
import { dirname, join } from "std/path";
import { writeTextAtomic } from "./_atomic_write.ts";
import { generateGeoSet, parseGeoGrid } from "./recovery/geo_grid.ts";
import { GEO_METHODS, geoTables, scoreGeoFit } from "./recovery/geo_study.ts";
import { writeGeoSets } from "./recovery/geo_write.ts";
import { generateSet, parseGrid, type SetDefinition } from "./recovery/grid.ts";
import { HOLDOUT_WEEKS } from "./recovery/mixlab_input.ts";
import type { RecoveryMethod } from "./recovery/method.ts";
import { METHODS } from "./recovery/methods/mod.ts";
import { runStudy } from "./recovery/study.ts";
import { writeSets } from "./recovery/write_sets.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const GRID = join(HERE, "recovery", "sets.jsonl");
const FRESH_GRID = join(HERE, "recovery", "fresh_sets.jsonl");
const GEO_GRID = join(HERE, "recovery", "geo_sets.jsonl");
const OPTUNA = join(HERE, "..", "tests", "fixtures", "reference", "recovery_optuna.json");

const USAGE =
  `Usage: deno task recovery [--quick | --fresh | --grid FILE] [--methods NAMES] [--sets IDS] [--json FILE] [--seed N]
       deno task recovery --write DIR [--sets IDS]
       deno task recovery --list [--quick]
       deno task recovery --geo [--list | --write DIR] [--sets IDS] [--quick] [--json FILE]

Fits every method on the data sets of tasks/recovery/sets.jsonl (generated independently of
lib/) and prints, per method and per generator: median absolute ROAS error, share of channels
more than 50% off, 90% interval coverage, share of fits with a warning, the median error on sets
where ols-true is within 3% ("easy"), and the largest estimated/true effect-share ratio among
fits without a warning. Every fit uses the first n - ${HOLDOUT_WEEKS} weeks (the CLI's holdout).

  --quick        the sets marked quick, fewer tuning trials and draws (a CI-sized run)
  --fresh        the validation sets of tasks/recovery/fresh_sets.jsonl instead: the same
                 generators and settings with seeds no default or guardrail limit was chosen on
  --grid FILE    the sets of another sets file instead, e.g. tasks/recovery/fresh_sets_2.jsonl
                 (the second validation round: the same settings again with seeds 7101-7142)
  --methods A,B  methods to run (${METHODS.map((m) => m.name).join(", ")})
  --sets A,B*    set ids, or prefixes ending in *
  --json FILE    also write every fit and figure as JSON
  --seed N       seed of every fit (default 42, the config default)
  --write DIR    write each set's CSV, truth JSON and configs into DIR, and stop
  --list         print the sets and stop
  --geo          the geo panels of tasks/recovery/geo_sets.jsonl: fit the geo methods and
                 print their table (or --list, --write DIR; --sets, --quick, --json apply)

stdout is byte-identical for the same arguments; progress and seconds per fit go to stderr.`;

class UsageError extends Error {}

/** The text of a sets file; a missing file is a usage error that names it. */
async function readGrid(path: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new UsageError(`no sets file "${path}"`);
    throw e;
  }
}

function matches(id: string, pattern: string): boolean {
  return pattern.endsWith("*") ? id.startsWith(pattern.slice(0, -1)) : id === pattern;
}

function selectSets(grid: readonly SetDefinition[], spec: string | undefined, quick: boolean) {
  if (spec === undefined) return grid.filter((d) => !quick || d.quick);
  const wanted = spec.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const w of wanted) {
    if (!grid.some((d) => matches(d.id, w))) {
      throw new UsageError(`--sets: no set matches "${w}" (deno task recovery --list shows them)`);
    }
  }
  return grid.filter((d) => wanted.some((w) => matches(d.id, w)));
}

function selectMethods(spec: string | undefined): RecoveryMethod[] {
  if (spec === undefined) return [...METHODS];
  const names = spec.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const n of names) {
    if (!METHODS.some((m) => m.name === n)) {
      throw new UsageError(
        `--methods: unknown method "${n}"; use ${METHODS.map((m) => m.name).join(", ")}`,
      );
    }
  }
  return METHODS.filter((m) => names.includes(m.name));
}

async function geoMain(
  values: { sets?: string; quick: boolean; list: boolean; write?: string; json?: string },
): Promise<number> {
  const defs = selectSets(
    parseGeoGrid(await Deno.readTextFile(GEO_GRID)),
    values.sets,
    values.quick,
  );
  if (values.list) {
    for (const d of defs) console.log(`${d.id}  seed ${d.seed}${d.quick ? "  (quick)" : ""}`);
    return 0;
  }
  const sets = defs.map(generateGeoSet);
  if (values.write === undefined) {
    const scores = [];
    for (const [k, d] of defs.entries()) {
      for (const m of GEO_METHODS) {
        const t0 = performance.now();
        const score = await scoreGeoFit(sets[k]!, m, d.line.geoTrend === true);
        scores.push(score);
        const seconds = ((performance.now() - t0) / 1000).toFixed(1);
        console.error(`${d.id} ${m.name}: ${seconds} s ${JSON.stringify(score)}`);
      }
    }
    console.log(geoTables(scores, sets));
    if (values.json !== undefined) {
      await writeTextAtomic(values.json, JSON.stringify({ scores }, null, 1) + "\n");
    }
    return 0;
  }
  const files = await writeGeoSets(sets, values.write);
  console.log(`wrote ${files.length} files for ${sets.length} panels into ${values.write}`);
  return 0;
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
      grid: { type: "string" },
      methods: { type: "string" },
      sets: { type: "string" },
      json: { type: "string" },
      seed: { type: "string", default: "42" },
      write: { type: "string" },
      list: { type: "boolean", default: false },
      geo: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new UsageError(`--seed must be a whole number in [0, 2^32), got "${values.seed}"`);
  }
  if (values.fresh && (values.quick || values.geo)) {
    throw new UsageError("--fresh runs the full validation sets: leave out --quick and --geo");
  }
  if (values.grid !== undefined && (values.fresh || values.quick || values.geo)) {
    throw new UsageError("--grid names the sets to run: leave out --fresh, --quick and --geo");
  }
  if (values.geo) return await geoMain(values);
  const grid = parseGrid(await readGrid(values.grid ?? (values.fresh ? FRESH_GRID : GRID)));
  const defs = selectSets(grid, values.sets, values.quick);
  if (values.list) {
    for (const d of defs) console.log(`${d.id}  seed ${d.seed}${d.quick ? "  (quick)" : ""}`);
    return 0;
  }
  const methods = selectMethods(values.methods);
  const sets = defs.map(generateSet);
  if (values.write !== undefined) {
    const files = await writeSets(sets, values.write);
    console.log(`wrote ${files.length} files for ${sets.length} sets into ${values.write}`);
    return 0;
  }
  const result = await runStudy(sets, {
    methods,
    quick: values.quick,
    seed,
    optunaPath: OPTUNA,
    onFit: (fit, done, total) => {
      const abs = fit.channels.map((c) => Math.abs(c.error)).sort((a, b) => a - b);
      const k = abs.length >> 1;
      const median = abs.length % 2 === 1 ? abs[k]! : (abs[k - 1]! + abs[k]!) / 2;
      const result = fit.failure !== undefined
        ? `FAILED: ${fit.failure}`
        : `median |ROAS error| ${(100 * median).toFixed(1)}%${
          fit.warnings.length > 0 ? `, warnings: ${fit.warnings.join(" ")}` : ""
        }`;
      console.error(
        `[${done}/${total}] ${fit.set} ${fit.method} ${fit.seconds.toFixed(1)} s: ${result}`,
      );
    },
  });
  console.log(result.report);
  console.error(`\nseconds per fit (these vary between runs):\n${result.timing}`);
  if (values.json !== undefined) {
    await writeTextAtomic(values.json, JSON.stringify(result.json, null, 1) + "\n");
  }
  return 0;
}

try {
  Deno.exit(await main(Deno.args));
} catch (e) {
  const parseError = String((e as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");
  const known = e instanceof UsageError || parseError ||
    e instanceof Deno.errors.PermissionDenied || e instanceof Deno.errors.NotFound;
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  Deno.exit(known ? 2 : 1);
}
