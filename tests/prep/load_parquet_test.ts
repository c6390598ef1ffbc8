// loadParquet() on fixtures written from the CSV fixtures by nodejs-polars (see the note at the
// end of tests/fixtures/prep/make_fixtures.py): a Date-typed date column with integer columns,
// and a file whose every column is text. Expected values come from the fixture formulas
// (sales = 1000 + 10i + 5(i mod 3), tv = 100 + 20(i mod 5)).
import { MmmDataError } from "mixlab";
import { loadParquet } from "mixlab/prep";
import assert from "node:assert/strict";

const dir = new URL("../fixtures/prep/", import.meta.url).pathname;
const columns = {
  date: "date",
  kpi: "sales",
  channels: [{ name: "tv", spend: "tv" }, { name: "radio", spend: "radio" }],
  controls: ["price"],
};

Deno.test("loadParquet() reads Date and integer columns", async () => {
  const data = await loadParquet(dir + "valid.parquet", { columns });
  assert.equal(data.dates.length, 30);
  assert.equal(data.dates[2], "2024-01-15");
  assert.equal(data.kpi.values[7], 1000 + 70 + 5);
  assert.equal(data.channels[0]?.spend[4], 180);
});

Deno.test('loadParquet() rejects text "1,200" by row, and reads it when told', async () => {
  await assert.rejects(
    () => loadParquet(dir + "text_numbers.parquet", { columns }),
    (e: unknown) =>
      e instanceof MmmDataError && e.column === "tv" && e.rows?.[0] === 4 &&
      /"1,200"/.test(e.message),
  );
  const data = await loadParquet(dir + "text_numbers.parquet", {
    columns,
    numberFormat: { thousands: "," },
  });
  assert.equal(data.channels[0]?.spend[4], 1200);
});

Deno.test("loadParquet() names a file that is not Parquet", async () => {
  await assert.rejects(
    () => loadParquet(dir + "valid.csv", { columns }),
    (e: unknown) => e instanceof MmmDataError && e.file?.endsWith("valid.csv") === true,
  );
});
