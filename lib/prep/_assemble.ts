/**
 * The checks and cleaning steps that turn a read file ({@link RawFrame}) into `MmmData`. Each
 * check throws an `MmmDataError` naming the column and rows, or records what it found and did
 * in the data quality report. Nothing here reads or writes files.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import type { ChannelData, MmmData, NamedSeries } from "../types.ts";
import { isoFromDay, weekdayOfDay } from "../dates.ts";
import { parseDateLevels } from "./date_format.ts";
import type { LoadOptionName, LoadOptions } from "./load_options.ts";
import { fillMissing, type MissingPolicy } from "./missing_values.ts";
import { findOutliers, winsorize } from "./outliers.ts";
import type { CleaningChange, ColumnQuality, QualityEntry } from "./quality_report.ts";
import { DataQualityReport } from "./quality_report.ts";
import type { RawFrame } from "./_raw_frame.ts";

/** `MmmData` as a loader returns it: the data plus the report of what was checked and done. */
export interface LoadedData extends MmmData {
  /** What prep found and did. */
  readonly quality: DataQualityReport;
}

/** The file's column names for each role, after matching the user's mapping to the header. */
export interface ResolvedColumns {
  readonly date: string;
  readonly kpi: string;
  readonly spend: readonly string[];
  readonly exposure: readonly (string | undefined)[];
  readonly controls: readonly string[];
  readonly geo: string | undefined;
}

const SAMPLE = 5;
const HTML_SPECIAL = /[<>&"']/;

/** The name a hint gives a loader option, or undefined when the reader cannot set it. */
function optionName(options: LoadOptions, option: LoadOptionName): string | undefined {
  return options.optionName ? options.optionName(option) : option;
}

const FILL_ACTIONS = {
  interpolate: "interpolated",
  "forward-fill": "forward-filled",
  zero: "set to zero",
} as const;

/**
 * Matches the user's column mapping to header names (exactly, or after trimming spaces, with a
 * warning) and checks every mapped column exists.
 */
export function resolveColumns(
  header: readonly string[],
  options: LoadOptions,
  source: string,
  entries: QualityEntry[],
): ResolvedColumns {
  const mapping = options.columns;
  if (mapping === null || typeof mapping !== "object" || !Array.isArray(mapping.channels)) {
    throw new TypeError(
      "Cannot load data: options.columns must be { date, kpi, channels: [{ name, spend }] }",
    );
  }
  for (const name of header) {
    if (name.trim() !== name || /\s/.test(name.trim())) {
      entries.push({
        check: "column-name",
        status: "warning",
        column: name,
        detail: `column name "${name}" contains spaces; quote it in configs and commands`,
      });
    }
    if (HTML_SPECIAL.test(name)) {
      entries.push({
        check: "column-name",
        status: "warning",
        column: name,
        detail: `column name "${name}" contains HTML characters; it is escaped wherever shown`,
      });
    }
  }
  const find = (wanted: string, role: string): string => {
    if (header.includes(wanted)) return wanted;
    const trimmed = header.find((h) => h.trim() === wanted.trim());
    if (trimmed !== undefined) return trimmed;
    const similar = header.find((h) => h.trim().toLowerCase() === wanted.trim().toLowerCase());
    throw new MmmDataError(
      `Cannot load data: ${role} column "${wanted}" is missing from "${source}"`,
      {
        column: wanted,
        file: source,
        hint: similar !== undefined
          ? `did you mean "${similar}"?`
          : `the file has ${header.slice(0, 12).map((h) => `"${h}"`).join(", ")}${
            header.length > 12 ? " …" : ""
          }`,
      },
    );
  };
  return {
    date: find(mapping.date, "date"),
    kpi: find(mapping.kpi, "KPI"),
    spend: mapping.channels.map((c) => find(c.spend, `spend`)),
    exposure: mapping.channels.map((c) =>
      c.exposure === undefined ? undefined : find(c.exposure, "exposure")
    ),
    controls: (mapping.controls ?? []).map((c) => find(c, "control")),
    geo: mapping.geo === undefined ? undefined : find(mapping.geo, "geo"),
  };
}

interface Column {
  readonly column: string;
  readonly role: "kpi" | "spend" | "exposure" | "control";
  values: Float64Array;
  missing: number;
  outliers: number;
}

/** Runs every check and cleaning step and builds the data and its quality report. */
export function assemble(
  frame: RawFrame,
  resolved: ResolvedColumns,
  options: LoadOptions,
  source: string,
  entries: QualityEntry[],
): LoadedData {
  const mapping = options.columns;
  const changes: CleaningChange[] = [];
  // Numbers: reject text that is not a number.
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

  // Dates.
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
  let day: Float64Array = new Float64Array(n0);
  for (let i = 0; i < n0; i++) day[i] = parsed.days[dateLevels.codes[i] as number] as number;

  // Geo.
  let geoLevels: readonly string[] = [""];
  let geo: Uint32Array = new Uint32Array(n0);
  if (resolved.geo !== undefined) {
    const g = frame.levels(resolved.geo);
    if (g.empty.length > 0) {
      throw new MmmDataError(`Cannot load data: geo column "${resolved.geo}" has empty cells`, {
        column: resolved.geo,
        rows: g.empty,
        file: source,
        hint: "fill or remove those rows",
      });
    }
    geoLevels = g.levels;
    geo = g.codes;
  }
  let origin: Uint32Array = new Uint32Array(n0);
  for (let i = 0; i < n0; i++) origin[i] = i;

  // Order rows by geo, then date: a counting sort on (geo, date rank) when the key space is
  // small, which it is for any real panel.
  const levelDays = parsed.days;
  const distinctDays = Float64Array.from(new Set(levelDays)).sort();
  const rankOfLevel = Uint32Array.from(levelDays, (d) => binarySearch(distinctDays, d));
  const nRanks = distinctDays.length;
  const key = new Float64Array(n0);
  let sorted = true;
  for (let i = 0; i < n0; i++) {
    key[i] = (geo[i] as number) * nRanks + (rankOfLevel[dateLevels.codes[i] as number] as number);
    if (i > 0 && (key[i] as number) < (key[i - 1] as number)) sorted = false;
  }
  if (!sorted) {
    const keySpace = geoLevels.length * nRanks;
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
    ({ day, geo, origin } = permute(order, day, geo, origin, columns));
    entries.push({ check: "order", status: "fixed", detail: "rows sorted by geo and date" });
  }

  // Duplicates.
  const duplicateRows: number[] = [];
  let duplicateCount = 0;
  for (let i = 1; i < day.length; i++) {
    if (geo[i] === geo[i - 1] && day[i] === day[i - 1]) {
      duplicateCount++;
      if (duplicateRows.length < SAMPLE) duplicateRows.push(origin[i] as number);
    }
  }
  if (duplicateCount > 0) {
    const policy = options.duplicates ?? "error";
    const dupDates = [
      ...new Set(duplicateRows.map((r) => isoFromDay(dayOfOrigin(r, origin, day)))),
    ];
    if (policy === "error") {
      const setting = optionName(options, "duplicates");
      throw new MmmDataError(
        `Cannot load data: column "${resolved.date}" has ${duplicateCount} duplicate dates${
          resolved.geo !== undefined ? " within a geo" : ""
        } (${dupDates.slice(0, 3).map((d) => `"${d}"`).join(", ")})`,
        {
          column: resolved.date,
          rows: duplicateRows,
          dates: dupDates,
          file: source,
          hint: setting === undefined
            ? "remove the duplicates from the export"
            : `remove the duplicates, or set ${setting} to "first", "last", "sum" or "mean"`,
        },
      );
    }
    changes.push(...duplicateChanges(day, geo, origin, geoLevels, resolved, policy));
    ({ day, geo, origin } = mergeDuplicates(day, geo, origin, columns, policy));
    entries.push({
      check: "duplicates",
      status: "fixed",
      column: resolved.date,
      rows: duplicateRows,
      detail: `${duplicateCount} duplicate rows merged by "${policy}"`,
    });
  } else entries.push({ check: "duplicates", status: "ok", detail: "no duplicate dates" });

  // Missing values.
  const policies = options.missing ?? {};
  const policyOf = (c: Column): MissingPolicy =>
    (c.role === "kpi" ? policies.kpi : c.role === "control" ? policies.controls : policies.spend) ??
      "error";
  const drop = new Uint8Array(day.length);
  let anyDrop = false;
  for (const c of columns) {
    const rows: number[] = [];
    for (let i = 0; i < c.values.length; i++) {
      if (Number.isNaN(c.values[i])) {
        c.missing++;
        if (rows.length < SAMPLE) rows.push(origin[i] as number);
      }
    }
    if (c.missing === 0) continue;
    const policy = policyOf(c);
    if (policy === "error") {
      const setting = optionName(
        options,
        c.role === "kpi"
          ? "missing.kpi"
          : c.role === "control"
          ? "missing.controls"
          : "missing.spend",
      );
      throw new MmmDataError(
        `Cannot load data: column "${c.column}" has ${c.missing} empty cells`,
        {
          column: c.column,
          rows,
          dates: rows.map((r) => isoFromDay(dayOfOrigin(r, origin, day))),
          file: source,
          hint: setting === undefined
            ? "fill them in the file"
            : `fill them in the file, or set ${setting} to "interpolate", "forward-fill", "zero" or "drop"`,
        },
      );
    }
    for (let i = 0; i < c.values.length; i++) {
      if (!Number.isNaN(c.values[i])) continue;
      if (policy === "drop") drop[i] = 1;
      changes.push({
        check: "missing-values",
        ...where(i, day, geo, origin, geoLevels, resolved),
        column: c.column,
        action: policy === "drop" ? "dropped" : FILL_ACTIONS[policy],
        before: null,
        after: null,
      });
    }
    if (policy === "drop") anyDrop = true;
    entries.push({
      check: "missing-values",
      status: "fixed",
      column: c.column,
      rows,
      detail: `${c.missing} empty cells: ${policy}`,
    });
  }
  if (anyDrop) {
    const keep: number[] = [];
    for (let i = 0; i < drop.length; i++) if (drop[i] === 0) keep.push(i);
    ({ day, geo, origin } = permute(Uint32Array.from(keep), day, geo, origin, columns));
  }
  for (const c of columns) {
    const policy = policyOf(c);
    if (c.missing === 0 || policy === "drop" || policy === "error") continue;
    const empty: number[] = [];
    for (let i = 0; i < c.values.length; i++) if (Number.isNaN(c.values[i])) empty.push(i);
    for (const [start, end] of segments(geo)) {
      c.values = fillMissing(c.values, { method: policy, start, end });
    }
    for (const i of empty) {
      const k = changes.findIndex((ch) =>
        ch.check === "missing-values" && ch.column === c.column && ch.row === origin[i]
      );
      changes[k] = { ...changes[k] as CleaningChange, after: c.values[i] as number };
    }
  }

  // Daily to weekly.
  if (options.aggregate === "weekly") {
    const before = day.length;
    const result = aggregateWeekly(day, geo, origin, columns, options);
    ({ day, geo, origin } = result);
    entries.push({
      check: "aggregate",
      status: "fixed",
      detail: `${before} daily rows summed to ${day.length} weekly rows (weeks start ${
        options.weekStart ?? "monday"
      }; controls: ${options.controlAggregation ?? "mean"})${
        result.partial.length > 0
          ? `; partial weeks dropped: ${result.partial.slice(0, 3).join(", ")}`
          : ""
      }`,
    });
  }

  // Calendar: every geo has the same weekly dates, with no gaps.
  const dates = checkCalendar(
    day,
    geo,
    origin,
    geoLevels,
    resolved,
    source,
    optionName(options, "aggregate"),
  );
  entries.push({
    check: "calendar",
    status: "ok",
    detail: `${dates.length} weekly dates from ${isoFromDay(dates[0] as number)} to ${
      isoFromDay(dates[dates.length - 1] as number)
    }${resolved.geo !== undefined ? ` in ${geoLevels.length} geos` : ""}`,
  });

  // Values: negative spend, all-zero channels, constant columns.
  for (const c of columns) {
    if (c.role === "spend" || c.role === "exposure") {
      const rows: number[] = [];
      let count = 0;
      for (let i = 0; i < c.values.length; i++) {
        if ((c.values[i] as number) < 0) {
          count++;
          if (rows.length < SAMPLE) rows.push(origin[i] as number);
        }
      }
      if (count > 0) {
        throw new MmmDataError(
          `Cannot load data: ${c.role} column "${c.column}" has ${count} negative values`,
          {
            column: c.column,
            rows,
            dates: rows.map((r) => isoFromDay(dayOfOrigin(r, origin, day))),
            file: source,
            hint: "spend cannot be negative; fix refunds or corrections in the export",
          },
        );
      }
    }
    let min = Infinity, max = -Infinity;
    for (const v of c.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (c.role === "spend" && max === 0) {
      throw new MmmDataError(`Cannot load data: spend column "${c.column}" is zero in every row`, {
        column: c.column,
        file: source,
        hint: "a channel without spend has no effect to estimate; leave it out of channels",
      });
    }
    if (min === max && c.role !== "exposure") {
      throw new MmmDataError(
        `Cannot load data: column "${c.column}" has the same value (${min}) in every row`,
        {
          column: c.column,
          file: source,
          hint: c.role === "kpi"
            ? "a constant KPI cannot be explained; check the export"
            : "a constant column cannot be told apart from the intercept; leave it out",
        },
      );
    }
  }

  // Enough rows for the parameters.
  const perChannel = options.parametersPerChannel ?? 3;
  const parameters = 1 + resolved.spend.length * perChannel + resolved.controls.length;
  if (dates.length <= parameters) {
    throw new MmmDataError(
      `Cannot load data: ${dates.length} dates are too few for ${parameters} parameters`,
      {
        file: source,
        rows: [],
        hint: `a model with ${resolved.spend.length} channels and ${resolved.controls.length} ` +
          `controls needs more than ${parameters} weeks; use fewer channels or a longer history`,
      },
    );
  }
  if (dates.length < 2 * parameters) {
    entries.push({
      check: "rows",
      status: "warning",
      detail: `${dates.length} dates for ${parameters} parameters; estimates will be uncertain`,
    });
  } else {
    entries.push({
      check: "rows",
      status: "ok",
      detail: `${dates.length} dates for ${parameters} parameters`,
    });
  }

  // Outliers.
  const extraControls: NamedSeries[] = [];
  if (options.outliers !== undefined) {
    const policy = options.outliers;
    const action = policy.action ?? "flag";
    const method = policy.method ?? "iqr";
    const targets = policy.columns ?? [mapping.kpi];
    for (const target of targets) {
      const c = columns.find((col) => col.column === target || col.column.trim() === target);
      if (c === undefined) {
        const setting = optionName(options, "outliers.columns") ?? "outliers.columns";
        throw new MmmDataError(`Cannot treat outliers: column "${target}" is not a mapped column`, {
          column: target,
          key: setting,
          hint: `list the KPI, spend or control columns to check in ${setting}`,
        });
      }
      const found: number[] = [];
      const dummy = new Float64Array(c.values.length);
      let treated = c.values;
      for (const [start, end] of segments(geo)) {
        const part = c.values.subarray(start, end);
        const r = findOutliers(part, {
          method,
          ...(policy.threshold !== undefined ? { threshold: policy.threshold } : {}),
        });
        for (const row of r.rows) {
          found.push(start + row);
          dummy[start + row] = 1;
        }
        if (action === "winsorize" && r.rows.length > 0) {
          if (treated === c.values) treated = c.values.slice();
          treated.set(winsorize(part, r.lower, r.upper), start);
        }
      }
      c.outliers = found.length;
      for (const i of found) {
        changes.push({
          check: "outliers",
          ...where(i, day, geo, origin, geoLevels, resolved),
          column: c.column,
          action: action === "winsorize" ? "winsorized" : action === "dummy" ? "dummy" : "flagged",
          before: c.values[i] as number,
          after: treated[i] as number,
        });
      }
      if (action === "winsorize") c.values = treated;
      if (action === "dummy" && found.length > 0) {
        extraControls.push({ name: `${target}_outlier`, values: dummy });
      }
      entries.push({
        check: "outliers",
        status: found.length === 0 ? "ok" : action === "flag" ? "warning" : "fixed",
        column: c.column,
        rows: found.slice(0, SAMPLE).map((i) => origin[i] as number),
        detail: `${found.length} outliers by ${method}${
          found.length > 0
            ? `: ${
              action === "flag"
                ? "flagged"
                : action === "dummy"
                ? `dummy "${target}_outlier" added`
                : "winsorized"
            }`
            : ""
        }`,
      });
    }
  }

  // Build MmmData.
  const isoDates = Array.from(dates, (d) => isoFromDay(d));
  const nGeo = resolved.geo !== undefined ? geoLevels.length : 1;
  const rowDates: string[] = new Array(day.length);
  for (let g = 0; g < nGeo; g++) {
    for (let t = 0; t < isoDates.length; t++) {
      rowDates[g * isoDates.length + t] = isoDates[t] as string;
    }
  }
  const valuesOf = (name: string) => (columns.find((c) => c.column === name) as Column).values;
  const channels: ChannelData[] = mapping.channels.map((c, j) => {
    const exposure = resolved.exposure[j];
    return exposure === undefined
      ? { name: c.name, spend: valuesOf(resolved.spend[j] as string) }
      : {
        name: c.name,
        spend: valuesOf(resolved.spend[j] as string),
        exposure: valuesOf(exposure),
      };
  });
  const controls: NamedSeries[] = [
    ...(mapping.controls ?? []).map((name, j) => ({
      name,
      values: valuesOf(resolved.controls[j] as string),
    })),
    ...extraControls,
  ];
  const quality = new DataQualityReport(
    source,
    entries,
    columns.map((c): ColumnQuality => ({
      column: c.column,
      role: c.role,
      rows: n0,
      missing: c.missing,
      outliers: c.outliers,
    })),
    changes,
  );
  const base = {
    dates: rowDates,
    kpi: { name: mapping.kpi, values: valuesOf(resolved.kpi) },
    kpiKind: mapping.kpiKind ?? "revenue",
    channels,
    controls,
    quality,
  };
  if (resolved.geo === undefined) return base;
  const geoValues: string[] = new Array(day.length);
  for (let i = 0; i < day.length; i++) geoValues[i] = geoLevels[geo[i] as number] as string;
  return { ...base, geo: { name: mapping.geo as string, values: geoValues } };
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

/** Date, geo and file row of row `i` (of the current, sorted rows). */
function where(
  i: number,
  day: Float64Array,
  geo: Uint32Array,
  origin: Uint32Array,
  geoLevels: readonly string[],
  resolved: ResolvedColumns,
): { date: string; geo?: string; row: number } {
  const date = isoFromDay(day[i] as number), row = origin[i] as number;
  return resolved.geo === undefined
    ? { date, row }
    : { date, geo: geoLevels[geo[i] as number] as string, row };
}

/** One change per date (and geo) whose rows a duplicate rule merges. */
function duplicateChanges(
  day: Float64Array,
  geo: Uint32Array,
  origin: Uint32Array,
  geoLevels: readonly string[],
  resolved: ResolvedColumns,
  policy: string,
): CleaningChange[] {
  const out: CleaningChange[] = [];
  let start = 0;
  for (let i = 1; i <= day.length; i++) {
    if (i < day.length && geo[i] === geo[start] && day[i] === day[start]) continue;
    if (i - start > 1) {
      out.push({
        check: "duplicates",
        ...where(start, day, geo, origin, geoLevels, resolved),
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

function firstRowsOfLevels(codes: Uint32Array, levels: readonly number[]): number[] {
  const rows: number[] = [];
  for (const level of levels) {
    const i = codes.indexOf(level);
    if (i >= 0) rows.push(i);
  }
  return rows;
}

function dayOfOrigin(row: number, origin: Uint32Array, day: Float64Array): number {
  const i = origin.indexOf(row);
  return day[i >= 0 ? i : 0] as number;
}

function permute(
  order: Uint32Array,
  day: Float64Array,
  geo: Uint32Array,
  origin: Uint32Array,
  columns: Column[],
): { day: Float64Array; geo: Uint32Array; origin: Uint32Array } {
  const n = order.length;
  const d = new Float64Array(n), g = new Uint32Array(n), o = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const k = order[i] as number;
    d[i] = day[k] as number;
    g[i] = geo[k] as number;
    o[i] = origin[k] as number;
  }
  for (const c of columns) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = c.values[order[i] as number] as number;
    c.values = v;
  }
  return { day: d, geo: g, origin: o };
}

/** [start, end) row ranges of each geo (rows are sorted by geo). */
function segments(geo: Uint32Array): [number, number][] {
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

function mergeDuplicates(
  day: Float64Array,
  geo: Uint32Array,
  origin: Uint32Array,
  columns: Column[],
  policy: "first" | "last" | "sum" | "mean",
): { day: Float64Array; geo: Uint32Array; origin: Uint32Array } {
  const groups: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= day.length; i++) {
    if (i === day.length || geo[i] !== geo[i - 1] || day[i] !== day[i - 1]) {
      groups.push([start, i]);
      start = i;
    }
  }
  const first = Uint32Array.from(groups, ([s]) => s);
  const merged = permute(first, day, geo, origin, []);
  for (const c of columns) {
    const v = new Float64Array(groups.length);
    groups.forEach(([s, e], k) => {
      if (policy === "first") v[k] = c.values[s] as number;
      else if (policy === "last") v[k] = c.values[e - 1] as number;
      else {
        let sum = 0;
        for (let i = s; i < e; i++) sum += c.values[i] as number;
        v[k] = policy === "sum" ? sum : sum / (e - s);
      }
    });
    c.values = v;
  }
  return merged;
}

function aggregateWeekly(
  day: Float64Array,
  geo: Uint32Array,
  origin: Uint32Array,
  columns: Column[],
  options: LoadOptions,
): { day: Float64Array; geo: Uint32Array; origin: Uint32Array; partial: string[] } {
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
  const firsts = Uint32Array.from(groups, ([s]) => s);
  const merged = permute(firsts, day, geo, origin, []);
  for (let k = 0; k < groups.length; k++) merged.day[k] = weekOf(merged.day[k] as number);
  const meanControls = (options.controlAggregation ?? "mean") === "mean";
  for (const c of columns) {
    const v = new Float64Array(groups.length);
    groups.forEach(([s, e], k) => {
      let sum = 0;
      for (let i = s; i < e; i++) sum += c.values[i] as number;
      v[k] = c.role === "control" && meanControls ? sum / (e - s) : sum;
    });
    c.values = v;
  }
  return { ...merged, partial };
}

function checkCalendar(
  day: Float64Array,
  geo: Uint32Array,
  origin: Uint32Array,
  geoLevels: readonly string[],
  resolved: ResolvedColumns,
  source: string,
  aggregateName: string | undefined,
): Float64Array {
  const dates = distinctSortedDays(day, geo);
  const all = Array.from(dates);
  const column = resolved.date;
  if (dates.length > 1) {
    const steps = new Set<number>();
    for (let i = 1; i < dates.length; i++) {
      steps.add((dates[i] as number) - (dates[i - 1] as number));
    }
    if (steps.size === 1 && steps.has(1)) {
      throw new MmmDataError(`Cannot load data: column "${column}" has daily dates`, {
        column,
        dates: all.slice(0, 3).map(isoFromDay),
        file: source,
        hint: aggregateName === undefined
          ? "export the data by week"
          : `set ${aggregateName}: "weekly" to sum days into weeks`,
      });
    }
    const irregular: number[] = [];
    const missing: number[] = [];
    const first = dates[0] as number;
    let previous = first;
    for (let i = 1; i < dates.length; i++) {
      const d = dates[i] as number;
      if ((d - first) % 7 !== 0) {
        irregular.push(d);
        continue;
      }
      for (let w = previous + 7; w < d; w += 7) missing.push(w);
      previous = d;
    }
    if (irregular.length > 0) {
      const rows = irregular.slice(0, SAMPLE).map((d) => origin[day.indexOf(d)] as number);
      throw new MmmDataError(
        `Cannot load data: column "${column}" has ${irregular.length} dates off the weekly grid (${
          irregular.slice(0, 3).map((d) => `"${isoFromDay(d)}"`).join(", ")
        })`,
        {
          column,
          rows,
          dates: irregular.slice(0, SAMPLE).map(isoFromDay),
          file: source,
          hint: "weeks must start on the same weekday; re-export weekly data" +
            (aggregateName === undefined
              ? ""
              : `, or load daily rows with ${aggregateName}: "weekly"`),
        },
      );
    }
    if (missing.length > 0) {
      throw new MmmDataError(
        `Cannot load data: column "${column}" is missing ${missing.length} weeks (${
          missing.slice(0, 3).map((d) => `"${isoFromDay(d)}"`).join(", ")
        })`,
        {
          column,
          dates: missing.slice(0, SAMPLE).map(isoFromDay),
          file: source,
          hint: "add the missing weeks to the export (with zero spend where nothing was spent)",
        },
      );
    }
  }
  if (resolved.geo !== undefined) {
    const counts = new Uint32Array(geoLevels.length);
    for (const g of geo) counts[g]!++;
    const short = counts.findIndex((c) => c !== dates.length);
    if (short >= 0) {
      const have = new Set<number>();
      for (let i = 0; i < day.length; i++) if (geo[i] === short) have.add(day[i] as number);
      const lacking = all.filter((d) => !have.has(d)).slice(0, SAMPLE).map(isoFromDay);
      throw new MmmDataError(
        `Cannot load data: geo "${geoLevels[short]}" has ${counts[short]} of ${dates.length} dates`,
        {
          column: resolved.geo,
          dates: lacking,
          file: source,
          hint: "every geo needs a row for every week; add the missing rows",
        },
      );
    }
  }
  return dates;
}

/**
 * The distinct days of rows sorted by geo then day: the first geo's days when every geo has the
 * same ones (checked in one pass), else the sorted union.
 */
function distinctSortedDays(day: Float64Array, geo: Uint32Array): Float64Array {
  let firstEnd = 0;
  while (firstEnd < day.length && geo[firstEnd] === geo[0]) firstEnd++;
  const candidate = day.slice(0, firstEnd);
  let balanced = day.length % Math.max(1, firstEnd) === 0;
  for (let i = firstEnd; i < day.length && balanced; i++) {
    if (day[i] !== candidate[i % firstEnd]) balanced = false;
  }
  return balanced ? candidate : Float64Array.from(new Set(day)).sort();
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
