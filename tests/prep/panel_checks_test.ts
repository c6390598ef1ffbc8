// Geo panels in prep: population as a column, and the checks that name geos. Each case writes a
// small panel (geos a, b, c; 12 weeks from Monday 2024-01-01; tv = 100 + 10t, radio = 50 + 5t in
// every geo unless a case changes it; population 1000, 2000, 3000) and edits one thing.
import { loadCsv, MmmDataError } from "mixlab";
import type { LoadCsvOptions } from "mixlab/prep";
import assert from "node:assert/strict";

const GEOS = ["a", "b", "c"];
const WEEKS = 12;

interface Edit {
  readonly skip?: (geo: string, t: number) => boolean;
  readonly population?: (geo: string, t: number) => number;
  readonly tv?: (geo: string, t: number) => number;
}

function panelCsv(edit: Edit = {}): string {
  const lines = ["date,geo,population,sales,tv,radio"];
  GEOS.forEach((geo, g) => {
    for (let t = 0; t < WEEKS; t++) {
      if (edit.skip?.(geo, t)) continue;
      const date = new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10);
      const pop = edit.population?.(geo, t) ?? 1000 * (g + 1);
      const tv = edit.tv?.(geo, t) ?? 100 + 10 * t;
      lines.push([date, geo, pop, 500 + 3 * t + 7 * g + (t % 4), tv, 50 + 5 * t].join(","));
    }
  });
  return lines.join("\n") + "\n";
}

const OPTIONS: LoadCsvOptions = {
  columns: {
    date: "date",
    kpi: "sales",
    channels: [{ name: "tv", spend: "tv" }, { name: "radio", spend: "radio" }],
    geo: "geo",
    population: "population",
  },
};

async function load(edit: Edit, options: LoadCsvOptions = OPTIONS) {
  const path = Deno.makeTempFileSync({ suffix: ".csv" });
  try {
    Deno.writeTextFileSync(path, panelCsv(edit));
    return await loadCsv(path, options);
  } finally {
    Deno.removeSync(path);
  }
}

async function rejects(edit: Edit, options: LoadCsvOptions = OPTIONS): Promise<MmmDataError> {
  const e = await load(edit, options).catch((error) => error);
  assert.ok(e instanceof MmmDataError, `expected MmmDataError, got ${e}`);
  return e;
}

Deno.test("a panel loads with its population per row", async () => {
  const data = await load({});
  assert.equal(data.dates.length, 36);
  assert.deepEqual(data.population?.name, "population");
  assert.deepEqual(
    [data.population?.values[0], data.population?.values[12], data.population?.values[35]],
    [1000, 2000, 3000],
  );
  assert.ok(data.quality.entries.some((e) => e.check === "population" && e.status === "ok"));
  assert.ok(!data.quality.entries.some((e) => e.check === "geo-spend"));
});

Deno.test("every geo that lacks weeks is named", async () => {
  const e = await rejects({ skip: (geo, t) => (geo === "a" && t === 3) || (geo === "c" && t > 9) });
  assert.deepEqual(e.geos, ["a", "c"]);
  assert.equal(e.column, "geo");
  assert.match(e.message, /2 geos lack weeks: "a" \(11 of 12\), "c" \(10 of 12\)/);
  assert.deepEqual(e.dates, ["2024-01-22"]);
});

Deno.test("zero population names the geos", async () => {
  const e = await rejects({ population: (geo) => (geo === "b" ? 0 : 1000) });
  assert.deepEqual(e.geos, ["b"]);
  assert.equal(e.column, "population");
  assert.match(e.message, /population column "population" is zero or negative in 1 geo: "b"/);
});

Deno.test("a population that changes within a geo names the geo", async () => {
  const e = await rejects({ population: (geo, t) => (geo === "c" && t === 5 ? 3100 : 3000) });
  assert.deepEqual(e.geos, ["c"]);
  assert.match(e.message, /changes over time in "c"/);
});

Deno.test("a channel with no spend in a geo is a warning naming channel, column and geos", async () => {
  const data = await load({ tv: (geo, t) => (geo === "a" || geo === "c" ? 0 : 100 + t) });
  const warnings = data.quality.entries.filter((e) => e.check === "geo-spend");
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]?.status, "warning");
  assert.equal(warnings[0]?.column, "tv");
  assert.deepEqual(warnings[0]?.geos, ["a", "c"]);
  assert.match(warnings[0]?.detail ?? "", /channel "tv" has no spend in 2 of 3 geos \("a", "c"\)/);
});

Deno.test("population without geo is an error in the loader", async () => {
  const { geo: _, ...columns } = OPTIONS.columns;
  const e = await rejects({}, { columns });
  assert.equal(e.column, "population");
  assert.match(e.message, /needs a geo column/);
});
