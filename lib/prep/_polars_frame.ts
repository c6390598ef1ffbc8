/**
 * The only module that touches nodejs-polars: reads a CSV or Parquet file and exposes the
 * needed columns as a {@link RawFrame} of typed arrays.
 *
 * polars is a native addon: it is imported lazily, on the first load, so that importing mixlab
 * needs no `--allow-ffi`/`--allow-sys` permission; loading a file does.
 *
 * @module
 */
import type plModule from "nodejs-polars";
import type { NumberFormat } from "./load_options.ts";
import type { RawFrame, RawLevels, RawNumeric } from "./_raw_frame.ts";

/** Which columns to read and how. */
export interface FrameRequest {
  /** Columns read as numbers. */
  readonly numeric: readonly string[];
  /** Columns read as text (date, geo). */
  readonly text: readonly string[];
  /** Cell texts that mean missing. */
  readonly nullValues: readonly string[];
  /** Explicit number format, if any. */
  readonly numberFormat: NumberFormat | undefined;
}

const INVALID_SAMPLE = 5;

type Polars = typeof plModule;
let polarsModule: Polars | undefined;

async function polars(): Promise<Polars> {
  polarsModule ??= (await import("nodejs-polars")).default;
  return polarsModule;
}

/** Reads the requested columns of a CSV file. */
export async function readCsvFrame(
  path: string,
  delimiter: string,
  request: FrameRequest,
): Promise<RawFrame> {
  const pl = await polars();
  const columns = [...new Set([...request.text, ...request.numeric])];
  const base = {
    sep: delimiter,
    columns,
    ...(request.nullValues.length > 0 ? { nullValues: [...request.nullValues] } : {}),
  };
  const textTypes: Record<string, plModule.DataType> = {};
  for (const c of columns) textTypes[c] = pl.Utf8;
  if (request.numberFormat === undefined) {
    const dtypes: Record<string, plModule.DataType> = { ...textTypes };
    for (const c of request.numeric) dtypes[c] = pl.Float64;
    try {
      return polarsFrame(pl, pl.readCSV(path, { ...base, dtypes }), request);
    } catch {
      // A value that is not a number: read as text to say which rows.
    }
  }
  return polarsFrame(pl, pl.readCSV(path, { ...base, dtypes: textTypes }), request);
}

/** Reads the requested columns of a Parquet file. */
export async function readParquetFrame(path: string, request: FrameRequest): Promise<RawFrame> {
  const pl = await polars();
  const columns = [...new Set([...request.text, ...request.numeric])];
  return polarsFrame(pl, pl.readParquet(path, { columns }), request);
}

/** Column names of a Parquet file, without reading its data. */
export async function parquetColumns(path: string): Promise<string[]> {
  const pl = await polars();
  return pl.readParquet(path, { nRows: 0 } as never).columns;
}

function polarsFrame(pl: Polars, df: plModule.DataFrame, request: FrameRequest): RawFrame {
  const nRows = df.height;
  return {
    nRows,
    numeric: (column) => numericColumn(pl, df, column, request),
    levels: (column) => levelsColumn(pl, df, column),
  };
}

function numericColumn(
  pl: Polars,
  df: plModule.DataFrame,
  column: string,
  request: FrameRequest,
): RawNumeric {
  const series = df.getColumn(column);
  if (!series.dtype.equals(pl.Utf8) && !series.dtype.equals(pl.String)) {
    const values = series.dtype.equals(pl.Float64) && series.nullCount() === 0
      ? series.toTypedArray() as Float64Array
      : df.select(pl.col(column).cast(pl.Float64).fillNull(NaN)).getColumn(column)
        .toTypedArray() as Float64Array;
    return { values: Float64Array.from(values), invalid: [], invalidCount: 0 };
  }
  let expr = pl.col(column).str.strip();
  const format = request.numberFormat;
  for (const symbol of format?.currency ?? []) expr = expr.str.replaceAll(symbol, "", true);
  if (format?.thousands !== undefined) expr = expr.str.replaceAll(format.thousands, "", true);
  if (format?.decimal === ",") expr = expr.str.replaceAll(",", ".", true);
  expr = expr.str.strip();
  const values = Float64Array.from(
    df.select(expr.cast(pl.Float64, false).fillNull(NaN).alias(column)).getColumn(column)
      .toTypedArray() as Float64Array,
  );
  let nan = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) nan++;
  if (nan === 0) return { values, invalid: [], invalidCount: 0 };
  const texts = series.toArray() as (string | null)[];
  const invalid: { row: number; text: string }[] = [];
  let invalidCount = 0;
  const nullTexts = new Set(request.nullValues);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) continue;
    const text = texts[i];
    if (text === null || text === undefined || text.trim() === "") continue;
    if (/^nan$/i.test(text.trim()) || nullTexts.has(text)) continue;
    invalidCount++;
    if (invalid.length < INVALID_SAMPLE) invalid.push({ row: i, text });
  }
  return { values, invalid, invalidCount };
}

function levelsColumn(pl: Polars, df: plModule.DataFrame, column: string): RawLevels {
  // Categorical codes are indices into polars' process-wide string cache: map each distinct code
  // to its text, then renumber so that levels are sorted.
  const text = pl.col(column).cast(pl.Utf8).fillNull("");
  const coded = df.select(text.cast(pl.Categorical).toPhysical().alias("code"), text.alias("text"));
  const raw = coded.getColumn("code").toTypedArray() as Uint32Array;
  const pairs = coded.unique({ subset: ["code"], keep: "first" });
  const pairCodes = pairs.getColumn("code").toArray() as number[];
  const pairTexts = pairs.getColumn("text").toArray() as string[];
  const order = pairTexts.map((_, i) => i).sort((a, b) =>
    (pairTexts[a] as string) < (pairTexts[b] as string)
      ? -1
      : (pairTexts[a] as string) > (pairTexts[b] as string)
      ? 1
      : 0
  );
  const levels = order.map((i) => pairTexts[i] as string);
  let maxCode = 0;
  for (const c of pairCodes) maxCode = Math.max(maxCode, c);
  const remap = new Uint32Array(maxCode + 1);
  order.forEach((pairIndex, level) => remap[pairCodes[pairIndex] as number] = level);
  const codes = new Uint32Array(raw.length);
  for (let i = 0; i < raw.length; i++) codes[i] = remap[raw[i] as number] as number;
  const emptyLevel = levels.findIndex((l) => l.trim() === "");
  const empty: number[] = [];
  if (emptyLevel >= 0) {
    for (let i = 0; i < codes.length && empty.length < INVALID_SAMPLE; i++) {
      if (codes[i] === emptyLevel) empty.push(i);
    }
  }
  return { codes, levels, empty };
}
