// forecastGeo() on panels from the independent geo generator (tasks/recovery/generators/
// geo_panel.ts): fitted on the first weeks at the true transforms, the last 13 weeks of every geo
// are forecast from their actual spend and controls: exactly without noise (and with every geo
// sharing the national effect, as the classical model assumes), within 4% with 1% noise.
import { ConfigError } from "mixlab";
import { forecastGeo } from "mixlab/models/geo";
import { geoWeeks } from "mixlab/tuning";
import assert from "node:assert/strict";
import { testGeoPanel } from "../../_geo_panel.ts";
import { geoMmmData, geoTrueChannels } from "../../../tasks/recovery/geo_input.ts";

function panel(noise: number) {
  const set = testGeoPanel("forecast", 61, { weeks: 113, noise, geoSpread: 0 });
  const n = set.dates.length, w = n - 13, all = geoMmmData(set, n);
  return { set, w, history: geoWeeks(all, 0, w), plan: geoWeeks(all, w, n) };
}

for (const [noise, tolerance] of [[0, 1e-6], [0.01, 0.04]] as const) {
  Deno.test(`forecastGeo: every geo's next 13 weeks within ${tolerance} of the actual KPI (noise ${noise})`, () => {
    const { set, w, history, plan } = panel(noise);
    const forecast = forecastGeo(history, plan, geoTrueChannels(set, w));
    assert.equal(forecast.length, 8);
    forecast.forEach((f, g) => {
      assert.equal(f.geo, set.geos[g]!.name);
      assert.deepEqual(f.dates, set.dates.slice(w));
      for (let t = 0; t < 13; t++) {
        const actual = set.geos[g]!.kpi[w + t]!;
        assert.ok(
          Math.abs(f.kpi[t]! / actual - 1) < tolerance,
          `${f.geo} week ${t}: ${f.kpi[t]} vs ${actual}`,
        );
      }
    });
  });
}

Deno.test("forecastGeo: a plan without a channel, or with week effects, is a typed error", () => {
  const { set, w, history, plan } = panel(0.01);
  const truth = geoTrueChannels(set, w);
  const noSearch = { ...plan, channels: plan.channels.filter((c) => c.name !== "search") };
  assert.throws(
    () => forecastGeo(history, noSearch, truth),
    (e: unknown) => e instanceof ConfigError && e.key === "search",
  );
  assert.throws(
    () => forecastGeo(history, plan, truth, { weekEffects: true }),
    (e: unknown) => e instanceof ConfigError && e.key === "geoModel.weekEffects",
  );
});
