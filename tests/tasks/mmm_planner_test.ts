/**
 * `mmm planner`, run as a user runs it: a saved model becomes one planner.html; bad input gives
 * exit code 2 and one message.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { defineModelSpec, fitRidge } from "mixlab";
import { weeklyDates } from "../_toy_model.ts";
import { mmm } from "./_mmm.ts";

Deno.test({
  name: "mmm planner writes planner.html for a saved model, with the title and weeks given",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "mixlab-planner-cli-" });
    try {
      const n = 60;
      const spend = Float64Array.from({ length: n }, (_, i) => 100 + 10 * (i % 7));
      const data = {
        dates: weeklyDates("2023-01-02", n),
        kpiKind: "revenue" as const,
        kpi: { name: "sales", values: spend.map((s, i) => 1000 + 3 * s + 5 * (i % 4)) },
        channels: [{ name: "tv", spend }],
        controls: [],
      };
      const fit = fitRidge(data, defineModelSpec({ channels: ["tv"] }), { lambda: 0.1 });
      await Deno.writeTextFile(join(dir, "model.json"), JSON.stringify(fit.toJSON()));
      const run = await mmm([
        "planner",
        "--model",
        join(dir, "model.json"),
        "--out",
        join(dir, "out"),
        "--weeks",
        "8",
        "--title",
        "Q1 <plan>",
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /planner\.html \(\d+ KB\)/);
      const { document } = parseHTML(await Deno.readTextFile(join(dir, "out", "planner.html")));
      assert.equal(document.querySelector("title")!.textContent, "Q1 <plan>");
      const setup = JSON.parse(document.getElementById("mixlab-planner-setup")!.textContent!);
      assert.equal(setup.horizon, 8);
      assert.equal(setup.source, "model.json");
      assert.deepEqual(setup.channels.map((c: { name: string }) => c.name), ["tv"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("mmm planner exits 2 with one clear message for bad input", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mixlab-planner-cli-" });
  try {
    await Deno.writeTextFile(join(dir, "result.json"), JSON.stringify({ channels: [] }));
    const cases: [string[], RegExp][] = [
      [["--out", dir], /--model is required/],
      [["--model", join(dir, "nope.json"), "--out", dir], /does not exist/],
      [["--model", join(dir, "result.json"), "--out", dir], /Cannot load model: format/],
    ];
    for (const [args, message] of cases) {
      const run = await mmm(["planner", ...args]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
