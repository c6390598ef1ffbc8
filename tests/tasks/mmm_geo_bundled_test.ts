// `mmm fit` on the bundled panel (data/geo.config.json, as the README runs it) recovers the
// simulator's national ROAS over the weeks it fits. The truth is read here from the files: each
// row's true contribution (data/geo.truth.json) and spend (data/geo.csv), summed over every geo's
// first (104 − holdoutWeeks) weeks.
import assert from "node:assert/strict";
import { join } from "node:path";
import { mmm, root } from "./_mmm.ts";

Deno.test("mmm fit on data/geo.config.json recovers the simulator's national ROAS within 5%, inside its 90% intervals", async () => {
  const config = JSON.parse(Deno.readTextFileSync(join(root, "data", "geo.config.json")));
  const truth = JSON.parse(Deno.readTextFileSync(join(root, "data", "geo.truth.json")));
  const lines = Deno.readTextFileSync(join(root, "data", "geo.csv")).trimEnd().split("\n");
  const header = lines[0]!.split(","), rows = lines.slice(1).map((l) => l.split(","));
  const geoColumn = header.indexOf("geo");
  const seen = new Map<string, number>();
  const week = rows.map((r) => {
    const t = seen.get(r[geoColumn]!) ?? 0;
    seen.set(r[geoColumn]!, t + 1);
    return t;
  });
  const train = seen.get("geo_01")! - config.holdoutWeeks;
  const dir = Deno.makeTempDirSync();
  try {
    const r = await mmm(["fit", "--config", join(root, "data", "geo.config.json"), "--out", dir]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const result = JSON.parse(Deno.readTextFileSync(join(dir, "result.json")));
    assert.equal(result.model.population_scaling, true);
    assert.equal(result.decomposition.dates.length, train);
    for (const c of result.channels) {
      const t = truth.channels.find((x: { name: string }) => x.name === c.name);
      const spend = header.indexOf(t.column);
      let contribution = 0, money = 0;
      rows.forEach((row, i) => {
        if (week[i]! < train) (contribution += t.contribution[i], money += Number(row[spend]));
      });
      const roas = contribution / money;
      assert.ok(Math.abs(c.roas / roas - 1) < 0.05, `${c.name}: ${c.roas} vs ${roas}`);
      assert.ok(c.roas_ci90[0] <= roas && roas <= c.roas_ci90[1], `${c.name}: ${c.roas_ci90}`);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
