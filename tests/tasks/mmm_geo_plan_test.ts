// `mmm optimize` and `mmm forecast` on the result of `mmm fit` on a panel, run as a user runs
// them, on a panel of the independent geo generator. The checks recompute what they can from
// result.json with the formulas written out here (each geo's steady weekly response
// population · coefficient · Hill(spend / (population · scale)), Hill x^a/(x^a + k^a)): the split
// spends the budget exactly, keeps every bound, and leaves the free cells with equal marginal
// returns; the national split keeps the geos' proportions; the forecast adds up by geo.
import assert from "node:assert/strict";
import { join } from "node:path";
import { testGeoPanel } from "../_geo_panel.ts";
import { geoTrueChannels } from "../../tasks/recovery/geo_input.ts";
import { toGeoCsv } from "../../tasks/recovery/geo_write.ts";
import type { GeoResultJson } from "../../lib/report/geo_report.ts";
import { mmm } from "./_mmm.ts";

const set = testGeoPanel("cli-geo-plan", 52, { geos: 5, weeks: 80, noise: 0.01, geoSpread: 0.2 });
const train = set.truth.windowWeeks;

interface Cell {
  geo: string;
  channel: string;
  currentSpend: number;
  optimalSpend: number;
  currentResponse: number;
}

async function fitted(): Promise<{ dir: string; result: GeoResultJson }> {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(join(dir, "panel.csv"), toGeoCsv(set));
  Deno.writeTextFileSync(
    join(dir, "config.json"),
    JSON.stringify({
      data: "panel.csv",
      geo: "geo",
      population: "population",
      kpi: "revenue",
      channels: Object.fromEntries(
        geoTrueChannels(set, train).map((c) => [c.name, {
          spend: `${c.name}_spend`,
          adstock: c.adstock,
          saturation: c.saturation,
        }]),
      ),
      controls: set.controls.map((c) => c.name),
      holdoutWeeks: set.dates.length - train,
      model: { kind: "ols" },
    }),
  );
  const r = await mmm(["fit", "--config", join(dir, "config.json"), "--out", join(dir, "fit")]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return { dir, result: JSON.parse(Deno.readTextFileSync(join(dir, "fit", "result.json"))) };
}

/** Each cell's steady weekly response, from result.json and the Hill formula. */
function curves(result: GeoResultJson) {
  const out = new Map<string, (s: number) => number>();
  for (const g of result.geo.geos) {
    g.channels.forEach((c, j) => {
      const p = result.channels[j]!.params;
      assert.equal(p.saturation.kind, "hill");
      const { halfSaturation: k, shape: a } = p.saturation.params as Record<string, number>;
      out.set(`${g.name}/${c.name}`, (s) => {
        const x = s / (g.population * p.scale);
        return g.population * c.coefficient * x ** a! / (x ** a! + k! ** a!);
      });
    });
  }
  return out;
}

Deno.test("mmm optimize on a geo fit: the split by geo and channel is optimal, exact and within its bounds", async () => {
  const { dir, result } = await fitted();
  try {
    const f = curves(result);
    const weeks = result.decomposition.dates.length;
    const current = result.channels.reduce((a, c) => a + c.spend, 0) / weeks;
    const budget = Math.round(1.1 * current);
    const geo0 = result.geo.geos[0]!.name;
    const r = await mmm([
      "optimize",
      "--result",
      join(dir, "fit", "result.json"),
      "--budget",
      String(budget),
      "--geo-bounds",
      `${geo0}=1:1`,
      "--out",
      join(dir, "opt"),
    ]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const plan = JSON.parse(Deno.readTextFileSync(join(dir, "opt", "allocation.json")));
    const cells: Cell[] = plan.cells;
    assert.equal(cells.length, 5 * 2);
    const spent = cells.reduce((a, c) => a + c.optimalSpend, 0);
    assert.ok(Math.abs(spent - budget) < 1e-6 * budget, `spent ${spent} of ${budget}`);
    for (const c of cells) {
      const key = `${c.geo}/${c.channel}`;
      assert.ok(Math.abs(c.currentResponse / f.get(key)!(c.currentSpend) - 1) < 1e-9, key);
      assert.ok(c.optimalSpend >= -1e-9 && c.optimalSpend <= 3 * c.currentSpend + 1e-6, key);
    }
    const own = cells.filter((c) => c.geo === geo0);
    const before = own.reduce((a, c) => a + c.currentSpend, 0);
    const after = own.reduce((a, c) => a + c.optimalSpend, 0);
    assert.ok(Math.abs(after - before) < 1e-6 * before, `${geo0} held at its total`);
    // free cells of the other geos: equal marginal returns (central differences of the curves)
    const marginal = cells
      .filter((c) =>
        c.geo !== geo0 && c.optimalSpend > 1e-6 && c.optimalSpend < 3 * c.currentSpend - 1e-6
      )
      .map((c) => {
        const h = 1e-4 * c.optimalSpend, g = f.get(`${c.geo}/${c.channel}`)!;
        return (g(c.optimalSpend + h) - g(c.optimalSpend - h)) / (2 * h);
      });
    assert.ok(marginal.length >= 3, `${marginal.length} free cells`);
    const spread = (Math.max(...marginal) - Math.min(...marginal)) / Math.min(...marginal);
    assert.ok(spread < 0.02, `marginal returns ${marginal}`);
    const html = Deno.readTextFileSync(join(dir, "opt", "allocation.html"));
    assert.ok(html.includes("By geo and channel") && html.includes(geo0));
    const csv = Deno.readTextFileSync(join(dir, "opt", "allocation.csv")).trimEnd().split("\n");
    assert.equal(csv.length, 1 + cells.length);

    const n = await mmm([
      "optimize",
      "--result",
      join(dir, "fit", "result.json"),
      "--level",
      "national",
      "--out",
      join(dir, "national"),
    ]);
    assert.equal(n.code, 0, n.stderr + n.stdout);
    const national: Cell[] =
      JSON.parse(Deno.readTextFileSync(join(dir, "national", "allocation.json"))).cells;
    for (const channel of ["tv", "search"]) {
      const mine = national.filter((c) => c.channel === channel);
      const ratio = mine.map((c) => c.optimalSpend / c.currentSpend);
      ratio.forEach((x) => assert.ok(Math.abs(x / ratio[0]! - 1) < 1e-9, `${channel}: ${ratio}`));
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("mmm forecast on a geo fit: every geo's weeks after the data, adding up to the national forecast", async () => {
  const { dir } = await fitted();
  try {
    const r = await mmm([
      "forecast",
      "--result",
      join(dir, "fit", "result.json"),
      "--weeks",
      "6",
      "--change",
      "tv=1.2",
      "--out",
      join(dir, "fc"),
    ]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const fc = JSON.parse(Deno.readTextFileSync(join(dir, "fc", "forecast.json")));
    assert.equal(fc.geos.length, 5);
    assert.equal(fc.dates.length, 6);
    const last = new Date(set.dates.at(-1)! + "T00:00:00Z").getTime();
    assert.equal(fc.dates[0], new Date(last + 7 * 86_400_000).toISOString().slice(0, 10));
    fc.dates.forEach((_: string, t: number) => {
      const sum = fc.geos.reduce((a: number, g: { kpi: number[] }) => a + g.kpi[t]!, 0);
      assert.ok(Math.abs(sum - fc.national[t]) < 1e-9 * Math.abs(sum));
    });
    // each geo's forecast is of the size of its recent weeks (the plan holds its recent spend)
    for (const g of fc.geos) {
      const kpi = set.geos.find((x) => x.name === g.geo)!.kpi;
      const recent = Array.from(kpi.slice(-13)).reduce((a, v) => a + v, 0) / 13;
      assert.ok(Math.abs(g.total / 6 / recent - 1) < 0.25, `${g.geo}: ${g.total / 6} vs ${recent}`);
    }
    assert.ok(Deno.readTextFileSync(join(dir, "fc", "forecast.html")).includes("Forecast by geo"));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("mmm optimize and forecast on a geo fit: what they cannot do is a typed error naming the flag", async () => {
  const { dir } = await fitted();
  try {
    const result = join(dir, "fit", "result.json");
    const refused = async (args: string[], flag: RegExp) => {
      const r = await mmm([...args, "--out", join(dir, "x")]);
      assert.equal(r.code, 2, r.stderr + r.stdout);
      assert.match(r.stderr, flag);
      assert.ok(!/\n\s+at /.test(r.stderr), `no stack trace:\n${r.stderr}`);
    };
    await refused(["optimize", "--result", result, "--target-roas", "2"], /target/);
    await refused(["optimize", "--result", result, "--level", "state"], /--level/);
    await refused(["optimize", "--result", result, "--geo-bounds", "atlantis=1:2"], /"atlantis"/);
    await refused(["forecast", "--result", result, "--plan", "plan.csv"], /--weeks/);
    // a geo-bayes result (its kind is all the forecast reads before refusing)
    const json = JSON.parse(Deno.readTextFileSync(result));
    Deno.writeTextFileSync(
      result,
      JSON.stringify({ ...json, model: { ...json.model, kind: "geo-bayes" } }),
    );
    await refused(["forecast", "--result", result], /geo-bayes/);
    assert.throws(() => Deno.statSync(join(dir, "x")));
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
