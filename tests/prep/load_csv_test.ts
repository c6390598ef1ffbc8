// Validation cases of loadCsv(), one fixture each (tests/fixtures/prep/make_fixtures.py writes
// them from simple formulas of the row index i: sales = 1000 + 10i + 5(i mod 3),
// tv = 100 + 20(i mod 5), radio = 50 + 10(i mod 4), price = 9 + (i mod 2), weekly from Monday
// 2024-01-01). Expected rows and dates below are worked out by hand from those formulas.
import { loadCsv, MmmDataError } from "mixlab";
import type { LoadCsvOptions } from "mixlab/prep";
import assert from "node:assert/strict";

const dir = new URL("../fixtures/prep/", import.meta.url).pathname;
const fixture = (name: string) => dir + name;

const OPTIONS: LoadCsvOptions = {
  columns: {
    date: "date",
    kpi: "sales",
    channels: [{ name: "tv", spend: "tv" }, { name: "radio", spend: "radio" }],
    controls: ["price"],
  },
};

async function rejects(
  name: string,
  expected: { column?: string; rows?: number[]; dates?: string[]; message: RegExp },
  options: LoadCsvOptions = OPTIONS,
): Promise<MmmDataError> {
  let caught: unknown;
  try {
    await loadCsv(fixture(name), options);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof MmmDataError, `${name}: expected MmmDataError, got ${caught}`);
  assert.match(caught.message, expected.message);
  if (expected.column !== undefined) assert.equal(caught.column, expected.column);
  if (expected.rows !== undefined) assert.deepEqual(caught.rows, expected.rows);
  if (expected.dates !== undefined) assert.deepEqual(caught.dates, expected.dates);
  return caught;
}

const sales = (i: number) => 1000 + 10 * i + 5 * (i % 3);
const radio = (i: number) => 50 + 10 * (i % 4);

Deno.test("loadCsv() reads a valid file into MmmData", async () => {
  const data = await loadCsv(fixture("valid.csv"), OPTIONS);
  assert.equal(data.dates.length, 30);
  assert.equal(data.dates[29], "2024-07-22");
  assert.equal(data.kpi.values[7], sales(7));
  assert.equal(data.channels[1]?.spend[3], radio(3));
  assert.equal(data.controls[0]?.values[1], 10);
  assert.equal(data.quality.warnings.length, 0);
});

Deno.test("loadCsv() names a missing column", async () => {
  const e = await rejects("missing_column.csv", {
    column: "radio",
    message: /column "radio" is missing/,
  });
  assert.ok(e.file?.endsWith("missing_column.csv"));
});

Deno.test('loadCsv() rejects "1,200" naming the column and row, and reads it when told', async () => {
  const e = await rejects("non_numeric_thousands.csv", {
    column: "tv",
    rows: [4],
    message: /"1,200" in row 4/,
  });
  assert.match(e.hint ?? "", /thousands/);
  const data = await loadCsv(fixture("non_numeric_thousands.csv"), {
    ...OPTIONS,
    numberFormat: { thousands: "," },
  });
  assert.equal(data.channels[0]?.spend[4], 1200);
});

Deno.test('loadCsv() rejects "n/a", and fills it when declared missing', async () => {
  const e = await rejects("non_numeric_na.csv", { column: "radio", rows: [7], message: /"n\/a"/ });
  assert.match(e.hint ?? "", /nullValues/);
  const data = await loadCsv(fixture("non_numeric_na.csv"), {
    ...OPTIONS,
    nullValues: ["n/a"],
    missing: { spend: "interpolate" },
  });
  assert.equal(data.channels[1]?.spend[7], (radio(6) + radio(8)) / 2);
  const entry = data.quality.entries.find((x) => x.check === "missing-values");
  assert.equal(entry?.column, "radio");
});

Deno.test('loadCsv() rejects "$1,200", and reads it with an explicit currency format', async () => {
  const e = await rejects("non_numeric_currency.csv", {
    column: "tv",
    rows: [2],
    message: /"\$1,200"/,
  });
  assert.match(e.hint ?? "", /currency/);
  const data = await loadCsv(fixture("non_numeric_currency.csv"), {
    ...OPTIONS,
    numberFormat: { currency: ["$"], thousands: "," },
  });
  assert.equal(data.channels[0]?.spend[2], 1200);
});

Deno.test("loadCsv() rejects negative spend", async () => {
  await rejects("negative_spend.csv", {
    column: "radio",
    rows: [5],
    dates: ["2024-02-05"],
    message: /negative/,
  });
});

Deno.test("loadCsv() rejects duplicate dates, or merges them by policy", async () => {
  await rejects("duplicate_dates.csv", {
    column: "date",
    rows: [10],
    dates: ["2024-03-04"],
    message: /1 duplicate dates/,
  });
  // Merging leaves week 2024-03-11 missing: the calendar check then names it.
  await rejects("duplicate_dates.csv", { dates: ["2024-03-11"], message: /missing 1 weeks/ }, {
    ...OPTIONS,
    duplicates: "sum",
  });
});

Deno.test("loadCsv() rejects duplicate dates within a geo, not across geos", async () => {
  await rejects("duplicate_dates_geo.csv", {
    column: "date",
    rows: [42],
    dates: ["2024-03-18"],
    message: /duplicate dates within a geo/,
  }, { columns: { ...OPTIONS.columns, geo: "geo" } });
});

Deno.test("loadCsv() names missing weeks", async () => {
  await rejects("missing_weeks.csv", {
    column: "date",
    dates: ["2024-04-08"],
    message: /missing 1 weeks/,
  });
});

Deno.test("loadCsv() names dates off the weekly grid", async () => {
  await rejects("irregular_weeks.csv", {
    column: "date",
    rows: [20],
    dates: ["2024-05-23"],
    message: /off the weekly grid/,
  });
});

Deno.test("loadCsv() rejects empty cells, and interpolates them by policy", async () => {
  await rejects("empty_cells.csv", { column: "sales", rows: [3, 8], message: /2 empty cells/ });
  const data = await loadCsv(fixture("empty_cells.csv"), {
    ...OPTIONS,
    missing: { kpi: "interpolate" },
  });
  assert.equal(data.kpi.values[3], (sales(2) + sales(4)) / 2);
  assert.equal(data.quality.columns.find((c) => c.column === "sales")?.missing, 2);
});

Deno.test("loadCsv() rejects an all-zero channel", async () => {
  await rejects("all_zero_channel.csv", { column: "radio", message: /zero in every row/ });
});

Deno.test("loadCsv() rejects a constant column", async () => {
  await rejects("constant_column.csv", { column: "price", message: /same value \(9\.5\)/ });
});

Deno.test("loadCsv() rejects too few rows for the parameters", async () => {
  // 1 intercept + 2 channels × 3 + 1 control = 8 parameters, 6 weeks.
  await rejects("too_few_rows.csv", { message: /6 dates are too few for 8 parameters/ });
});

Deno.test("loadCsv() removes a UTF-8 BOM and says so", async () => {
  const data = await loadCsv(fixture("bom.csv"), OPTIONS);
  assert.equal(data.dates[0], "2024-01-01");
  assert.ok(data.quality.warnings.some((w) => w.check === "bom"));
});

Deno.test("loadCsv() detects semicolon and tab delimiters", async () => {
  for (const [name, word] of [["semicolon.csv", "semicolon"], ["tab.csv", "tab"]]) {
    const data = await loadCsv(fixture(name as string), OPTIONS);
    assert.equal(data.kpi.values[5], sales(5));
    const entry = data.quality.entries.find((e) => e.check === "delimiter");
    assert.ok(entry?.detail.startsWith(word as string), entry?.detail);
  }
});

Deno.test("loadCsv() detects dd/mm/yyyy and mm/dd/yyyy from a day above 12", async () => {
  for (
    const [name, format] of [
      ["dates_ddmmyyyy.csv", "dd/mm/yyyy"],
      ["dates_mmddyyyy.csv", "mm/dd/yyyy"],
    ]
  ) {
    const data = await loadCsv(fixture(name as string), OPTIONS);
    assert.equal(data.dates[2], "2024-01-15");
    const entry = data.quality.entries.find((e) => e.check === "date-format");
    assert.ok(entry?.detail.startsWith(format as string));
  }
});

Deno.test("loadCsv() asks for dateFormat when dates are ambiguous, and uses it", async () => {
  const e = await rejects("dates_ambiguous.csv", {
    column: "date",
    message: /dd\/mm\/yyyy or as mm\/dd/,
  });
  assert.match(e.hint ?? "", /dateFormat/);
  // Told the format, the dates parse (two rows are then too few for the model).
  await rejects("dates_ambiguous.csv", { message: /too few/ }, {
    ...OPTIONS,
    dateFormat: "dd/mm/yyyy",
  });
});

Deno.test("loadCsv() rejects an empty file and a header-only file", async () => {
  const empty = await rejects("empty.csv", { message: /is empty/ });
  assert.ok(empty.file?.endsWith("empty.csv"));
  await rejects("header_only.csv", { message: /header but no data rows/ });
});

Deno.test("loadCsv() warns about column names with HTML or spaces and escapes them", async () => {
  const data = await loadCsv(fixture("column_names.csv"), {
    columns: {
      date: "date",
      kpi: "sales",
      channels: [{ name: "<b>TV</b>", spend: "<b>TV</b>" }, {
        name: "radio",
        spend: "radio spend",
      }],
      controls: ["price"],
    },
  });
  const warned = data.quality.warnings.filter((w) => w.check === "column-name").map((w) =>
    w.column
  );
  assert.deepEqual(warned, ["<b>TV</b>", "radio spend"]);
  const html = data.quality.toHtml();
  assert.ok(html.includes("&lt;b&gt;TV&lt;/b&gt;"));
  assert.ok(!html.includes("<b>TV</b>"));
});

Deno.test("loadCsv() rejects daily rows, and sums them into weeks when asked", async () => {
  await rejects("daily.csv", { column: "date", message: /daily dates/ });
  const data = await loadCsv(fixture("daily.csv"), {
    ...OPTIONS,
    aggregate: "weekly",
    parametersPerChannel: 1,
  });
  // Eight full Monday weeks; days 56–59 form a partial week and are dropped.
  assert.equal(data.dates.length, 8);
  assert.equal(data.dates[7], "2024-02-19");
  // Week k: sales = Σ_{i=7k}^{7k+6} (100 + i) = 721 + 49k; tv = Σ (10 + i mod 9), which is
  // 70 + (0+…+6) = 91 in week 0 and 70 + (8+0+1+2+3+4+5) = 93 in week 5 (days 35–41);
  // price = mean of 2 + (i mod 2) over the week.
  assert.equal(data.kpi.values[0], 721);
  assert.equal(data.kpi.values[3], 721 + 49 * 3);
  assert.equal(data.channels[0]?.spend[0], 91);
  assert.equal(data.channels[0]?.spend[5], 93);
  assert.ok(Math.abs((data.controls[0]?.values[0] as number) - 17 / 7) < 1e-12);
  assert.ok(Math.abs((data.controls[0]?.values[1] as number) - 18 / 7) < 1e-12);
});

Deno.test("loadCsv() flags, winsorizes or adds a dummy for outliers", async () => {
  const spiky = Deno.makeTempFileSync({ suffix: ".csv" });
  try {
    const text = Deno.readTextFileSync(fixture("valid.csv")).split("\n");
    // Row 12 (line 13): sales 5000 instead of 1120.
    text[13] = text[13]!.replace(/^([^,]+),\d+,/, "$1,5000,");
    Deno.writeTextFileSync(spiky, text.join("\n"));
    const flagged = await loadCsv(spiky, { ...OPTIONS, outliers: { method: "iqr" } });
    assert.deepEqual(flagged.quality.entries.find((e) => e.check === "outliers")?.rows, [12]);
    assert.equal(flagged.kpi.values[12], 5000);
    const dummy = await loadCsv(spiky, { ...OPTIONS, outliers: { action: "dummy" } });
    const control = dummy.controls.find((c) => c.name === "sales_outlier");
    assert.equal(control?.values[12], 1);
    assert.equal(control?.values.reduce((a, b) => a + b, 0), 1);
    const clipped = await loadCsv(spiky, { ...OPTIONS, outliers: { action: "winsorize" } });
    assert.ok((clipped.kpi.values[12] as number) < 5000);
    assert.ok((clipped.kpi.values[12] as number) > 1200);
  } finally {
    Deno.removeSync(spiky);
  }
});

Deno.test("loadCsv() reads an exposure column next to spend", async () => {
  const data = await loadCsv(fixture("exposure.csv"), {
    columns: {
      ...OPTIONS.columns,
      channels: [{ name: "tv", spend: "tv", exposure: "tv_impressions" }, {
        name: "radio",
        spend: "radio",
      }],
    },
  });
  // tv_impressions = 50 × tv, tv = 100 + 20 (i mod 5): row 3 has 160 × 50.
  assert.equal(data.channels[0]?.exposure?.[3], 8000);
  assert.equal(data.channels[1]?.exposure, undefined);
});

Deno.test("loadCsv() sorts rows by date and says so", async () => {
  const data = await loadCsv(fixture("unsorted.csv"), OPTIONS);
  assert.equal(data.dates[0], "2024-01-01");
  assert.equal(data.kpi.values[4], sales(4));
  assert.ok(data.quality.entries.some((e) => e.check === "order" && e.status === "fixed"));
});

Deno.test("loadCsv() names the geo that lacks a week", async () => {
  const e = await rejects("geo_missing_week.csv", {
    column: "geo",
    dates: ["2024-02-19"],
    message: /1 geo lacks weeks: "south" \(29 of 30\)/,
  }, { columns: { ...OPTIONS.columns, geo: "geo" } });
  assert.deepEqual(e.geos, ["south"]);
  assert.match(e.hint ?? "", /every geo/);
});

Deno.test("loadCsv() merging duplicates in one geo leaves that geo a week short", async () => {
  const data = await loadCsv(fixture("duplicate_dates_geo.csv"), {
    columns: { ...OPTIONS.columns, geo: "geo" },
    duplicates: "first",
  }).catch((error) => error);
  // Keeping the first of the duplicate rows leaves south without 2024-03-25.
  assert.ok(data instanceof MmmDataError);
  assert.deepEqual(data.dates, ["2024-03-25"]);
});

Deno.test("loadCsv() reads the bundled geo panel as 20 geos × 104 weeks", async () => {
  const root = new URL("../../data/", import.meta.url).pathname;
  const data = await loadCsv(root + "geo.csv", {
    columns: {
      date: "date",
      geo: "geo",
      population: "population",
      kpi: "revenue",
      channels: ["tv", "social", "search"].map((name) => ({ name, spend: `${name}_spend` })),
      controls: ["price", "promo", "holiday"],
    },
  });
  const lines = Deno.readTextFileSync(root + "geo.csv").trimEnd().split("\n").slice(1);
  assert.equal(data.dates.length, lines.length);
  assert.equal(new Set(data.geo?.values).size, 20);
  // The file is already sorted by geo, then date: row i of the data is line i + 1 of the file.
  for (const i of [0, 103, 104, 2079]) {
    const cells = lines[i]!.split(",");
    assert.equal(data.dates[i], cells[0]);
    assert.equal(data.geo?.values[i], cells[1]);
    assert.equal(data.population?.values[i], Number(cells[2]));
    assert.equal(data.kpi.values[i], Number(cells[3]));
    assert.equal(data.channels[2]?.spend[i], Number(cells[6]));
  }
});

Deno.test("loadCsv() rejects an unknown policy with the allowed values", async () => {
  await assert.rejects(
    () => loadCsv(fixture("valid.csv"), { ...OPTIONS, duplicates: "keep" as never }),
    (e: unknown) =>
      e instanceof RangeError && /duplicates must be one of "error", "first"/.test(e.message),
  );
});

Deno.test('loadCsv() drops a row with an empty KPI under missing "drop"', async () => {
  const data = await loadCsv(fixture("empty_first_row.csv"), {
    ...OPTIONS,
    missing: { kpi: "drop" },
  });
  assert.equal(data.dates.length, 29);
  assert.equal(data.dates[0], "2024-01-08");
  assert.equal(data.kpi.values[0], sales(1));
});
