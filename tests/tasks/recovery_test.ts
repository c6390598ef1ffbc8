/**
 * `deno task recovery --quick`, run as CI runs it, checks what must hold whatever the defaults'
 * quality: every method has its row and a fit on every quick set; `ols-true` (the true
 * transforms, converted into mixlab's units) recovers every ROAS of the quick sets — all
 * high-signal — within 5%, and every marginal ROAS (+1% spend, the generators' own definition)
 * within 5%, checks of the conversion that fail if it drifts; and the study is
 * byte-stable for a fixed seed.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSet, parseGrid } from "../../tasks/recovery/grid.ts";
import { METHODS } from "../../tasks/recovery/methods/mod.ts";
import type { FitScore } from "../../tasks/recovery/score.ts";
import { runStudy } from "../../tasks/recovery/study.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const grid = parseGrid(Deno.readTextFileSync(join(root, "tasks", "recovery", "sets.jsonl")));

Deno.test("recovery --quick: every method fits every quick set; ols-true ROAS and mROAS within 5%", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mixlab-recovery-" });
  try {
    const json = join(dir, "quick.json");
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["task", "recovery", "--quick", "--json", json],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1" },
    }).output();
    const stdout = new TextDecoder().decode(out.stdout);
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const quick = grid.filter((d) => d.quick).map((d) => d.id);
    assert.ok(quick.length >= 3);
    for (const m of METHODS) {
      assert.match(stdout, new RegExp(`^${m.name} `, "m"), `row of ${m.name}`);
    }
    for (const id of quick) assert.match(stdout, new RegExp(`^${id} `, "m"), `row of ${id}`);
    const result = JSON.parse(await Deno.readTextFile(json)) as { fits: FitScore[] };
    for (const m of METHODS) {
      for (const id of quick) {
        const fit = result.fits.find((f) => f.method === m.name && f.set === id);
        assert.ok(fit && fit.failure === undefined, `${m.name} on ${id}: ${fit?.failure}`);
      }
    }
    for (const fit of result.fits.filter((f) => f.method === "ols-true")) {
      for (const c of fit.channels) {
        assert.ok(
          Math.abs(c.error) < 0.05,
          `ols-true ${fit.set} ${c.name}: ${c.roas} vs ${c.trueRoas}`,
        );
        assert.ok(
          c.mroasError !== undefined && Math.abs(c.mroasError) < 0.05,
          `ols-true ${fit.set} ${c.name}: mROAS off by ${c.mroasError}`,
        );
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("runStudy() is byte-stable for a fixed seed (every method, one quick set)", async () => {
  const def = grid.find((d) => d.id === "robyn-wcdf-2ch-hisig")!;
  const run = () => runStudy([generateSet(def)], { methods: METHODS, quick: true, seed: 42 });
  const a = await run(), b = await run();
  assert.equal(a.report, b.report);
  const strip = (v: unknown) => JSON.stringify(v, (k, x) => (k === "seconds" ? undefined : x));
  assert.equal(strip(a.json), strip(b.json));
  assert.equal(strip(a.json).includes('"seconds"'), false);
});
