// The config's `geo` and `population` keys: parsed, checked, passed to the loader, and a panel
// refused by the national fit with an error naming the key.
import { ConfigError, fitConfigured, loadConfiguredData, parseMmmConfig } from "mixlab";
import assert from "node:assert/strict";

Deno.test("geo and population are read; population needs geo", () => {
  const config = parseMmmConfig({
    data: "x.csv",
    kpi: "sales",
    geo: "region",
    population: "pop",
    channels: { tv: {} },
  });
  assert.deepEqual([config.geo, config.population], ["region", "pop"]);
  assert.throws(
    () => parseMmmConfig({ data: "x.csv", kpi: "sales", population: "pop", channels: { tv: {} } }),
    (e: unknown) =>
      e instanceof ConfigError && e.key === "population" && /needs "geo"/.test(e.message),
  );
  assert.throws(
    () => parseMmmConfig({ data: "x.csv", kpi: "sales", geo: 3, channels: { tv: {} } }),
    (e: unknown) => e instanceof ConfigError && e.key === "geo",
  );
});

Deno.test("a configured panel loads by geo; the national fit refuses it naming the key", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const lines = ["week,region,pop,sales,tv"];
    for (const [g, region] of ["east", "west"].entries()) {
      for (let t = 0; t < 30; t++) {
        const date = new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10);
        lines.push([date, region, 100 * (g + 1), 200 + t + 5 * (t % 3), 10 + (t % 7)].join(","));
      }
    }
    Deno.writeTextFileSync(`${dir}/panel.csv`, lines.join("\n") + "\n");
    const config = parseMmmConfig({
      data: "panel.csv",
      date: "week",
      kpi: "sales",
      geo: "region",
      population: "pop",
      channels: { tv: { spend: "tv" } },
      holdoutWeeks: 0,
    });
    const data = await loadConfiguredData(config, { baseDir: dir });
    assert.equal(data.geo?.values[30], "west");
    assert.equal(data.population?.values[30], 200);
    await assert.rejects(
      () => fitConfigured(config, data),
      (e: unknown) =>
        e instanceof ConfigError && e.key === "geo" && /panel of 2 geos/.test(e.message),
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("geoModel: defaults with geo, each key checked and named", () => {
  const base = { data: "x.csv", kpi: "sales", channels: { tv: {} } };
  const panel = parseMmmConfig({ ...base, geo: "region" });
  assert.deepEqual(panel.geoModel, { geoTrends: false, weekEffects: false });
  assert.equal(parseMmmConfig(base).geoModel, undefined);
  const full = parseMmmConfig({
    ...base,
    geo: "region",
    population: "pop",
    geoModel: { geoTrends: true, populationScaling: false, weighting: "equal" },
  });
  assert.deepEqual(full.geoModel, {
    geoTrends: true,
    weekEffects: false,
    populationScaling: false,
    weighting: "equal",
  });
  const rejects = (json: Record<string, unknown>, key: string) =>
    assert.throws(
      () => parseMmmConfig({ ...base, ...json }),
      (e: unknown) => e instanceof ConfigError && e.key === key,
      key,
    );
  rejects({ geoModel: { geoTrends: true } }, "geoModel");
  rejects({ geo: "region", geoModel: { populationScaling: true } }, "geoModel.populationScaling");
  rejects({ geo: "region", geoModel: { weighting: "size" } }, "geoModel.weighting");
  rejects({ geo: "region", geoModel: { geoTrends: "yes" } }, "geoModel.geoTrends");
  rejects({ geo: "region", geoModel: { trends: true } }, "geoModel.trends");
});
