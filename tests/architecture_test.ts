// The layering of lib/, read from the import lines of its files.
//
// ALLOWED below is the whole rule: each folder of lib/ and the folders it may import. Files at
// the top of lib/ (types.ts, errors.ts, rng.ts, dates.ts, …) form the folder ".". lib/mod.ts,
// the front door, may import everything and is not checked. A sub-folder belongs to its top
// folder (models/bayes is models). Read bottom to top:
//
//   .  _internal            types, errors, rng, dates; private helpers (linear algebra, …)
//   core                    the "." files as one entry point (mixlab/core), re-exports only
//   display                 tables that show themselves, the Jupyter display protocol
//   transforms  features    adstock/saturation; trend, seasonality, events, lags
//   guardrails              checks of a fitted model's attribution (issue 12)
//   prep  models  sim       load/clean/EDA; estimators; simulated data
//   analysis  optimize      decomposition, returns, diagnostics, summaries; budget allocation
//   forecast                spend plans and predictions (uses analysis)
//   plot                    every chart, from the result types below it
//   mediation  tuning       display themselves through plot (tuning bootstraps with
//                           mediation's moving blocks)
//   config  report  planner the configured workflow; HTML report and result.json; the
//                           browser planner page
//
// Besides the table: nothing in lib/ imports tasks/, tests/ or bench/ (no path leaving lib/),
// nor the "mixlab" front door; packages come through the import map or node: builtins; and no
// two folders import each other, directly or round a longer cycle.
//
// A new folder, or a new dependency, is one deliberate edit of ALLOWED.
import assert from "node:assert/strict";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";

/** Folder → the folders its files may import (besides its own). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  ".": [],
  "_internal": ["."],
  "core": ["."],
  "display": [".", "_internal"],
  "transforms": [".", "_internal"],
  "features": [".", "_internal"],
  "guardrails": [".", "_internal", "display", "transforms"],
  "prep": [".", "_internal", "display", "features"],
  "models": [".", "_internal", "display", "transforms", "features", "guardrails"],
  "sim": [".", "_internal", "display", "transforms", "features"],
  "analysis": [".", "_internal", "display", "transforms", "guardrails"],
  "optimize": [".", "_internal", "display"],
  "forecast": [".", "_internal", "display", "analysis"],
  "plot": [".", "_internal", "display", "prep", "analysis", "optimize", "forecast"],
  "mediation": [".", "_internal", "display", "models", "plot"],
  "tuning": [
    ".",
    "_internal",
    "display",
    "transforms",
    "features",
    "guardrails",
    "models",
    "analysis",
    "mediation",
    "plot",
  ],
  "config": [
    ".",
    "_internal",
    "display",
    "transforms",
    "features",
    "guardrails",
    "prep",
    "models",
    "analysis",
    "optimize",
    "forecast",
    "tuning",
  ],
  "report": [".", "_internal", "display", "prep", "analysis", "optimize", "forecast", "plot"],
  "planner": [".", "_internal", "display", "models", "analysis", "optimize", "forecast", "plot"],
};

/** Rules the layering must keep whatever ALLOWED says (issue 14). */
const FORBIDDEN: readonly { from: string; to: readonly string[] }[] = [
  { from: "models", to: ["plot", "report"] },
  { from: "transforms", to: ["models", "prep"] },
];

const LIB = fromFileUrl(new URL("../lib/", import.meta.url));
const IMPORT_MAP: Readonly<Record<string, string>> = JSON.parse(
  await Deno.readTextFile(fromFileUrl(new URL("../deno.json", import.meta.url))),
).imports;

/** The module specifiers a TypeScript source imports, re-exports or loads as a worker. */
function specifiers(source: string): string[] {
  const out: string[] = [];
  for (const line of source.split("\n")) {
    const t = line.trimStart();
    if (t.startsWith("*") || t.startsWith("//") || t.startsWith("/*")) continue;
    const staticImport = /^(?:import|export)\b[^"'`]*?\bfrom\s*["']([^"']+)["']/.exec(t) ??
      /^import\s*["']([^"']+)["']/.exec(t) ?? /^\}\s*from\s*["']([^"']+)["']/.exec(t);
    if (staticImport) out.push(staticImport[1] as string);
    for (const m of t.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1] as string);
    for (const m of t.matchAll(/\bnew URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g)) {
      out.push(m[1] as string);
    }
  }
  return out;
}

/** The folder of a path relative to lib/: its first segment, or "." for top-level files. */
function folderOf(path: string): string {
  const parts = path.split("/");
  return parts.length > 1 ? parts[0] as string : ".";
}

interface Layering {
  /** Broken rules, one sentence each. */
  readonly violations: string[];
  /** Folder → folders it imports. */
  readonly edges: Map<string, Set<string>>;
}

/** Checks files (path relative to lib/ → source) against a table of allowed folder imports. */
function checkLayering(
  files: ReadonlyMap<string, string>,
  allowed: Readonly<Record<string, readonly string[]>>,
): Layering {
  const violations: string[] = [];
  const edges = new Map<string, Set<string>>();
  for (const [path, source] of files) {
    if (path === "mod.ts") continue;
    const from = folderOf(path);
    if (allowed[from] === undefined) {
      violations.push(`lib/${path}: folder "${from}" is not in the table of allowed imports`);
      continue;
    }
    for (const spec of specifiers(source)) {
      if (spec.startsWith("node:")) continue;
      if (!spec.startsWith(".")) {
        if (spec === "mixlab" || spec.startsWith("mixlab/")) {
          violations.push(`lib/${path} imports the front door "${spec}": import the module itself`);
        } else if (!(spec in IMPORT_MAP)) {
          violations.push(`lib/${path} imports "${spec}", which is not in deno.json's imports`);
        }
        continue;
      }
      const target = normalize(join(dirname(path), spec)).replaceAll("\\", "/");
      if (target.startsWith("..")) {
        violations.push(`lib/${path} imports "${spec}", outside lib/ (tasks, tests or bench)`);
        continue;
      }
      const to = folderOf(target);
      if (to === from) continue;
      (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
      if (!(allowed[from] ?? []).includes(to)) {
        violations.push(`lib/${path} (${from}) imports "${spec}" (${to}), which ${from} may not`);
      }
    }
  }
  return { violations, edges };
}

/** Every cycle of folders (as a path that returns to its start), by depth-first search. */
function folderCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

async function libFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith(".ts")) {
        files.set(relative(LIB, path).replaceAll("\\", "/"), await Deno.readTextFile(path));
      }
    }
  };
  await walk(LIB);
  return files;
}

const files = await libFiles();

Deno.test("lib/ imports only what its layering table allows", () => {
  const { violations } = checkLayering(files, ALLOWED);
  assert.deepEqual(violations, []);
});

Deno.test("lib/ has no folder-level import cycle", () => {
  const { edges } = checkLayering(files, ALLOWED);
  assert.deepEqual(folderCycles(edges), []);
  // The table itself is acyclic, so no edit within it can make a cycle legal.
  const table = new Map(Object.entries(ALLOWED).map(([k, v]) => [k, new Set(v)]));
  assert.deepEqual(folderCycles(table), []);
});

Deno.test("models never import plot or report, transforms neither models nor prep", () => {
  for (const rule of FORBIDDEN) {
    for (const to of rule.to) {
      assert.ok(!ALLOWED[rule.from]?.includes(to), `the table lets ${rule.from} import ${to}`);
    }
  }
  const { edges } = checkLayering(files, ALLOWED);
  for (const rule of FORBIDDEN) {
    for (const to of rule.to) assert.ok(!edges.get(rule.from)?.has(to), `${rule.from} → ${to}`);
  }
});

Deno.test("the layering check catches each kind of bad import", () => {
  const bad = new Map([
    ["models/fit.ts", 'import { table } from "../report/table.ts";'],
    ["transforms/x.ts", 'export { a } from "../models/a.ts";'],
    [
      "prep/y.ts",
      'import {\n  run,\n} from "../../tasks/mmm.ts";\nconst m = await import("../plot/z.ts");',
    ],
    ["analysis/z.ts", 'import { fit } from "mixlab";\nimport x from "npm:left-pad";'],
    ["geo/a.ts", 'import { b } from "../models/b.ts";'],
    // Comments and JSDoc examples are not imports.
    [
      "optimize/ok.ts",
      ' * import { plotFit } from "../plot/fit_chart.ts";\n// from "../report/x.ts"',
    ],
  ]);
  const { violations, edges } = checkLayering(bad, ALLOWED);
  assert.equal(violations.length, 7, violations.join("\n"));
  assert.match(violations[0]!, /models\/fit\.ts \(models\) imports "\.\.\/report\/table\.ts"/);
  assert.match(violations[1]!, /transforms\/x\.ts/);
  assert.match(violations[2]!, /outside lib\//);
  assert.match(violations[3]!, /prep\/y\.ts \(prep\) imports "\.\.\/plot\/z\.ts"/);
  assert.match(violations[4]!, /front door "mixlab"/);
  assert.match(violations[5]!, /"npm:left-pad", which is not in deno\.json's imports/);
  assert.match(violations[6]!, /folder "geo" is not in the table/);
  assert.equal(edges.get("optimize"), undefined);
  const cyclic = new Map([["a", new Set(["b"])], ["b", new Set(["c"])], ["c", new Set(["a"])]]);
  assert.deepEqual(folderCycles(cyclic), [["a", "b", "c", "a"]]);
});

// Sizes (issue 14): no file in lib/ over 400 lines, no function over 150. Every offender left
// when the check came in has been split; an entry may be listed here only with its size and a
// reason, and leaves the list when its file or function is split (the test says when).
const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 150;
const OVERSIZE: Readonly<Record<string, number>> = {};

/** Functions (declarations, expressions, arrows, methods) longer than `max` lines, by name. */
function longFunctions(path: string, source: string, max: number): Map<string, number> {
  const found = new Map<string, number>();
  const lineOf = (offset: number) => source.slice(0, offset).split("\n").length;
  const plugin: Deno.lint.Plugin = {
    name: "size",
    rules: {
      "function-lines": {
        create(context) {
          const check = (node: Deno.lint.Node & { parent?: Deno.lint.Node }) => {
            const lines = lineOf(node.range[1]) - lineOf(node.range[0]) + 1;
            if (lines <= max) return;
            const p = node.parent;
            const name = node.type === "FunctionDeclaration" && node.id
              ? node.id.name
              : (p?.type === "VariableDeclarator" && p.id.type === "Identifier")
              ? p.id.name
              : ((p?.type === "MethodDefinition" || p?.type === "Property") &&
                  p.key.type === "Identifier")
              ? p.key.name
              : `(anonymous, line ${lineOf(node.range[0])})`;
            context.report({ node, message: `${name}\t${lines}` });
          };
          return {
            FunctionDeclaration: check,
            FunctionExpression: check,
            ArrowFunctionExpression: check,
          };
        },
      },
    },
  };
  for (const d of Deno.lint.runPlugin(plugin, path, source)) {
    const [name, lines] = d.message.split("\t") as [string, string];
    found.set(`${name}()`, Math.max(found.get(`${name}()`) ?? 0, Number(lines)));
  }
  return found;
}

/** Every file over the file limit and function over the function limit, with its lines. */
function oversize(sources: ReadonlyMap<string, string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [path, source] of sources) {
    const lines = source.split("\n").length - (source.endsWith("\n") ? 1 : 0);
    if (lines > MAX_FILE_LINES) out.set(path, lines);
    for (const [name, n] of longFunctions(path, source, MAX_FUNCTION_LINES)) {
      out.set(`${path} ${name}`, n);
    }
  }
  return out;
}

Deno.test("no file in lib/ is over 400 lines, nor a function over 150, but the listed ones", () => {
  const found = oversize(files);
  const problems: string[] = [];
  for (const [what, lines] of found) {
    const allowed = OVERSIZE[what];
    if (allowed === undefined) problems.push(`${what}: ${lines} lines (split it by concept)`);
  }
  for (const what of Object.keys(OVERSIZE)) {
    if (!found.has(what)) problems.push(`${what} is within the limit now: remove it from OVERSIZE`);
  }
  assert.deepEqual(problems, []);
});

Deno.test("the size check measures functions of every form", () => {
  const body = (n: number) =>
    Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join("\n");
  const source = [
    `export function long() {\n${body(150)}\n}`, // 152 lines
    `function short() {\n${body(148)}\n}`, // 150 lines: at the limit
    `const arrow = () => {\n${body(149)}\n};`,
    `class K {\n  method() {\n${body(149)}\n  }\n}`,
  ].join("\n");
  const found = longFunctions("x.ts", source, MAX_FUNCTION_LINES);
  assert.deepEqual(Object.fromEntries(found), { "long()": 152, "arrow()": 151, "method()": 151 });
});

Deno.test("every folder's mod.ts is a subpath export and an import-map name, and nothing else is", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(fromFileUrl(new URL("../deno.json", import.meta.url))),
  );
  const folders = [...files.keys()].filter((p) => p.endsWith("/mod.ts")).map((p) =>
    p.slice(0, -"/mod.ts".length)
  ).sort();
  const exported = Object.keys(config.exports).filter((k) => k !== ".").map((k) => k.slice(2));
  assert.deepEqual(exported.sort(), folders);
  for (const f of folders) {
    assert.equal(config.exports[`./${f}`], `./lib/${f}/mod.ts`);
    assert.equal(config.imports[`mixlab/${f}`], `./lib/${f}/mod.ts`);
  }
  assert.match(
    config.tasks.test.command,
    new RegExp(
      `deno doc --lint lib/mod\\.ts ${folders.map((f) => `lib/${f}/mod\\.ts`).join(" ")} &&`,
    ),
  );
});
