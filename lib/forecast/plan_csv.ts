/**
 * Spend plans as CSV text: a `date` column of future weeks and one spend column per channel
 * (named exactly as the model's channels), plus optional control columns. {@link planToCsv}
 * writes one (fields quoted as RFC 4180 says, so any channel name survives), and
 * {@link parsePlanCsv} reads one; every problem is an {@link MmmDataError} that names the column
 * and row.
 *
 * @module
 */
import { mean } from "../_internal/array.ts";
import { csvRecord, parseCsv } from "../_internal/csv.ts";
import { MmmDataError } from "../errors.ts";
import type { MmmData } from "../types.ts";
import { continueWeekly } from "../dates.ts";

/** Options of {@link parsePlanCsv}. */
export interface ParsePlanOptions {
  /** File name for messages. @default "plan" */
  readonly file?: string;
  /** Controls missing from the plan hold their mean over this many final history weeks. @default 13 */
  readonly basisWeeks?: number;
}

/**
 * Parses a plan CSV into the future rows of `history`'s channels and controls.
 *
 * @example A two-week plan
 * ```ts
 * import { parsePlanCsv } from "mixlab/forecast";
 * import assert from "node:assert/strict";
 * const history = {
 *   dates: ["2024-01-01"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([1]) },
 *   channels: [{ name: "tv", spend: new Float64Array([10]) }], controls: [],
 * };
 * const plan = parsePlanCsv("date,tv\n2024-01-08,12\n2024-01-15,0\n", history);
 * assert.deepEqual(Array.from(plan.channels[0]!.spend), [12, 0]);
 * ```
 */
export function parsePlanCsv(
  text: string,
  history: MmmData,
  options: ParsePlanOptions = {},
): MmmData {
  const file = options.file ?? "plan";
  const lines = parseCsv(text);
  if (lines.length < 2) {
    throw new MmmDataError(`Cannot read plan "${file}": it needs a header and at least one week`, {
      file,
    });
  }
  const header = lines[0] as string[];
  const rows = lines.slice(1);
  const col = (name: string) => header.indexOf(name);
  if (col("date") < 0) {
    throw new MmmDataError(`Cannot read plan "${file}": no "date" column`, {
      file,
      column: "date",
      hint: `the header is ${header.map((h) => `"${h}"`).join(", ")}`,
    });
  }
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new MmmDataError(
        `Cannot read plan "${file}": row ${
          i + 2
        } has ${r.length} cells, the header ${header.length}`,
        { file, rows: [i] },
      );
    }
  });
  const dates = rows.map((r) => r[col("date")] as string);
  const expected = continueWeekly(history.dates[history.dates.length - 1] as string, rows.length);
  dates.forEach((d, i) => {
    if (d !== expected[i]) {
      throw new MmmDataError(
        `Cannot read plan "${file}": row ${i + 2} has date "${d}", expected "${
          expected[i]
        }" (weekly, right after the history)`,
        { file, column: "date", rows: [i], dates: [d] },
      );
    }
  });
  const numbers = (name: string, nonNegative: boolean): Float64Array => {
    const j = col(name);
    return Float64Array.from(rows, (r, i) => {
      const cell = r[j] as string;
      const v = Number(cell);
      if (cell === "" || !Number.isFinite(v) || (nonNegative && v < 0)) {
        throw new MmmDataError(
          `Cannot read plan "${file}": column "${name}" row ${i + 2} is "${cell}", not a ${
            nonNegative ? "number ≥ 0" : "number"
          }`,
          { file, column: name, rows: [i] },
        );
      }
      return v;
    });
  };
  const n = history.dates.length, k = Math.min(options.basisWeeks ?? 13, n);
  return {
    dates,
    kpi: { name: history.kpi.name, values: new Float64Array(rows.length) },
    kpiKind: history.kpiKind,
    channels: history.channels.map((c) => {
      if (col(c.name) < 0) {
        throw new MmmDataError(`Cannot read plan "${file}": no column for channel "${c.name}"`, {
          file,
          column: c.name,
          hint: "add a spend column per channel, named as the channel (0 for no spend)",
        });
      }
      return { name: c.name, spend: numbers(c.name, true) };
    }),
    controls: history.controls.map((c) => ({
      name: c.name,
      values: col(c.name) >= 0
        ? numbers(c.name, false)
        : new Float64Array(rows.length).fill(mean(c.values.subarray(n - k))),
    })),
    ...(history.categories
      ? {
        categories: history.categories.map((c) => ({
          name: c.name,
          values: col(c.name) >= 0
            ? rows.map((r) => (r[col(c.name)] ?? "").trim())
            : new Array<string>(rows.length).fill(c.values[n - 1] as string),
        })),
      }
      : {}),
  };
}

/**
 * Writes a plan as CSV text that {@link parsePlanCsv} (and `mmm forecast --plan`) reads back to
 * the same numbers: a `date` column, one column per channel, one per control.
 *
 * @example A plan survives the round trip
 * ```ts
 * import { spendPlan } from "mixlab";
 * import { parsePlanCsv, planToCsv } from "mixlab/forecast";
 * import assert from "node:assert/strict";
 * const history = {
 *   dates: ["2024-01-01"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([1]) },
 *   channels: [{ name: "tv, national", spend: new Float64Array([10]) }], controls: [],
 * };
 * const plan = spendPlan(history, { weeks: 2, weeklySpend: { "tv, national": 1 / 3 } });
 * assert.equal(planToCsv(plan).split("\n")[0], 'date,"tv, national"');
 * assert.deepEqual(parsePlanCsv(planToCsv(plan), history), plan);
 * ```
 */
export function planToCsv(plan: MmmData): string {
  const columns = [...plan.channels.map((c) => c.spend), ...plan.controls.map((c) => c.values)];
  const lines = [
    csvRecord(["date", ...plan.channels.map((c) => c.name), ...plan.controls.map((c) => c.name)]),
    ...plan.dates.map((date, t) => csvRecord([date, ...columns.map((v) => String(v[t]))])),
  ];
  return lines.join("\n") + "\n";
}
