/**
 * Builds the geo model's SIMD Hill kernel: reads `lib/models/geo/bayes/_hill_simd.wat` (one
 * pair of rows per loop iteration, readable), repeats its row block for {@link PAIRS} pairs per
 * iteration with the statements interleaved (independent rows let the CPU overlap the
 * polynomial chains; bench/README.md has the measurements), assembles it
 * with WABT and writes the module, base64, into `_hill_simd_wasm.ts`. `--check` rebuilds and
 * fails if the committed module differs (the test suite runs it).
 *
 * ```sh
 * deno task build-wasm          # rewrite _hill_simd_wasm.ts
 * deno task build-wasm --check  # exit 1 if it is stale
 * ```
 *
 * @module
 */
import wabtInit from "wabt";

/** Row pairs per loop iteration of the built kernel. */
export const PAIRS = 4;

const DIR = new URL("../lib/models/geo/bayes/", import.meta.url);
const WAT = new URL("_hill_simd.wat", DIR);
const OUT = new URL("_hill_simd_wasm.ts", DIR);

/** The top-level S-expressions of `text`, comments dropped. */
function statements(text: string): string[] {
  const code = text.split("\n").map((l) => l.replace(/;;.*$/, "")).join(" ");
  const out: string[] = [];
  let depth = 0, cur = "";
  for (const ch of code) {
    if (depth === 0 && ch !== "(") continue;
    cur += ch;
    if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) {
      out.push(cur.replace(/\s+/g, " "));
      cur = "";
    }
  }
  return out;
}

function between(text: string, from: string, to: string): [number, number] {
  const a = text.indexOf(from), b = text.indexOf(to);
  if (a < 0 || b < a) throw new Error(`build-wasm: ${WAT.pathname} lacks "${from}" … "${to}"`);
  return [a + from.length, b];
}

/** The .wat with its row block repeated `pairs` times per iteration, interleaved. */
export function interleave(wat: string, pairs: number): string {
  const [l0, l1] = between(wat, ";; LOCALS", ";; END LOCALS");
  const locals = [...wat.slice(l0, l1).matchAll(/\(local \$(\w+) v128\)/g)].map((m) => m[1]!);
  const [b0, b1] = between(wat, ";; BEGIN ROWS", ";; END ROWS");
  const block = statements(wat.slice(b0, b1));
  const copy = (s: string, j: number) => {
    let t = s;
    for (const name of locals) t = t.replaceAll(new RegExp(`\\$${name}\\b`, "g"), `$${name}${j}`);
    return j === 0
      ? t
      : t.replaceAll("(local.get $off)", `(i32.add (local.get $off) (i32.const ${16 * j}))`);
  };
  const body = block.flatMap((s) => Array.from({ length: pairs }, (_, j) => copy(s, j)));
  const decls = Array.from({ length: pairs }, (_, j) => locals.map((n) => `(local $${n}${j} v128)`))
    .flat().join(" ");
  const step = "(local.set $off (i32.add (local.get $off) (i32.const 16)))";
  if (!wat.includes(step)) throw new Error("build-wasm: the loop's step is not where expected");
  return wat.slice(0, l0) + "\n" + decls + "\n" + wat.slice(l1, b0) + "\n" + body.join("\n") +
    "\n" + wat.slice(b1).replace(step, step.replace("16", String(16 * pairs)));
}

/** The TypeScript module holding the assembled kernel. */
export async function buildModule(): Promise<string> {
  const wabt = await wabtInit();
  const text = interleave(await Deno.readTextFile(WAT), PAIRS);
  const mod = wabt.parseWat("_hill_simd.wat", text, { simd: true });
  mod.validate();
  const { buffer } = mod.toBinary({});
  mod.destroy();
  let bin = "";
  for (const b of buffer) bin += String.fromCharCode(b);
  const b64 = btoa(bin).replace(/.{1,96}/g, (line) => `  "${line}",\n`);
  return `/**
 * The geo model's SIMD Hill kernel, assembled by \`deno task build-wasm\` from \`_hill_simd.wat\`
 * (${PAIRS} row pairs per iteration). Generated: do not edit.
 *
 * @module
 */

/** Rows the kernel handles per loop iteration: callers pad their rows to a multiple. */
export const HILL_SIMD_ROWS = ${2 * PAIRS};

/** The WebAssembly module, base64. */
export const HILL_SIMD_WASM = [
${b64}].join("");
`;
}

if (import.meta.main) {
  const text = await buildModule();
  if (Deno.args.includes("--check")) {
    const committed = await Deno.readTextFile(OUT).catch(() => "");
    if (committed !== text) {
      console.error(`${OUT.pathname} is stale: run deno task build-wasm`);
      Deno.exit(1);
    }
    console.log(`${OUT.pathname} is up to date`);
  } else {
    await Deno.writeTextFile(OUT, text);
    console.log(`wrote ${OUT.pathname}`);
  }
}
