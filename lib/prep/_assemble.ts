/**
 * The checks and cleaning steps that turn a read file ({@link RawFrame}) into `MmmData`, in
 * order: numbers, dates and geo (`_read_columns.ts`), duplicates and missing values
 * (`_cleaning.ts`), daily to weekly sums, the calendar and values (`_checks.ts`), outliers.
 * Each check throws an `MmmDataError` naming the column and rows, or records what it found and did
 * in the data quality report. Nothing here reads or writes files.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import type { ChannelData, MmmData, NamedSeries, TextSeries } from "../types.ts";
import { isoFromDay } from "../dates.ts";
import type { LoadOptions } from "./load_options.ts";
import type { ColumnQuality, QualityEntry } from "./quality_report.ts";
import { DataQualityReport } from "./quality_report.ts";
import type { RawFrame } from "./_raw_frame.ts";
import type { FrameRequest } from "./_polars_frame.ts";
import {
  aggregateWeekly,
  type AssembleContext,
  type Column,
  type ResolvedColumns,
  type Rows,
} from "./_rows.ts";
import { readColumns, readRows } from "./_read_columns.ts";
import { treatDuplicates, treatMissing, treatOutliers } from "./_cleaning.ts";
import { checkCalendar, checkRowCount, checkValues } from "./_checks.ts";
import { checkPanel } from "./_panel_checks.ts";

/** `MmmData` as a loader returns it: the data plus the report of what was checked and done. */
export interface LoadedData extends MmmData {
  /** What prep found and did. */
  readonly quality: DataQualityReport;
}

const HTML_SPECIAL = /[<>&"']/;

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
    categories: (mapping.categories ?? []).map((c) => find(c, "text")),
    geo: mapping.geo === undefined ? undefined : find(mapping.geo, "geo"),
    population: population(mapping.population, mapping.geo, source, find),
  };
}

/** The columns a reader must read for the mapping: numbers, then text (date, geo, categories). */
export function frameRequest(resolved: ResolvedColumns, options: LoadOptions): FrameRequest {
  return {
    numeric: [
      resolved.kpi,
      ...resolved.spend,
      ...resolved.exposure.filter((e): e is string => e !== undefined),
      ...resolved.controls,
      ...(resolved.population === undefined ? [] : [resolved.population]),
    ],
    text: [
      resolved.date,
      ...(resolved.geo === undefined ? [] : [resolved.geo]),
      ...resolved.categories,
    ],
    nullValues: options.nullValues ?? [],
    numberFormat: options.numberFormat,
  };
}

/** Runs every check and cleaning step and builds the data and its quality report. */
export function assemble(
  frame: RawFrame,
  resolved: ResolvedColumns,
  options: LoadOptions,
  source: string,
  entries: QualityEntry[],
): LoadedData {
  const ctx: AssembleContext = { resolved, options, source, entries, changes: [] };
  const { columns, textLevels } = readColumns(frame, ctx);
  const rows = readRows(frame, columns, ctx);
  treatDuplicates(rows, ctx);
  treatMissing(rows, ctx);
  if (options.aggregate === "weekly") aggregateToWeeks(rows, ctx);
  const dates = checkCalendar(rows, ctx);
  entries.push({
    check: "calendar",
    status: "ok",
    detail: `${dates.length} weekly dates from ${isoFromDay(dates[0] as number)} to ${
      isoFromDay(dates[dates.length - 1] as number)
    }${resolved.geo !== undefined ? ` in ${rows.geoLevels.length} geos` : ""}`,
  });
  checkValues(rows, ctx);
  checkPanel(rows, ctx);
  checkRowCount(dates, ctx);
  const extraControls = treatOutliers(rows, ctx);
  return buildData(rows, dates, { extraControls, textLevels }, frame.nRows, ctx);
}

function aggregateToWeeks(rows: Rows, ctx: AssembleContext): void {
  const before = rows.day.length;
  const partial = aggregateWeekly(rows, ctx.options);
  ctx.entries.push({
    check: "aggregate",
    status: "fixed",
    detail: `${before} daily rows summed to ${rows.day.length} weekly rows (weeks start ${
      ctx.options.weekStart ?? "monday"
    }; controls: ${ctx.options.controlAggregation ?? "mean"})${
      partial.length > 0 ? `; partial weeks dropped: ${partial.slice(0, 3).join(", ")}` : ""
    }`,
  });
}

/** The checked and cleaned rows as `MmmData`, with the quality report. */
function buildData(
  rows: Rows,
  dates: Float64Array,
  added: {
    /** Outlier dummies to add to the controls. */
    readonly extraControls: readonly NamedSeries[];
    /** The levels of each text column, whose codes the rows hold. */
    readonly textLevels: ReadonlyMap<string, readonly string[]>;
  },
  fileRows: number,
  ctx: AssembleContext,
): LoadedData {
  const { resolved, options, source, entries, changes } = ctx;
  const mapping = options.columns;
  const { columns, geoLevels } = rows;
  const isoDates = Array.from(dates, (d) => isoFromDay(d));
  const nGeo = resolved.geo !== undefined ? geoLevels.length : 1;
  const rowDates: string[] = new Array(rows.day.length);
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
    ...added.extraControls,
  ];
  const categories: TextSeries[] = resolved.categories.map((name, j) => {
    const levels = added.textLevels.get(name) as readonly string[];
    return {
      name: (mapping.categories ?? [])[j] as string,
      values: Array.from(valuesOf(name), (code) => levels[code] as string),
    };
  });
  const quality = new DataQualityReport(
    source,
    entries,
    columns.map((c): ColumnQuality => ({
      column: c.column,
      role: c.role,
      rows: fileRows,
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
    ...(categories.length > 0 ? { categories } : {}),
    quality,
  };
  if (resolved.geo === undefined) return base;
  const geoValues: string[] = new Array(rows.day.length);
  for (let i = 0; i < rows.day.length; i++) {
    geoValues[i] = geoLevels[rows.geo[i] as number] as string;
  }
  return {
    ...base,
    geo: { name: mapping.geo as string, values: geoValues },
    ...(resolved.population === undefined ? {} : {
      population: { name: mapping.population as string, values: valuesOf(resolved.population) },
    }),
  };
}

/** The population column's file name; a population without a geo column is an error. */
function population(
  wanted: string | undefined,
  geo: string | undefined,
  source: string,
  find: (wanted: string, role: string) => string,
): string | undefined {
  if (wanted === undefined) return undefined;
  if (geo === undefined) {
    throw new MmmDataError(`Cannot load data: population column "${wanted}" needs a geo column`, {
      column: wanted,
      file: source,
      hint:
        "population scales each geo of a panel; name the geo column too, or leave population out",
    });
  }
  return find(wanted, "population");
}
