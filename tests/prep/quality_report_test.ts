// The quality report's week-by-week log of what cleaning policies changed, on the fixtures of
// tests/fixtures/prep (sales = 1000 + 10i + 5(i mod 3) for row i, weekly from 2024-01-01).
// Expected values are worked out by hand from that formula.
import { loadCsv, MmmDataError } from "mixlab";
import type { LoadCsvOptions } from "mixlab/prep";
import assert from "node:assert/strict";

const dir = new URL("../fixtures/prep/", import.meta.url).pathname;
const OPTIONS: LoadCsvOptions = {
  columns: {
    date: "date",
    kpi: "sales",
    channels: [{ name: "tv", spend: "tv" }, { name: "radio", spend: "radio" }],
    controls: ["price"],
  },
};

function withLines(name: string, edit: (lines: string[]) => void): string {
  const lines = Deno.readTextFileSync(dir + name).split("\n");
  edit(lines);
  const path = Deno.makeTempFileSync({ suffix: ".csv" });
  Deno.writeTextFileSync(path, lines.join("\n"));
  return path;
}

Deno.test("the quality report lists every interpolated KPI week with its new value", async () => {
  // Rows 3 (2024-01-22) and 8 (2024-02-26) are empty: interpolation takes the mean of the
  // neighbours, (1030 + 1045) / 2 and (1075 + 1090) / 2.
  const data = await loadCsv(dir + "empty_cells.csv", {
    ...OPTIONS,
    missing: { kpi: "interpolate" },
  });
  assert.deepEqual(data.quality.changes, [
    {
      check: "missing-values",
      date: "2024-01-22",
      row: 3,
      column: "sales",
      action: "interpolated",
      before: null,
      after: 1037.5,
    },
    {
      check: "missing-values",
      date: "2024-02-26",
      row: 8,
      column: "sales",
      action: "interpolated",
      before: null,
      after: 1082.5,
    },
  ]);
  assert.match(data.quality.toText(), /2024-01-22\s+sales\s+missing-values\s+interpolated/);
  const filled = await loadCsv(dir + "empty_cells.csv", {
    ...OPTIONS,
    missing: { kpi: "forward-fill" },
  });
  assert.deepEqual(filled.quality.changes.map((c) => [c.action, c.after]), [
    ["forward-filled", 1030],
    ["forward-filled", 1075],
  ]);
});

Deno.test("the quality report lists a dropped week", async () => {
  const data = await loadCsv(dir + "empty_first_row.csv", { ...OPTIONS, missing: { kpi: "drop" } });
  assert.deepEqual(data.quality.changes.map((c) => [c.date, c.row, c.action, c.after]), [
    ["2024-01-01", 0, "dropped", null],
  ]);
});

Deno.test("the quality report lists a winsorized week with the value before and after", async () => {
  // Row 12 set to 5000. Without it the sales rise with i, so the sorted column is rows 0..29
  // less row 12, then 5000. Type-7 quartiles of 30 values: Q1 = x(7) + 0.25·(x(8) − x(7)) =
  // 1075 + 0.25·15 = 1078.75; Q3 = x(21) + 0.75·(x(22) − x(21)) = 1225 + 0.75·15 = 1236.25
  // (x(21), x(22) are rows 22 and 23); upper fence Q3 + 1.5·157.5 = 1472.5.
  const path = withLines("valid.csv", (l) => {
    l[13] = l[13]!.replace(/^([^,]+),\d+,/, "$1,5000,");
  });
  try {
    const data = await loadCsv(path, { ...OPTIONS, outliers: { action: "winsorize" } });
    assert.deepEqual(data.quality.changes, [{
      check: "outliers",
      date: "2024-03-25",
      row: 12,
      column: "sales",
      action: "winsorized",
      before: 5000,
      after: 1472.5,
    }]);
    assert.equal(data.kpi.values[12], 1472.5);
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("the quality report lists each date whose duplicate rows were merged", async () => {
  // A second row for 2024-01-22 (file row 4) with sales 1; "sum" merges it into row 3.
  const path = withLines("valid.csv", (l) => {
    l.splice(5, 0, "2024-01-22,1,0,0,10");
  });
  try {
    const data = await loadCsv(path, { ...OPTIONS, duplicates: "sum" });
    assert.deepEqual(data.quality.changes, [{
      check: "duplicates",
      date: "2024-01-22",
      row: 3,
      column: "date",
      action: "merged 2 rows by sum",
      before: null,
      after: null,
    }]);
    assert.equal(data.kpi.values[3], 1030 + 1);
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("hints name the option as the caller's interface spells it", async () => {
  const hint = async (optionName?: LoadCsvOptions["optionName"]) => {
    try {
      await loadCsv(dir + "empty_cells.csv", optionName ? { ...OPTIONS, optionName } : OPTIONS);
    } catch (e) {
      assert.ok(e instanceof MmmDataError);
      assert.deepEqual(e.dates, ["2024-01-22", "2024-02-26"]);
      return e.hint;
    }
    throw new Error("expected an error");
  };
  assert.match(await hint() ?? "", /set missing\.kpi to "interpolate"/);
  assert.match(
    await hint((o) => `cleaning.${o}`) ?? "",
    /set cleaning\.missing\.kpi to "interpolate"/,
  );
  assert.equal(await hint(() => undefined), "fill them in the file");
});
