/**
 * The `mmm` command line, run as a user runs it (a subprocess): bad input gives exit code 2 and
 * one clear message (never a stack trace); a fit writes result.json, model.json and a report
 * where user-supplied names show as text; optimize and forecast work from the fit's result.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { parseHTML } from "linkedom";

const root = join(dirname(new URL(import.meta.url).pathname), "..", "..");
const demoCsv = Deno.readTextFileSync(join(root, "data", "demo.csv"));

async function mmm(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-sys",
      "--allow-ffi",
      join(root, "tasks", "mmm.ts"),
      ...args,
    ],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

/** A config for `data.csv` in `dir` (ridge without tuning, so runs are quick). */
function config(extra: Record<string, unknown> = {}, channels?: Record<string, unknown>) {
  return {
    data: "data.csv",
    kpi: "revenue",
    channels: channels ?? Object.fromEntries(
      ["tv", "radio", "social", "search", "display"].map((c) => [c, { spend: `${c}_spend` }]),
    ),
    controls: ["price", "promo", "holiday"],
    model: { kind: "ridge", lambda: 0.1 },
    ...extra,
  };
}

async function workspace(csv: string, cfg: unknown): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "mixlab-cli-" });
  await Deno.writeTextFile(join(dir, "data.csv"), csv);
  await Deno.writeTextFile(
    join(dir, "config.json"),
    typeof cfg === "string" ? cfg : JSON.stringify(cfg),
  );
  return dir;
}

/** Replaces cell (row, column name) of a CSV text. */
function setCell(csv: string, row: number, column: string, value: string): string {
  const lines = csv.split("\n");
  const j = (lines[0] as string).split(",").indexOf(column);
  const cells = (lines[row + 1] as string).split(",");
  cells[j] = value;
  lines[row + 1] = cells.join(",");
  return lines.join("\n");
}

const badCases: [string, string, unknown, string[], RegExp][] = [
  ["no command", demoCsv, config(), [], /Usage: deno task mmm <command>/],
  ["an unknown command", demoCsv, config(), ["fitt"], /unknown command "fitt"/],
  ["fit without --config", demoCsv, config(), ["fit", "--out", "OUT"], /--config FILE is required/],
  [
    "a missing config file",
    demoCsv,
    config(),
    ["fit", "--config", "nope.json", "--out", "OUT"],
    /"nope.json" does not exist/,
  ],
  [
    "a config that is not JSON",
    demoCsv,
    "{ data: ",
    ["fit", "--config", "CONFIG", "--out", "OUT"],
    /is not valid JSON/,
  ],
  ["an unknown config key", demoCsv, config({ colour: "red" }), [
    "fit",
    "--config",
    "CONFIG",
    "--out",
    "OUT",
  ], /"colour" is not a known key/],
  ["a bad model kind", demoCsv, config({ model: { kind: "xgboost" } }), [
    "fit",
    "--config",
    "CONFIG",
    "--out",
    "OUT",
  ], /"model.kind" must be one of/],
  ["a missing column", demoCsv, config({}, { tv: { spend: "tv_spnd" } }), [
    "validate",
    "--config",
    "CONFIG",
  ], /tv_spnd/],
  ["a non-numeric cell", setCell(demoCsv, 4, "radio_spend", "n/a"), config(), [
    "validate",
    "--config",
    "CONFIG",
  ], /radio_spend/],
  ["negative spend", setCell(demoCsv, 7, "tv_spend", "-5"), config(), [
    "validate",
    "--config",
    "CONFIG",
  ], /negative/i],
  ["a duplicate date", setCell(demoCsv, 3, "date", "2022-01-10"), config(), [
    "validate",
    "--config",
    "CONFIG",
  ], /duplicate/i],
  ["fit without --out", demoCsv, config(), ["fit", "--config", "CONFIG"], /--out is required/],
  ["an unknown flag", demoCsv, config(), ["validate", "--config", "CONFIG", "--colour"], /colour/],
  [
    "a bad --seed",
    demoCsv,
    config(),
    ["fit", "--config", "CONFIG", "--out", "OUT", "--seed", "x"],
    /--seed must be a whole number/,
  ],
  ["an unknown scenario", demoCsv, config(), [
    "simulate",
    "--scenario",
    "galaxy",
    "--out",
    "OUT/s.csv",
  ], /unknown scenario "galaxy"/],
  ["a holdout longer than the data", demoCsv, config({ holdoutWeeks: 150 }), [
    "fit",
    "--config",
    "CONFIG",
    "--out",
    "OUT",
  ], /holdoutWeeks 150/],
];

for (const [what, csv, cfg, args, message] of badCases) {
  Deno.test(`mmm exits 2 with one clear message for ${what}`, async () => {
    const dir = await workspace(csv, cfg);
    try {
      const r = await mmm(
        args.map((a) =>
          a.replace("CONFIG", join(dir, "config.json")).replace("OUT", join(dir, "out"))
        ),
      );
      assert.equal(r.code, 2, r.stderr + r.stdout);
      assert.match(r.stderr + r.stdout, message);
      assert.ok(!/\n\s+at /.test(r.stderr), `no stack trace:\n${r.stderr}`);
      // nothing half-written
      const out = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
      assert.deepEqual(out, ["config.json", "data.csv"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test({
  name: "mmm fit writes result.json, model.json and a report where hostile names are text",
  sanitizeResources: false,
  fn: async () => {
    const evil = "<script>alert(1)</script>";
    const csv = demoCsv.replace("tv_spend", evil.replaceAll(",", ""));
    const dir = await workspace(
      csv,
      config({}, {
        [evil]: { spend: evil },
        radio: { spend: "radio_spend" },
        social: { spend: "social_spend" },
        search: { spend: "search_spend" },
        display: { spend: "display_spend" },
      }),
    );
    try {
      const out = join(dir, "out");
      const fit = await mmm(["fit", "--config", join(dir, "config.json"), "--out", out]);
      assert.equal(fit.code, 0, fit.stderr);
      const result = JSON.parse(await Deno.readTextFile(join(out, "result.json")));
      assert.equal(result.channels[0].name, evil);
      assert.equal(result.seed, 42);
      assert.equal(result.fit.r2_holdout > 0.5, true);
      for (const key of ["roas", "mroas", "effect_share", "spend_share", "contribution"]) {
        assert.equal(typeof result.channels[0][key], "number", key);
      }
      const html = await Deno.readTextFile(join(out, "report.html"));
      const { document } = parseHTML(html);
      assert.equal(document.querySelectorAll("script").length, 0, "no script element");
      assert.ok(document.body.textContent!.includes(evil), "the name shows as text");
      assert.ok(
        !/(src|href)="https?:/.test(html),
        "self-contained: nothing loaded from the network",
      );

      const opt = await mmm([
        "optimize",
        "--result",
        join(out, "result.json"),
        "--out",
        join(dir, "opt"),
      ]);
      assert.equal(opt.code, 0, opt.stderr);
      const allocation = JSON.parse(await Deno.readTextFile(join(dir, "opt", "allocation.json")));
      assert.ok(allocation.channels.some((c: { name: string }) => c.name === evil));

      const plan = ["date," + [evil, "radio", "social", "search", "display"].join(",")];
      plan.push("2024-12-30,1000,1000,1000,1000,1000", "2025-01-06,0,0,0,0,0");
      await Deno.writeTextFile(join(dir, "plan.csv"), plan.join("\n"));
      const fc = await mmm([
        "forecast",
        "--result",
        join(out, "result.json"),
        "--plan",
        join(dir, "plan.csv"),
        "--out",
        join(dir, "fc"),
      ]);
      assert.equal(fc.code, 0, fc.stderr);
      const forecast = JSON.parse(await Deno.readTextFile(join(dir, "fc", "forecast.json")));
      assert.deepEqual(forecast.dates, ["2024-12-30", "2025-01-06"]);

      const bad = await mmm([
        "forecast",
        "--result",
        join(out, "result.json"),
        "--plan",
        join(dir, "data.csv"),
        "--out",
        join(dir, "fc2"),
      ]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /Cannot read plan/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "mmm fit with a Bayesian model keeps fixed transform parameters fixed, and result.json params are the posterior means of model.json's draws",
  sanitizeResources: false,
  fn: async () => {
    const dir = await workspace(
      demoCsv,
      config({
        holdoutWeeks: 0,
        model: { kind: "bayes", chains: 2, warmup: 150, draws: 150 },
        calibration: {
          liftTests: [{
            channel: "tv",
            start: "2023-03-06",
            end: "2023-04-03",
            lift: 50000,
            standardError: 20000,
          }],
        },
      }, {
        tv: { spend: "tv_spend" },
        search: {
          spend: "search_spend",
          adstock: { kind: "geometric-normalized", params: { maxLag: 8 } },
          saturation: { kind: "logistic", params: { lambda: 0.49 } },
        },
      }),
    );
    try {
      const out = join(dir, "out");
      const fit = await mmm(["fit", "--config", join(dir, "config.json"), "--out", out]);
      assert.equal(fit.code, 0, fit.stderr);
      const result = JSON.parse(await Deno.readTextFile(join(out, "result.json")));
      const model = JSON.parse(await Deno.readTextFile(join(out, "model.json")));
      const names: string[] = model.parameters.map((p: { name: string }) => p.name);
      // λ fixed in the config: not a sampled parameter, reported as fixed at 0.49
      assert.ok(!names.includes("search.lambda"));
      const search = result.channels.find((c: { name: string }) => c.name === "search");
      assert.equal(search.params.saturation.params.lambda, 0.49);
      assert.equal(search.params.saturation.status.lambda, "fixed");
      // every sampled transform parameter: result.json's value is the mean of the saved draws
      const dim = names.length, n = model.draws.length / dim;
      let checked = 0;
      for (const ch of result.channels) {
        for (const stage of ["adstock", "saturation"]) {
          for (const [param, status] of Object.entries(ch.params[stage].status)) {
            if (status !== "estimated") continue;
            const j = names.indexOf(`${ch.name}.${param}`);
            let mean = 0;
            for (let i = 0; i < n; i++) mean += model.draws[i * dim + j] / n;
            const value = ch.params[stage].params[param];
            assert.ok(Math.abs(value - mean) <= 1e-12 * Math.abs(mean), `${ch.name}.${param}`);
            const [lo, hi] = ch.params[stage].ci90[param];
            assert.ok(lo < value && value < hi);
            checked++;
          }
        }
      }
      assert.equal(checked, 4); // tv decay, halfSaturation, shape; search decay
      assert.equal(typeof result.diagnostics.divergences, "number");
      assert.equal(typeof result.channels[0].roas_ci90[0], "number");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("mmm simulate writes the same bytes for the same seed", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mixlab-sim-" });
  try {
    for (const name of ["a", "b"]) {
      const r = await mmm([
        "simulate",
        "--scenario",
        "demo",
        "--seed",
        "5",
        "--out",
        join(dir, `${name}.csv`),
      ]);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(
      await Deno.readTextFile(join(dir, "a.csv")),
      await Deno.readTextFile(join(dir, "b.csv")),
    );
    assert.equal(
      await Deno.readTextFile(join(dir, "a.truth.json")),
      await Deno.readTextFile(join(dir, "b.truth.json")),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
