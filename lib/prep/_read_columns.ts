/**
 * The first steps of assembling: read the mapped columns of a {@link RawFrame} as numbers,
 * parse the dates, read the geo labels, and order the rows by geo and date.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import { parseDateLevels } from "./date_format.ts";
import type { LoadOptionName, LoadOptions } from "./load_options.ts";
import type { RawFrame } from "./_raw_frame.ts";
import { type AssembleContext, type Column, type Rows, SAMPLE, sortRows } from "./_rows.ts";

/** The name a hint gives a loader option, or undefined when the reader cannot set it. */
export function optionName(options: LoadOptions, option: LoadOptionName): string | undefined {
  return options.optionName ? options.optionName(option) : option;
}

/**
 * The mapped columns as numbers (text that is not a number, or ±Infinity, is an error), then
 * the text columns as level codes, with each one's levels.
 */
export function readColumns(
  frame: RawFrame,
  ctx: AssembleContext,
): { columns: Column[]; textLevels: Map<string, readonly string[]> } {
  const { resolved, source, options } = ctx;
  const columns: Column[] = [];
  const add = (column: string, role: Column["role"]) => {
    const raw = frame.numeric(column);
    const invalid = [...raw.invalid];
    let invalidCount = raw.invalidCount;
    const values = raw.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v === Infinity || v === -Infinity) {
        invalidCount++;
        if (invalid.length < SAMPLE) invalid.push({ row: i, text: String(v) });
      }
    }
    if (invalidCount > 0) throw nonNumericError(column, invalid, invalidCount, source, options);
    columns.push({ column, role, values, missing: 0, outliers: 0 });
  };
  add(resolved.kpi, "kpi");
  resolved.spend.forEach((c) => add(c, "spend"));
  resolved.exposure.forEach((c) => c !== undefined && add(c, "exposure"));
  resolved.controls.forEach((c) => add(c, "control"));
  if (resolved.population !== undefined) add(resolved.population, "population");
  const textLevels = new Map<string, readonly string[]>();
  for (const name of resolved.categories) {
    const text = frame.levels(name);
    if (text.empty.length > 0) {
      throw new MmmDataError(`Cannot load data: text column "${name}" has empty cells`, {
        column: name,
        rows: text.empty,
        file: source,
        hint: 'fill them in the file (a category of its own, such as "none", is fine)',
      });
    }
    textLevels.set(name, text.levels);
    columns.push({
      column: name,
      role: "category",
      values: Float64Array.from(text.codes),
      missing: 0,
      outliers: 0,
    });
  }
  return { columns, textLevels };
}

/**
 * Parses the dates and reads the geo labels into rows (in file order), then sorts them by geo
 * and date.
 */
export function readRows(frame: RawFrame, columns: Column[], ctx: AssembleContext): Rows {
  const { resolved, source, options, entries } = ctx;
  const dateLevels = frame.levels(resolved.date);
  if (dateLevels.empty.length > 0) {
    throw new MmmDataError(
      `Cannot load data: date column "${resolved.date}" has empty cells`,
      {
        column: resolved.date,
        rows: dateLevels.empty,
        file: source,
        hint: "fill or remove those rows",
      },
    );
  }
  const parsed = parseDateLevels(dateLevels.levels, options.dateFormat);
  if (!parsed.ok) {
    throw new MmmDataError(`Cannot load data: column "${resolved.date}" ${parsed.problem}`, {
      column: resolved.date,
      rows: firstRowsOfLevels(dateLevels.codes, parsed.bad),
      dates: parsed.bad.map((i) => dateLevels.levels[i] as string),
      file: source,
      hint: parsed.hint,
    });
  }
  entries.push({
    check: "date-format",
    status: "info",
    column: resolved.date,
    detail: `${parsed.format}, ${parsed.reason}`,
  });
  const n0 = frame.nRows;
  const day = new Float64Array(n0);
  for (let i = 0; i < n0; i++) day[i] = parsed.days[dateLevels.codes[i] as number] as number;
  const origin = new Uint32Array(n0);
  for (let i = 0; i < n0; i++) origin[i] = i;
  const rows: Rows = { day, origin, columns, ...readGeo(frame, n0, ctx) };

  const levelDays = parsed.days;
  const distinctDays = Float64Array.from(new Set(levelDays)).sort();
  const rankOfLevel = Uint32Array.from(levelDays, (d) => binarySearch(distinctDays, d));
  const dateRank = Uint32Array.from(
    dateLevels.codes,
    (code) => rankOfLevel[code as number] as number,
  );
  sortRows(rows, dateRank, distinctDays.length, ctx);
  return rows;
}

function readGeo(
  frame: RawFrame,
  n0: number,
  ctx: AssembleContext,
): { geoLevels: readonly string[]; geo: Uint32Array } {
  const { resolved, source } = ctx;
  if (resolved.geo === undefined) return { geoLevels: [""], geo: new Uint32Array(n0) };
  const g = frame.levels(resolved.geo);
  if (g.empty.length > 0) {
    throw new MmmDataError(`Cannot load data: geo column "${resolved.geo}" has empty cells`, {
      column: resolved.geo,
      rows: g.empty,
      file: source,
      hint: "fill or remove those rows",
    });
  }
  return { geoLevels: g.levels, geo: g.codes };
}

function nonNumericError(
  column: string,
  invalid: readonly { row: number; text: string }[],
  count: number,
  source: string,
  options: LoadOptions,
): MmmDataError {
  const texts = invalid.map((v) => v.text.trim());
  const hints: string[] = [];
  const numberFormat = optionName(options, "numberFormat");
  const currency = [...new Set(texts.flatMap((t) => t.match(/[$€£¥]/g) ?? []))];
  if (currency.length > 0 && numberFormat !== undefined) {
    hints.push(
      `set ${numberFormat}: { "currency": [${currency.map((c) => `"${c}"`).join(", ")}] }`,
    );
  }
  if (numberFormat === undefined) {
    // the reader cannot set a number format: only the export can change
  } else if (texts.some((t) => /\d,\d{3}(\D|$)/.test(t))) {
    hints.push(`set ${numberFormat}: { "thousands": "," } to read "1,200" as 1200`);
  } else if (texts.some((t) => /^-?\d+,\d+$/.test(t))) {
    hints.push(`set ${numberFormat}: { "decimal": "," } for decimal commas`);
  }
  const nullValues = optionName(options, "nullValues");
  const nullLike = [...new Set(texts.filter((t) => /^(n\/?a|na|null|none|-|\?)$/i.test(t)))];
  if (nullLike.length > 0 && nullValues !== undefined) {
    hints.push(
      `set ${nullValues}: [${
        nullLike.map((t) => `"${t}"`).join(", ")
      }] with a missing-value policy if they mean "no value"`,
    );
  }
  if (hints.length === 0) hints.push("fix those cells in the export");
  return new MmmDataError(
    `Cannot load data: column "${column}" has ${count} values that are not numbers (${
      invalid.slice(0, 3).map((v) => `"${v.text}" in row ${v.row}`).join(", ")
    })`,
    { column, rows: invalid.map((v) => v.row), file: source, hint: hints.join("; ") },
  );
}

function firstRowsOfLevels(codes: Uint32Array, levels: readonly number[]): number[] {
  const rows: number[] = [];
  for (const level of levels) {
    const i = codes.indexOf(level);
    if (i >= 0) rows.push(i);
  }
  return rows;
}

function binarySearch(sorted: Float64Array, value: number): number {
  let lo = 0, hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
