// The root export list (lib/mod.ts, `import … from "mixlab"`) is the workflow: about 40 to 60
// names, each with a runnable @example, none of them internal (issue 14). Everything else is
// reached through a folder's subpath (`mixlab/models`, `mixlab/tuning`, …).
//
// The names are read as deno resolves them (`deno doc --json lib/mod.ts`), so `export *` and
// re-exports count exactly as a user sees them.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

interface DocTag {
  readonly kind: string;
}
interface DocSymbol {
  readonly name: string;
  readonly declarations: readonly {
    readonly location: { readonly filename: string };
    readonly jsDoc?: { readonly tags?: readonly DocTag[] };
  }[];
}

const root = fileURLToPath(new URL("../", import.meta.url));

async function docSymbols(entry: string): Promise<DocSymbol[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", entry],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const doc = JSON.parse(new TextDecoder().decode(out.stdout));
  const [module] = Object.values(doc.nodes) as { symbols: DocSymbol[] }[];
  assert.ok(module, `deno doc --json ${entry} returned no module`);
  return module.symbols;
}

const rootSymbols = await docSymbols("lib/mod.ts");

Deno.test("the root exports between 40 and 60 names", () => {
  const names = rootSymbols.map((s) => s.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(
    names.length >= 40 && names.length <= 60,
    `lib/mod.ts exports ${names.length} names: ${names.join(", ")}`,
  );
});

Deno.test("every root export has an @example", () => {
  const missing = rootSymbols
    .filter((s) =>
      !s.declarations.some((d) => d.jsDoc?.tags?.some((t) => t.kind === "example") ?? false)
    )
    .map((s) => s.name);
  assert.deepEqual(missing, []);
});

Deno.test("no root export is declared in an internal file", () => {
  const internal = rootSymbols.filter((s) =>
    s.declarations.some((d) => /\/(_internal\/|_[^/]*\.ts$)/.test(d.location.filename))
  ).map((s) => s.name);
  assert.deepEqual(internal, []);
});
