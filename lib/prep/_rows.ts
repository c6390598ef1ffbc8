/**
 * The rows of a file while prep checks and cleans them: day, geo and file row of each row, the
 * numeric columns, and the steps that reorder or merge rows (sorting, duplicate merging, daily
 * to weekly sums). Every step keeps the columns aligned with the rows.
 *
 * @module
 */
import { isoFromDay, weekdayOfDay } from "../dates.ts";
import type { LoadOptions } from "./load_options.ts";
import type { CleaningChange, QualityEntry } from "./quality_report.ts";

/** At most this many rows or dates are named in an error or a report entry. */
export const SAMPLE = 5;

/** The file's column names for each role, after matching the user's mapping to the header. */
export interface ResolvedColumns {
  readonly date: string;
  readonly kpi: string;
  readonly spend: readonly string[];
  readonly exposure: readonly (string | undefined)[];
  readonly controls: readonly string[];
  readonly categories: readonly string[];
  readonly geo: string | undefined;
  readonly population: string | undefined;
}

/** A numeric column of the file, with what prep found in it. */
export interface Column {
  readonly column: string;
  readonly role: "kpi" | "spend" | "exposure" | "control" | "category" | "population";
  values: Float64Array;
  missing: number;
  outliers: number;
}

/** The rows as prep works on them; steps replace the arrays as they reorder or merge rows. */
export interface Rows {
  /** Day number of each row. */
  day: Float64Array;
  /** Geo code of each row (index into `geoLevels`; 0 for national data). */
  geo: Uint32Array;
  /** The file row each row came from. */
  origin: Uint32Array;
  /** Geo names (one empty name for national data). */
  readonly geoLevels: readonly string[];
  /** The numeric columns, aligned with the rows. */
  readonly columns: Column[];
}

/** What every step reads: the mapping, the options and the report being written. */
export interface AssembleContext {
  readonly resolved: ResolvedColumns;
  readonly options: LoadOptions;
  readonly source: string;
  readonly entries: QualityEntry[];
  readonly changes: CleaningChange[];
}

/** Date, geo and file row of row `i` (of the current, sorted rows). */
export function where(
  rows: Rows,
  i: number,
  resolved: ResolvedColumns,
): { date: string; geo?: string; row: number } {
  const date = isoFromDay(rows.day[i] as number), row = rows.origin[i] as number;
  return resolved.geo === undefined
    ? { date, row }
    : { date, geo: rows.geoLevels[rows.geo[i] as number] as string, row };
}

/** The day of the row that came from file row `row` (the first row's when it is gone). */
export function dayOfOrigin(rows: Rows, row: number): number {
  const i = rows.origin.indexOf(row);
  return rows.day[i >= 0 ? i : 0] as number;
}

/** Keeps the rows at `order`, in that order, in the row arrays and in `columns`. */
export function permute(rows: Rows, order: Uint32Array, columns: Column[] = rows.columns): void {
  const n = order.length;
  const d = new Float64Array(n), g = new Uint32Array(n), o = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = order[i] as number;
    d[i] = rows.day[k] as number;
    g[i] = rows.geo[k] as number;
    o[i] = rows.origin[k] as number;
  }
  for (const c of columns) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = c.values[order[i] as number] as number;
    c.values = v;
  }
  rows.day = d;
  rows.geo = g;
  rows.origin = o;
}

/** [start, end) row ranges of each geo (rows are sorted by geo). */
export function segments(geo: Uint32Array): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= geo.length; i++) {
    if (i === geo.length || geo[i] !== geo[i - 1]) {
      out.push([start, i]);
      start = i;
    }
  }
  return out;
}

/**
 * Orders rows by geo, then date: a counting sort on (geo, date rank) when the key space is
 * small, which it is for any real panel. `dateRank` is each row's rank among the distinct dates.
 */
export function sortRows(rows: Rows, dateRank: Uint32Array, nRanks: number, ctx: AssembleContext) {
  const n0 = rows.day.length;
  const key = new Float64Array(n0);
  let sorted = true;
  for (let i = 0; i < n0; i++) {
    key[i] = (rows.geo[i] as number) * nRanks + (dateRank[i] as number);
    if (i > 0 && (key[i] as number) < (key[i - 1] as number)) sorted = false;
  }
  if (sorted) return;
  const keySpace = rows.geoLevels.length * nRanks;
  let order: Uint32Array;
  if (keySpace <= 4 * n0 + 1_000_000) {
    const counts = new Uint32Array(keySpace + 1);
    for (let i = 0; i < n0; i++) counts[(key[i] as number) + 1]!++;
    for (let k = 1; k <= keySpace; k++) counts[k]! += counts[k - 1] as number;
    order = new Uint32Array(n0);
    for (let i = 0; i < n0; i++) order[counts[key[i] as number]!++] = i;
  } else {
    order = Uint32Array.from({ length: n0 }, (_, i) => i).sort((a, b) =>
      (key[a] as number) - (key[b] as number) || a - b
    );
  }
  permute(rows, order);
  ctx.entries.push({ check: "order", status: "fixed", detail: "rows sorted by geo and date" });
}

/** One change per date (and geo) whose rows a duplicate rule merges. */
export function duplicateChanges(
  rows: Rows,
  resolved: ResolvedColumns,
  policy: string,
): CleaningChange[] {
  const { day, geo } = rows;
  const out: CleaningChange[] = [];
  let start = 0;
  for (let i = 1; i <= day.length; i++) {
    if (i < day.length && geo[i] === geo[start] && day[i] === day[start]) continue;
    if (i - start > 1) {
      out.push({
        check: "duplicates",
        ...where(rows, start, resolved),
        column: resolved.date,
        action: `merged ${i - start} rows by ${policy}`,
        before: null,
        after: null,
      });
    }
    start = i;
  }
  return out;
}

/** Merges rows of the same geo and day into one by the rule. */
export function mergeDuplicates(rows: Rows, policy: "first" | "last" | "sum" | "mean"): void {
  const { day, geo, columns } = rows;
  const groups: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= day.length; i++) {
    if (i === day.length || geo[i] !== geo[i - 1] || day[i] !== day[i - 1]) {
      groups.push([start, i]);
      start = i;
    }
  }
  const first = Uint32Array.from(groups, ([s]) => s);
  for (const c of columns) {
    const v = new Float64Array(groups.length);
    groups.forEach(([s, e], k) => {
      if (policy === "first" || c.role === "category") v[k] = c.values[s] as number;
      else if (policy === "last") v[k] = c.values[e - 1] as number;
      else {
        let sum = 0;
        for (let i = s; i < e; i++) sum += c.values[i] as number;
        v[k] = policy === "sum" ? sum : sum / (e - s);
      }
    });
    c.values = v;
  }
  permute(rows, first, []);
}

/**
 * Sums daily rows into weeks (controls averaged unless the options say "sum"), dropping partial
 * weeks; returns the first days of the weeks dropped.
 */
export function aggregateWeekly(rows: Rows, options: LoadOptions): string[] {
  const { day, geo, columns } = rows;
  const startWeekday = (options.weekStart ?? "monday") === "monday" ? 0 : 6;
  const weekOf = (d: number) => d - ((weekdayOfDay(d) - startWeekday + 7) % 7);
  const groups: [number, number][] = [];
  const partial: string[] = [];
  let start = 0;
  for (let i = 1; i <= day.length; i++) {
    if (
      i === day.length || geo[i] !== geo[i - 1] ||
      weekOf(day[i] as number) !== weekOf(day[i - 1] as number)
    ) {
      if (i - start === 7) groups.push([start, i]);
      else partial.push(isoFromDay(weekOf(day[start] as number)));
      start = i;
    }
  }
  const meanControls = (options.controlAggregation ?? "mean") === "mean";
  for (const c of columns) {
    const v = new Float64Array(groups.length);
    groups.forEach(([s, e], k) => {
      let sum = 0;
      for (let i = s; i < e; i++) sum += c.values[i] as number;
      v[k] = c.role === "category"
        ? c.values[s] as number
        : (c.role === "control" && meanControls) || c.role === "population"
        ? sum / (e - s)
        : sum;
    });
    c.values = v;
  }
  permute(rows, Uint32Array.from(groups, ([s]) => s), []);
  for (let k = 0; k < groups.length; k++) rows.day[k] = weekOf(rows.day[k] as number);
  return partial;
}

/**
 * The distinct days of rows sorted by geo then day: the first geo's days when every geo has the
 * same ones (checked in one pass), else the sorted union.
 */
export function distinctSortedDays(day: Float64Array, geo: Uint32Array): Float64Array {
  let firstEnd = 0;
  while (firstEnd < day.length && geo[firstEnd] === geo[0]) firstEnd++;
  const candidate = day.slice(0, firstEnd);
  let balanced = day.length % Math.max(1, firstEnd) === 0;
  for (let i = firstEnd; i < day.length && balanced; i++) {
    if (day[i] !== candidate[i % firstEnd]) balanced = false;
  }
  return balanced ? candidate : Float64Array.from(new Set(day)).sort();
}
