// fitGeoLinear() against the known truth of panels made by the independent geo generator
// (tasks/recovery/generators/geo_panel.ts, written from Meridian's definitions, not from lib/):
// without noise, and with the baseline the model can represent, OLS at the true transforms must
// return the true national and per-geo ROAS and the true weekly decomposition; with noise, the
// national ROAS must land within a stated tolerance.
import { ConfigError, MmmDataError } from "mixlab";
import { sliceRows } from "mixlab/core";
import { fitGeoLinear } from "mixlab/models/geo";
import assert from "node:assert/strict";
import { geoPanelSet } from "../../../tasks/recovery/generators/geo_panel.ts";
import { geoMmmData, geoTrueChannels } from "../../../tasks/recovery/geo_input.ts";

const SETTINGS = {
  geos: 8,
  weeks: 120,
  channels: ["tv", "search", "social"],
  adstock: "geometric" as const,
  spend: ["always-on", "flighted", "always-on"] as ("always-on" | "flighted")[],
  correlation: 0.3,
  mediaShare: 0.3,
};

function near(actual: number, expected: number, tol: number, what: string) {
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.abs(expected),
    `${what}: ${actual} vs ${expected}`,
  );
}

for (
  const [baseline, weekEffects] of [["trend", false], ["knots", true]] as const
) {
  Deno.test(`no noise, ${baseline} baseline, weekEffects ${weekEffects}: the truth exactly`, () => {
    const set = geoPanelSet("exact", 11, { ...SETTINGS, noise: 0, geoSpread: 0, baseline });
    const w = set.truth.windowWeeks;
    const fit = fitGeoLinear(geoMmmData(set, w), geoTrueChannels(set, w), { weekEffects });
    assert.equal(fit.kind, "geo-ols");
    fit.channels.forEach((c, j) => {
      near(c.roas, set.truth.channels[j]!.roas, 1e-6, c.name);
      near(c.mroas, set.truth.channels[j]!.mroas, 1e-6, `${c.name} mROAS`);
    });
    fit.geos.forEach((geo, g) => {
      const truth = set.truth.geos[g]!;
      assert.equal(geo.geo, truth.name);
      geo.channels.forEach((c, j) => {
        near(c.roas, truth.channels[j]!.roas, 1e-6, `${geo.geo} ${c.name}`);
        near(c.mroas, truth.channels[j]!.mroas, 1e-6, `${geo.geo} ${c.name} mROAS`);
      });
      // the weekly decomposition: baseline and contributions as generated (KPI is rounded to
      // cents, hence the absolute tolerance of a cent per week)
      for (let t = 0; t < w; t++) {
        assert.ok(
          Math.abs(geo.baseline[t]! - set.geos[g]!.baseline[t]!) < 0.02,
          `${geo.geo} baseline ${t}`,
        );
        geo.contributions.forEach((c, j) =>
          assert.ok(Math.abs(c[t]! - set.geos[g]!.contributions[j]!.values[t]!) < 0.02)
        );
      }
    });
    const nationalTv = fit.national.contributions[0]!.reduce((a, v) => a + v, 0);
    near(nationalTv, set.truth.channels[0]!.contribution, 1e-6, "national tv contribution");
    if (!weekEffects) assert.deepEqual(fit.absorbedControls, []);
    else assert.deepEqual(fit.absorbedControls, ["price"]);
  });
}

Deno.test("5% noise, 20 geos: national ROAS within 20% of the truth, intervals cover it", () => {
  // tolerance: the cluster-robust standard errors on this design are 6-10% of each ROAS, so 20%
  // is two to three of them
  const set = geoPanelSet("noisy", 12, {
    ...SETTINGS,
    geos: 20,
    noise: 0.05,
    geoSpread: 0.2,
    baseline: "trend",
  });
  const w = set.truth.windowWeeks;
  const fit = fitGeoLinear(geoMmmData(set, w), geoTrueChannels(set, w));
  fit.channels.forEach((c, j) => {
    const truth = set.truth.channels[j]!.roas;
    near(c.roas, truth, 0.2, c.name);
    const [lo, hi] = c.roasCi90 ?? [NaN, NaN];
    assert.ok(lo <= truth && truth <= hi, `${c.name}: ${truth} outside [${lo}, ${hi}]`);
    // contribution and mROAS are linear in the shared coefficient: the same relative interval
    const [clo, chi] = c.contributionCi90 ?? [NaN, NaN];
    near(clo / c.contribution, lo / c.roas, 1e-9, `${c.name} contribution interval`);
    near(chi / c.contribution, hi / c.roas, 1e-9, `${c.name} contribution interval`);
  });
});

Deno.test("fitGeoLinear() errors name the key or the geos", () => {
  const set = geoPanelSet("errors", 13, { ...SETTINGS, geos: 3, noise: 0.05 });
  const data = geoMmmData(set, 60), channels = geoTrueChannels(set, 60);
  const { geo: _g, ...national } = data;
  assert.throws(
    () => fitGeoLinear(national, channels),
    (e: unknown) => e instanceof ConfigError && e.key === "geo",
  );
  const { population: _p, ...noPopulation } = data;
  assert.throws(
    () => fitGeoLinear(noPopulation, channels, { populationScaling: true }),
    (e: unknown) => e instanceof ConfigError && e.key === "population",
  );
  const unbalanced = sliceRows(data, 0, 150); // geo_03 keeps 30 of 60 weeks
  assert.throws(
    () => fitGeoLinear(unbalanced, channels),
    (e: unknown) => e instanceof MmmDataError && e.geos?.[0] === "geo_03",
  );
});
