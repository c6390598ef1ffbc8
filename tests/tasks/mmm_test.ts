/**
 * The `mmm` command line, run as a user runs it (a subprocess): bad input gives exit code 2 and
 * one clear message (never a stack trace); a fit writes result.json, model.json and a report
 * where user-supplied names show as text; optimize and forecast work from the fit's result.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { mmm, root } from "./_mmm.ts";

const demoCsv = Deno.readTextFileSync(join(root, "data", "demo.csv"));

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
  ["an empty KPI cell", setCell(demoCsv, 9, "revenue", ""), config(), [
    "validate",
    "--config",
    "CONFIG",
  ], /"revenue" has 1 empty cells.*set cleaning\.missing\.kpi to "interpolate"/],
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

Deno.test({
  name: "mmm fit cleans flighting.csv as its config says and reports every week it changed",
  sanitizeResources: false,
  fn: async () => {
    const out = await Deno.makeTempDir({ prefix: "mixlab-flighting-" });
    try {
      const r = await mmm([
        "fit",
        "--config",
        join(root, "data", "flighting.config.json"),
        "--out",
        out,
        "--quiet",
      ]);
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(await Deno.readTextFile(join(out, "result.json")));
      const changes = result.data_quality.changes as {
        check: string;
        row: number;
        date: string;
        action: string;
        before: number | null;
        after: number;
      }[];
      // The CSV's own KPI column, with the empty cells interpolated by hand (each empty week has
      // a value on both sides, so the fill is the mean of the neighbours).
      const lines = Deno.readTextFileSync(join(root, "data", "flighting.csv")).trim().split("\n");
      const dates = lines.slice(1).map((l) => l.split(",")[0] as string);
      const raw = lines.slice(1).map((l) => l.split(",")[1] as string);
      const truth = JSON.parse(Deno.readTextFileSync(join(root, "data", "flighting.truth.json")));
      const empty = raw.flatMap((v, i) => (v === "" ? [i] : []));
      assert.deepEqual(empty, truth.missingKpiRows);
      const kpi = raw.map((v, i) =>
        v === "" ? (Number(raw[i - 1]) + Number(raw[i + 1])) / 2 : Number(v)
      );
      const imputed = changes.filter((c) => c.check === "missing-values");
      assert.deepEqual(imputed.map((c) => c.row), truth.missingKpiRows);
      assert.deepEqual(imputed.map((c) => c.date), empty.map((i) => dates[i]));
      for (const c of imputed) {
        assert.equal(c.action, "interpolated");
        assert.ok(Math.abs(c.after - (kpi[c.row] as number)) < 1e-6, `${c.date}: ${c.after}`);
      }
      // Robust z-score fences (Iglewicz & Hoaglin): median ± 3.5·MAD/0.6745 of the filled KPI.
      const median = (v: number[]) => {
        const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
        return s.length % 2 ? s[m] as number : ((s[m - 1] as number) + (s[m] as number)) / 2;
      };
      const med = median(kpi), mad = median(kpi.map((v) => Math.abs(v - med)));
      const lo = med - 3.5 * mad / 0.6745, hi = med + 3.5 * mad / 0.6745;
      const outside = kpi.flatMap((v, i) => (v < lo || v > hi ? [i] : []));
      const capped = changes.filter((c) => c.check === "outliers");
      assert.deepEqual(capped.map((c) => c.row), outside);
      assert.ok(outside.length >= 1, "the largest spike is caught");
      for (const c of capped) {
        assert.equal(c.action, "winsorized");
        assert.ok(truth.shocks[c.row] !== 0, `week ${c.date} is one of the simulated shocks`);
        assert.equal(c.before, kpi[c.row]);
        assert.ok(Math.abs(c.after - (c.before! > hi ? hi : lo)) < 1e-6);
      }
      const { document } = parseHTML(await Deno.readTextFile(join(out, "report.html")));
      const section = [...document.querySelectorAll("section")].find((s) =>
        s.querySelector("h2")?.textContent === "Data quality"
      );
      assert.ok(section, "the report has a data quality section");
      for (const c of changes) assert.ok(section.textContent!.includes(c.date), c.date);
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
