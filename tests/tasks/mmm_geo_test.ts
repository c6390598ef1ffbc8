// `mmm fit` on a geo panel, run as a user runs it, on a panel written by the independent geo
// generator (tasks/recovery/generators/geo_panel.ts, with a population column): result.json gets
// the geo tables, its national ROAS is the generator's truth (OLS at the true transforms, low
// noise), its per-geo decompositions add up to the national one, and errors are typed.
import assert from "node:assert/strict";
import { join } from "node:path";
import { testGeoPanel } from "../_geo_panel.ts";
import { geoTrueChannels } from "../../tasks/recovery/geo_input.ts";
import { toGeoCsv } from "../../tasks/recovery/geo_write.ts";
import { mmm } from "./_mmm.ts";

const set = testGeoPanel("cli-geo", 51, { geos: 6, weeks: 90, noise: 0.01, geoSpread: 0 });
const train = set.truth.windowWeeks, holdout = set.dates.length - train;

function config(model: Record<string, unknown>) {
  return {
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
    holdoutWeeks: holdout,
    model,
  };
}

async function run(model: Record<string, unknown>) {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(join(dir, "panel.csv"), toGeoCsv(set));
  Deno.writeTextFileSync(join(dir, "config.json"), JSON.stringify(config(model)));
  const r = await mmm(["fit", "--config", join(dir, "config.json"), "--out", join(dir, "out")]);
  return { ...r, dir };
}

Deno.test("mmm fit on a panel writes result.json with the geo tables and the true ROAS", async () => {
  const r = await run({ kind: "ols" });
  try {
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const result = JSON.parse(Deno.readTextFileSync(join(r.dir, "out", "result.json")));
    assert.equal(result.model.kind, "geo-ols");
    assert.equal(result.model.population_scaling, true);
    assert.equal(result.geo.geos.length, 6);
    result.channels.forEach((c: { name: string; roas: number; roas_ci90: number[] }, j: number) => {
      const truth = set.truth.channels[j]!.roas;
      assert.ok(Math.abs(c.roas / truth - 1) < 0.05, `${c.name}: ${c.roas} vs ${truth}`);
      assert.ok(c.roas_ci90[0]! <= truth && truth <= c.roas_ci90[1]!, `${c.name} interval`);
    });
    // per-geo weekly decompositions add up to the national one
    const national = result.decomposition.channels.tv as number[];
    const summed = national.map((_, t) =>
      result.geo.geos.reduce(
        (a: number, g: { name: string }) => a + result.geo.decomposition[g.name].channels.tv[t],
        0,
      )
    );
    summed.forEach((v, t) =>
      assert.ok(Math.abs(v - national[t]!) < 1e-6 * Math.abs(national[t]!) + 1e-9)
    );
    assert.equal(result.decomposition.dates.length, train);
    assert.equal(result.fit.holdout_weeks, holdout);
    assert.ok(result.fit.r2_holdout > 0.9, `holdout R² ${result.fit.r2_holdout}`);
    const html = Deno.readTextFileSync(join(r.dir, "out", "report.html"));
    assert.ok(html.includes("What pooling does") && html.includes(set.geos[0]!.name));
  } finally {
    Deno.removeSync(r.dir, { recursive: true });
  }
});

Deno.test("mmm fit on a panel with model.kind bayes: the hierarchical model, posterior intervals", async () => {
  // a short run (2 chains × (150 + 100)) at the true transforms: intervals must cover the truth
  const r = await run({ kind: "bayes", chains: 2, warmup: 150, draws: 100 });
  try {
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const result = JSON.parse(Deno.readTextFileSync(join(r.dir, "out", "result.json")));
    assert.equal(result.model.kind, "geo-bayes");
    assert.equal(result.model.intervals, "posterior");
    assert.equal(result.model.lambda, null);
    result.channels.forEach((c: { name: string; roas: number; roas_ci90: number[] }, j: number) => {
      const truth = set.truth.channels[j]!.roas;
      assert.ok(
        c.roas_ci90[0]! <= truth && truth <= c.roas_ci90[1]!,
        `${c.name}: ${c.roas_ci90} vs ${truth}`,
      );
    });
    assert.equal(result.geo.geos[0].channels[0].roas_ci90.length, 2);
  } finally {
    Deno.removeSync(r.dir, { recursive: true });
  }
});

Deno.test("mmm fit on a panel: an estimator the panel cannot use is a typed error naming the key", async () => {
  for (const kind of ["lasso"]) {
    const r = await run({ kind });
    try {
      assert.equal(r.code, 2, r.stderr + r.stdout);
      assert.match(r.stderr + r.stdout, /model\.kind/);
      assert.ok(!/\n\s+at /.test(r.stderr), `no stack trace:\n${r.stderr}`);
      assert.ok(!Deno.statSync(r.dir).isFile);
      assert.throws(() => Deno.statSync(join(r.dir, "out", "result.json")));
    } finally {
      Deno.removeSync(r.dir, { recursive: true });
    }
  }
});
