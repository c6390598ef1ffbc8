/**
 * Loading a Parquet file into `MmmData`.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import { checkLoadOptions } from "./_resolve_options.ts";
import { assemble, frameRequest, type LoadedData, resolveColumns } from "./_assemble.ts";
import { parquetColumns, readParquetFrame } from "./_polars_frame.ts";
import type { LoadOptions } from "./load_options.ts";
import type { QualityEntry } from "./quality_report.ts";

/**
 * Loads a Parquet file into `MmmData`, with the same checks and cleaning policies as
 * {@link loadCsv}. Numeric columns may be stored as numbers or as text; dates as Date, Datetime
 * or text. Nothing is written.
 *
 * Needs `--allow-read` for the file, and `--allow-ffi --allow-sys` because nodejs-polars is
 * a native addon (imported on the first load, so importing mixlab needs neither).
 *
 * @param path The Parquet file.
 * @param options Column mapping, formats and cleaning policies.
 * @returns The data with its quality report.
 * @throws {MmmDataError} When a check fails; the error names the column, rows or dates.
 * @throws {RangeError} When an option is outside its allowed values.
 */
export async function loadParquet(path: string, options: LoadOptions): Promise<LoadedData> {
  checkLoadOptions(options);
  let header: string[];
  try {
    header = await parquetColumns(path);
  } catch (error) {
    throw new MmmDataError(`Cannot load data: file "${path}" is not a readable Parquet file`, {
      file: path,
      hint: error instanceof Error ? error.message.split("\n")[0] as string : String(error),
    });
  }
  const entries: QualityEntry[] = [];
  const resolved = resolveColumns(header, options, path, entries);
  const frame = await readParquetFrame(path, frameRequest(resolved, options));
  if (frame.nRows === 0) {
    throw new MmmDataError(`Cannot load data: file "${path}" has no data rows`, {
      file: path,
      rows: [],
      hint: "export the data again with its rows",
    });
  }
  return assemble(frame, resolved, options, path, entries);
}
