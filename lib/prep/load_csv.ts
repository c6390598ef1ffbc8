/**
 * Loading a CSV export into `MmmData`.
 *
 * @module
 */
import { checkLoadOptions } from "./_resolve_options.ts";
import { assemble, frameRequest, type LoadedData, resolveColumns } from "./_assemble.ts";
import { readCsvFrame } from "./_polars_frame.ts";
import { type Delimiter, sniffCsv } from "./_sniff.ts";
import type { LoadOptions } from "./load_options.ts";
import type { QualityEntry } from "./quality_report.ts";

export type { Delimiter } from "./_sniff.ts";

/** Options of {@link loadCsv}: the shared {@link LoadOptions} plus the delimiter. */
export interface LoadCsvOptions extends LoadOptions {
  /** Field delimiter; detected from the header and first row when undefined. @default undefined */
  readonly delimiter?: Delimiter;
}

const DELIMITER_NAMES: Readonly<Record<Delimiter, string>> = {
  ",": "comma",
  ";": "semicolon",
  "\t": "tab",
  "|": "pipe",
};

/**
 * Loads a CSV file (comma, semicolon, tab or pipe delimited; UTF-8 with or without a byte order
 * mark) into `MmmData`, running every check of prep and the cleaning policies asked for. The
 * result carries a {@link DataQualityReport} in `quality`. Nothing is written.
 *
 * Needs `--allow-read` for the file, and `--allow-ffi --allow-sys` because nodejs-polars is
 * a native addon (imported on the first load, so importing mixlab needs neither).
 *
 * @param path The CSV file.
 * @param options Column mapping, formats and cleaning policies.
 * @returns The data with its quality report.
 * @throws {MmmDataError} When a check fails; the error names the column, rows or dates.
 * @throws {RangeError} When an option is outside its allowed values.
 *
 * @example Loading a small weekly export
 * ```ts
 * import { loadCsv } from "mixlab";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".csv" });
 * const weeks = Array.from({ length: 12 }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const lines = weeks.map((w, i) => `${w};${100 + i};${i % 3};${10 - (i % 4)}`);
 * Deno.writeTextFileSync(path, ["week;sales;tv;price", ...lines].join("\n"));
 * const channels = [{ name: "tv", spend: "tv" }];
 * const data = await loadCsv(path, {
 *   columns: { date: "week", kpi: "sales", channels, controls: ["price"] },
 * });
 * assert.equal(data.dates.length, 12);
 * assert.equal(data.channels[0]?.spend[2], 2);
 * const delimiter = data.quality.entries.find((e) => e.check === "delimiter");
 * assert.ok(delimiter?.detail.includes("semicolon"));
 * Deno.removeSync(path);
 * ```
 */
export async function loadCsv(path: string, options: LoadCsvOptions): Promise<LoadedData> {
  checkLoadOptions(options);
  const format = sniffCsv(path, options.delimiter);
  const entries: QualityEntry[] = [];
  entries.push({
    check: "delimiter",
    status: "info",
    detail: `${DELIMITER_NAMES[format.delimiter]}, ${format.delimiterReason}`,
  });
  if (format.bom) {
    entries.push({
      check: "bom",
      status: "warning",
      detail: "the file starts with a UTF-8 byte order mark; it was ignored",
    });
  }
  const resolved = resolveColumns(format.header, options, path, entries);
  const frame = await readCsvFrame(path, format.delimiter, frameRequest(resolved, options));
  return assemble(frame, resolved, options, path, entries);
}
