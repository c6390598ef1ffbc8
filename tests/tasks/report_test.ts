import assert from "node:assert/strict";
import { dirname, join } from "node:path";

const root = join(dirname(new URL(import.meta.url).pathname), "..", "..");

Deno.test({
  name: "deno task report exits non-zero naming the failing cell, and still writes every report",
  sanitizeResources: false,
  fn: async () => {
    const out = await Deno.makeTempDir({ prefix: "mixlab-report-" });
    try {
      const result = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-read",
          `--allow-write=${out},${join(root, ".jupyter")}`,
          "--allow-env",
          "--allow-run",
          "--allow-sys=uid",
          join(root, "tasks", "report.ts"),
          "--dir",
          join(root, "tests", "fixtures", "notebooks"),
          "--out",
          out,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stderr = new TextDecoder().decode(result.stderr);
      const stdout = new TextDecoder().decode(result.stdout);
      assert.equal(result.code, 1);
      assert.match(stderr, /notebook failing, cell 2: Error: deliberate failure in cell 2/);
      assert.match(stdout, /^notebooks: 1 passed, 1 failed$/m);
      const failing = await Deno.readTextFile(join(out, "failing.html"));
      assert.match(failing, /deliberate failure in cell 2/);
      const passing = await Deno.readTextFile(join(out, "passing.html"));
      assert.match(passing, />42</);
      const index = await Deno.readTextFile(join(out, "index.html"));
      assert.match(index, /href="failing.html"/);
      assert.match(index, /href="passing.html"/);
      assert.match(index, /1 of 2 notebooks ran without error/);
      const leftovers = [...Deno.readDirSync(out)].map((e) => e.name).sort();
      assert.deepEqual(leftovers, ["failing.html", "index.html", "passing.html"]);
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
