/**
 * The recovery study's geo-panel generator (tasks/recovery/generators/geo_panel.ts) against
 * independently derived numbers: a numpy re-implementation of its media formulas
 * (tests/fixtures/reference/recovery_geo_numpy.py, recorded in recovery_geo_numpy.json), the
 * truth's own accounting, and its grid.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeoPanelSet } from "../../tasks/recovery/generators/geo_truth.ts";
import { generateGeoSet, parseGeoGrid } from "../../tasks/recovery/geo_grid.ts";
import { toGeoCsv } from "../../tasks/recovery/geo_write.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const grid = parseGeoGrid(
  Deno.readTextFileSync(join(root, "tasks", "recovery", "geo_sets.jsonl")),
);
const byId = (id: string): GeoPanelSet => {
  const def = grid.find((d) => d.id === id);
  if (!def) throw new Error(`no geo set ${id}`);
  return generateGeoSet(def);
};

function near(a: number, e: number, tol: number, what: string) {
  assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}: ${a} vs ${e}`);
}

const windowSum = (x: Float64Array, w: number) => x.slice(0, w).reduce((a, b) => a + b, 0);

interface NumpyChannel {
  scale: number;
  beta: number;
  roas: number;
  mroas: number;
  geoRoas: Record<string, number>;
  contribution: Record<string, number[]>;
}

Deno.test("geo panels reproduce the numpy re-implementation to 1e-9", () => {
  const reference = JSON.parse(
    Deno.readTextFileSync(join(root, "tests", "fixtures", "reference", "recovery_geo_numpy.json")),
  ) as { sets: Record<string, { channels: Record<string, NumpyChannel> }> };
  const ids = Object.keys(reference.sets);
  assert.equal(ids.length, 2);
  for (const id of ids) {
    const set = byId(id);
    for (const [name, ref] of Object.entries(reference.sets[id]!.channels)) {
      const c = set.truth.channels.findIndex((ch) => ch.name === name);
      const truth = set.truth.channels[c]!;
      near(truth.mediaScale.value, ref.scale, 1e-12, `${id} ${name} scale`);
      near(truth.beta, ref.beta, 1e-9, `${id} ${name} beta`);
      near(truth.roas, ref.roas, 1e-9, `${id} ${name} roas`);
      near(truth.mroas, ref.mroas, 1e-9, `${id} ${name} mroas`);
      for (const geo of set.truth.geos) {
        near(geo.channels[c]!.roas, ref.geoRoas[geo.name]!, 1e-9, `${id} ${geo.name} ${name}`);
      }
      for (const [geoName, expected] of Object.entries(ref.contribution)) {
        const series = set.geos.find((g) => g.name === geoName)!.contributions[c]!.values;
        assert.equal(series.length, expected.length);
        expected.forEach((e, t) => near(series[t]!, e, 1e-9, `${id} ${geoName} ${name}[${t}]`));
      }
    }
  }
});

Deno.test("a geo panel's truth adds up: national = sum of geos, targets and media share hit", () => {
  const set = byId("panel-30g-4ch-n05-c60-on-trend");
  const w = set.truth.windowWeeks;
  let media = 0, expected = 0;
  for (const geo of set.geos) {
    expected += windowSum(geo.baseline, w);
    for (const c of geo.contributions) media += windowSum(c.values, w);
  }
  expected += media;
  // media share as requested (0.3), from the weekly series rather than the recorded figure
  near(media / expected, 0.3, 1e-12, "media share");
  set.truth.channels.forEach((ch, c) => {
    let spend = 0, contribution = 0;
    for (const geo of set.geos) {
      spend += windowSum(geo.spends[c]!.values, w);
      contribution += windowSum(geo.contributions[c]!.values, w);
    }
    near(contribution / spend, ch.targetRoas, 1e-12, `${ch.name} national ROAS = target`);
    // per-geo coefficients are e^{η z} times the national one; geoTrend and 30 geos: they vary
    const multipliers = set.truth.geos.map((g) => g.channels[c]!.multiplier);
    assert.ok(Math.max(...multipliers) / Math.min(...multipliers) > 1.5, `${ch.name} spread`);
  });
  assert.ok(set.truth.geos.some((g) => g.trendPerYear !== 0));
  // noise: KPI minus the noise-free series, per geo, has about the recorded sd
  for (const geo of set.geos.slice(0, 5)) {
    const sd = set.truth.geos.find((g) => g.name === geo.name)!.noiseSd;
    let ss = 0;
    for (let t = 0; t < set.dates.length; t++) {
      const clean = geo.contributions.reduce((a, c) => a + c.values[t]!, geo.baseline[t]!);
      ss += (geo.kpi[t]! - clean) ** 2;
    }
    const realised = Math.sqrt(ss / set.dates.length);
    // 156 draws: the sample sd is within ±25% of σ with probability > 0.999
    assert.ok(Math.abs(realised / sd - 1) < 0.25, `${geo.name}: noise sd ${realised} vs ${sd}`);
  }
});

Deno.test("geoSpread 0 gives every geo the national coefficient", () => {
  const set = byId("panel-10g-3ch-n05-c20-mix-nospread");
  for (const geo of set.truth.geos) {
    geo.channels.forEach((c, k) => {
      assert.equal(c.multiplier, 1);
      assert.equal(c.beta, set.truth.channels[k]!.beta);
    });
  }
});

Deno.test("geo panels: same seed, same bytes; another seed, other bytes", () => {
  const def = grid.find((d) => d.id === "panel-10g-2ch-n10-c00-fl")!;
  assert.equal(toGeoCsv(generateGeoSet(def)), toGeoCsv(generateGeoSet(def)));
  assert.notEqual(
    toGeoCsv(generateGeoSet(def)),
    toGeoCsv(generateGeoSet({ ...def, seed: def.seed + 1 })),
  );
  const csv = toGeoCsv(generateGeoSet(def)).split("\n");
  assert.equal(csv[0], "date,geo,population,revenue,tv_spend,search_spend,price");
  assert.equal(csv.length - 2, 10 * 104);
});

Deno.test("the geo grid: at least 10 panels, errors name the line and key", () => {
  assert.ok(grid.length >= 10);
  assert.throws(
    () => parseGeoGrid('{"id": "a", "seed": 1, "regions": 3}'),
    /line 1: unknown key "regions"/,
  );
  const [def] = parseGeoGrid(
    '{"id": "a", "seed": 1, "geos": 3, "weeks": 104, "channels": 2, "adstock": "geometric", ' +
      '"saturation": "hill", "noise": 0.05, "correlation": 0, "spend": "always-on", ' +
      '"mediaShare": 0.3, "geoTrend": "yes"}',
  );
  assert.throws(() => generateGeoSet(def!), /line 1: "geoTrend" must be true or false/);
});
