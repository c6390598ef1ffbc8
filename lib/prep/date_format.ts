/**
 * Date parsing for prep: ISO `yyyy-mm-dd`, `dd/mm/yyyy` and `mm/dd/yyyy` (separators `/`, `.`
 * or `-`). The format is detected from the values when they decide it (a day above 12), or told
 * with `dateFormat`; an ambiguous column is an error, never a silent guess.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import { dayFromParts, isoFromDay } from "../dates.ts";

/** The date formats prep understands. */
export type DateFormat = "yyyy-mm-dd" | "dd/mm/yyyy" | "mm/dd/yyyy";

/** The date formats prep understands, for error messages and option checks. */
export const DATE_FORMATS: readonly DateFormat[] = ["yyyy-mm-dd", "dd/mm/yyyy", "mm/dd/yyyy"];

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.]*Z?)?$/;
const DAY_FIRST_OR_MONTH_FIRST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** How a set of distinct date strings parsed: day numbers, or which values failed and why. */
export type DateLevelsResult =
  | {
    readonly ok: true;
    /** Day number (days since 1970-01-01) of each input value. */
    readonly days: Float64Array;
    /** The format used. */
    readonly format: DateFormat;
    /** How the format was chosen, for the data quality report. */
    readonly reason: string;
  }
  | {
    readonly ok: false;
    /** Indices of the offending values (the first few). */
    readonly bad: readonly number[];
    /** What is wrong, to follow `Cannot load data: column "…" `. */
    readonly problem: string;
    /** What to do. */
    readonly hint: string;
  };

/**
 * Parses distinct date strings, detecting the format unless `format` is given.
 *
 * @param values Distinct date strings.
 * @param format The format to use; detected when undefined.
 * @returns Day numbers and the format, or the offending values.
 */
export function parseDateLevels(
  values: readonly string[],
  format: DateFormat | undefined,
): DateLevelsResult {
  const n = values.length;
  const a = new Int32Array(n), b = new Int32Array(n), y = new Int32Array(n);
  let allIso = true, allSlash = true;
  const unparseable: number[] = [];
  for (let i = 0; i < n; i++) {
    const text = (values[i] as string).trim();
    const iso = ISO.exec(text);
    if (iso) {
      allSlash = false;
      y[i] = Number(iso[1]);
      a[i] = Number(iso[2]);
      b[i] = Number(iso[3]);
      continue;
    }
    allIso = false;
    const m = DAY_FIRST_OR_MONTH_FIRST.exec(text);
    if (m) {
      a[i] = Number(m[1]);
      b[i] = Number(m[2]);
      y[i] = Number(m[3]);
    } else {
      allSlash = false;
      unparseable.push(i);
    }
  }
  if (unparseable.length > 0 || (!allIso && !allSlash)) {
    const bad = unparseable.length > 0 ? unparseable : mixedIndices(values);
    return {
      ok: false,
      bad: bad.slice(0, 5),
      problem: `has ${
        unparseable.length > 0 ? unparseable.length : "mixed-format"
      } dates that are not yyyy-mm-dd, dd/mm/yyyy or mm/dd/yyyy (${
        quoteList(bad.slice(0, 3).map((i) => values[i] as string))
      })`,
      hint: "write dates as yyyy-mm-dd, or in one of dd/mm/yyyy and mm/dd/yyyy throughout",
    };
  }
  let chosen: DateFormat;
  let reason: string;
  if (allIso) {
    if (format !== undefined && format !== "yyyy-mm-dd") {
      return {
        ok: false,
        bad: [0],
        problem: `has yyyy-mm-dd dates but dateFormat is "${format}"`,
        hint: 'remove dateFormat or set it to "yyyy-mm-dd"',
      };
    }
    chosen = "yyyy-mm-dd";
    reason = format === undefined ? "detected (ISO)" : "given";
  } else if (format === "dd/mm/yyyy" || format === "mm/dd/yyyy") {
    chosen = format;
    reason = "given";
  } else if (format === "yyyy-mm-dd") {
    return {
      ok: false,
      bad: [0],
      problem: `has dates like "${values[0]}" but dateFormat is "yyyy-mm-dd"`,
      hint: 'set dateFormat to "dd/mm/yyyy" or "mm/dd/yyyy"',
    };
  } else {
    let dayFirst = -1, monthFirst = -1;
    for (let i = 0; i < n; i++) {
      if ((a[i] as number) > 12 && dayFirst < 0) dayFirst = i;
      if ((b[i] as number) > 12 && monthFirst < 0) monthFirst = i;
    }
    if (dayFirst >= 0 && monthFirst >= 0) {
      return {
        ok: false,
        bad: [dayFirst, monthFirst],
        problem: `mixes day-first and month-first dates ("${values[dayFirst]}", "${
          values[monthFirst]
        }")`,
        hint: "write every date in one format, preferably yyyy-mm-dd",
      };
    }
    if (dayFirst < 0 && monthFirst < 0) {
      return {
        ok: false,
        bad: [0],
        problem: `has dates that read as dd/mm/yyyy or as mm/dd/yyyy (e.g. "${values[0]}")`,
        hint: 'set dateFormat to "dd/mm/yyyy" or "mm/dd/yyyy"',
      };
    }
    chosen = dayFirst >= 0 ? "dd/mm/yyyy" : "mm/dd/yyyy";
    reason = `detected ("${values[dayFirst >= 0 ? dayFirst : monthFirst]}" has a day above 12)`;
  }
  const days = new Float64Array(n);
  const invalid: number[] = [];
  for (let i = 0; i < n; i++) {
    const month = chosen === "dd/mm/yyyy" ? b[i] as number : a[i] as number;
    const day = chosen === "dd/mm/yyyy" ? a[i] as number : b[i] as number;
    const d = chosen === "yyyy-mm-dd"
      ? dayFromParts(y[i] as number, a[i] as number, b[i] as number)
      : dayFromParts(y[i] as number, month, day);
    if (d === undefined) invalid.push(i);
    else days[i] = d;
  }
  if (invalid.length > 0) {
    return {
      ok: false,
      bad: invalid.slice(0, 5),
      problem: `has ${invalid.length} dates that do not exist as ${chosen} (${
        quoteList(invalid.slice(0, 3).map((i) => values[i] as string))
      })`,
      hint: chosen === "yyyy-mm-dd" ? "fix those dates" : "check dateFormat, or fix those dates",
    };
  }
  return { ok: true, days, format: chosen, reason };
}

/** Options of {@link parseDates}. */
export interface ParseDatesOptions {
  /** The format; detected from the values when undefined. @default undefined */
  readonly dateFormat?: DateFormat;
  /** Column name for error messages. @default "date" */
  readonly column?: string;
}

/**
 * Parses date strings to ISO `yyyy-mm-dd`, detecting the format when the values decide it.
 *
 * @param values Date strings.
 * @param options Format and column name.
 * @returns ISO dates, one per value.
 * @throws {MmmDataError} When a value does not parse, or the format is ambiguous.
 *
 * @example Day-first dates are detected from a day above 12
 * ```ts
 * import { parseDates } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseDates(["06/01/2025", "13/01/2025"]), ["2025-01-06", "2025-01-13"]);
 * ```
 */
export function parseDates(
  values: readonly string[],
  options: ParseDatesOptions = {},
): string[] {
  const column = options.column ?? "date";
  const result = parseDateLevels(values, options.dateFormat);
  if (!result.ok) {
    throw new MmmDataError(`Cannot parse dates: column "${column}" ${result.problem}`, {
      column,
      rows: result.bad,
      dates: result.bad.map((i) => values[i] as string),
      hint: result.hint,
    });
  }
  return Array.from(result.days, isoFromDay);
}

function mixedIndices(values: readonly string[]): number[] {
  const firstIso = values.findIndex((v) => ISO.test(v.trim()));
  const firstOther = values.findIndex((v) => !ISO.test(v.trim()));
  return [firstIso, firstOther].filter((i) => i >= 0);
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(", ");
}
