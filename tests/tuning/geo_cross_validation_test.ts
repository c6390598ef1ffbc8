// Time folds of a geo panel and their error, against panels from the independent geo generator
// (tasks/recovery/generators/geo_panel.ts) and hand-built splits.
import { geoCvError, geoTimeSplits, geoWeeks } from "mixlab/tuning";
import { ConfigError } from "mixlab";
import assert from "node:assert/strict";
import { testGeoPanel } from "../_geo_panel.ts";
import { geoMmmData, geoTrueChannels } from "../../tasks/recovery/geo_input.ts";

Deno.test("geo folds split by time: every geo's training weeks precede its test weeks, in order", () => {
  const set = testGeoPanel("folds", 21, { geos: 6, noise: 0.02 });
  const data = geoMmmData(set, 100);
  for (const split of geoTimeSplits(100, { folds: 4, testWeeks: 8 })) {
    const train = geoWeeks(data, 0, split.train.end);
    const test = geoWeeks(data, split.test.start, split.test.end);
    // every geo is in both, with the same number of weeks each
    for (const part of [train, test]) {
      const geos = new Set(part.geo!.values);
      assert.equal(geos.size, 6);
      for (const g of geos) {
        assert.equal(
          part.geo!.values.filter((v) => v === g).length,
          part.dates.length / 6,
        );
      }
    }
    // within each geo: dates strictly increasing, the last training week before the first test week
    for (let g = 0; g < 6; g++) {
      const tr = train.dates.slice(g * split.train.end, (g + 1) * split.train.end);
      const w = split.test.end - split.test.start;
      const te = test.dates.slice(g * w, (g + 1) * w);
      const all = [...tr, ...te];
      for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]! < all[i]!, `geo ${g} week ${i}`);
      assert.equal(train.geo!.values[g * split.train.end], test.geo!.values[g * w]);
    }
  }
});

Deno.test("geoCvError: the true transforms forecast better than wrong ones (low noise)", () => {
  const set = testGeoPanel("cv", 22, { geos: 6, noise: 0.01, geoSpread: 0 });
  const data = geoMmmData(set, 100);
  const truth = geoTrueChannels(set, 100);
  const folds = geoTimeSplits(100, { folds: 3, testWeeks: 8 });
  const right = geoCvError(data, truth, {}, folds);
  const wrong = geoCvError(
    data,
    truth.map((c) => ({
      ...c,
      saturation: {
        kind: "hill",
        params: { ...c.saturation.params, halfSaturation: 8 * c.saturation.params.halfSaturation! },
      },
    })),
    {},
    folds,
  );
  assert.ok(right < wrong, `${right} vs ${wrong}`);
  assert.ok(right < 0.1, `NRMSE at the truth ${right}`);
});

Deno.test("geo cross-validation errors are typed and name the key", () => {
  const set = testGeoPanel("cv-errors", 23, { geos: 6, noise: 0.02 });
  const data = geoMmmData(set, 100);
  assert.throws(
    () => geoTimeSplits(100, { folds: 10, testWeeks: 8 }),
    (e: unknown) => e instanceof ConfigError && e.key === "tuning.folds",
  );
  const folds = geoTimeSplits(100, { folds: 2, testWeeks: 8 });
  assert.throws(
    () => geoCvError(data, geoTrueChannels(set, 100), { weekEffects: true }, folds),
    (e: unknown) => e instanceof ConfigError && e.key === "geoModel.weekEffects",
  );
});
