/**
 * Loading what a config names: its data file (CSV or Parquet, cleaned as its `cleaning` section
 * says) and its lift tests (listed in the config or in a CSV file).
 *
 * @module
 */
import { isAbsolute, join } from "node:path";
import { loadCsv } from "../prep/load_csv.ts";
import { loadParquet } from "../prep/load_parquet.ts";
import type { LoadedData } from "../prep/_assemble.ts";
import type { LoadOptions } from "../prep/load_options.ts";
import type { DateFormat } from "../prep/date_format.ts";
import { ConfigError } from "../errors.ts";
import type { LiftTest } from "../types.ts";
import type { MmmConfig } from "./mmm_config.ts";
import type { CleaningConfig } from "./_cleaning_config.ts";
import { liftTests as checkLiftTests } from "./_calibration_config.ts";
import { featureControls } from "./configured_spec.ts";

/** Options of {@link loadConfiguredData}. */
export interface LoadConfiguredOptions {
  /** Folder that a relative `data` path is resolved against (the config file's). @default "." */
  readonly baseDir?: string;
}

/**
 * Loads and checks the data a config names (CSV or Parquet, by extension).
 *
 * @example The bundled demo data, two of its channels
 * ```ts
 * import { loadConfiguredData, parseMmmConfig } from "mixlab";
 * import assert from "node:assert/strict";
 * const config = parseMmmConfig({
 *   data: "demo.csv",
 *   kpi: { column: "revenue", kind: "revenue" },
 *   channels: { tv: { spend: "tv_spend" }, search: { spend: "search_spend" } },
 *   controls: ["price"],
 * });
 * const data = await loadConfiguredData(config, { baseDir: "data" });
 * assert.deepEqual(data.channels.map((c) => c.name), ["tv", "search"]);
 * assert.equal(data.dates.length, data.kpi.values.length);
 * ```
 */
export function loadConfiguredData(
  config: MmmConfig,
  options: LoadConfiguredOptions = {},
): Promise<LoadedData> {
  const path = isAbsolute(config.data) ? config.data : join(options.baseDir ?? ".", config.data);
  const load: LoadOptions = {
    columns: {
      date: config.date,
      kpi: config.kpi,
      kpiKind: config.kpiKind,
      channels: config.channels.map((c) =>
        c.exposure === undefined
          ? { name: c.name, spend: c.spend }
          : { name: c.name, spend: c.spend, exposure: c.exposure }
      ),
      controls: [...new Set([...config.controls, ...featureControls(config)])],
      categories: textColumns(config),
      ...(config.geo === undefined ? {} : { geo: config.geo }),
      ...(config.population === undefined ? {} : { population: config.population }),
    },
    ...(config.dateFormat === undefined ? {} : { dateFormat: config.dateFormat as DateFormat }),
    ...cleaningOptions(config.cleaning),
  };
  return path.toLowerCase().endsWith(".parquet") ? loadParquet(path, load) : loadCsv(path, load);
}

/** Text columns the features read: categoricals, fixed effects, event-type flags. */
function textColumns(config: MmmConfig): string[] {
  const f = config.features;
  return [
    ...new Set([
      ...Object.keys(f.categoricals ?? {}),
      ...(f.fixedEffects ?? []),
      ...Object.keys(f.eventFlags ?? {}),
    ]),
  ];
}

/** The loader options of a config's `cleaning` section, with hints that name config keys. */
function cleaningOptions(cleaning: CleaningConfig): Partial<LoadOptions> {
  return {
    missing: cleaning.missing,
    duplicates: cleaning.duplicates,
    nullValues: cleaning.nullValues,
    ...(cleaning.outliers ? { outliers: cleaning.outliers } : {}),
    ...(cleaning.numberFormat ? { numberFormat: cleaning.numberFormat } : {}),
    optionName: (option) => option === "aggregate" ? undefined : `cleaning.${option}`,
  };
}

/**
 * The config's lift tests: its list, or the rows of the CSV file it names (columns `channel`,
 * `start`, `end`, `lift`, `standard_error`; dates ISO), each checked as the config's own.
 *
 * @throws {ConfigError} Naming the file, row and column of a bad entry.
 */
export async function loadConfiguredLiftTests(
  config: MmmConfig,
  options: LoadConfiguredOptions = {},
): Promise<LiftTest[]> {
  const c = config.calibration;
  if (c === undefined) return [];
  if (c.liftTestsFile === undefined) return [...c.liftTests];
  const file = c.liftTestsFile;
  const path = isAbsolute(file) ? file : join(options.baseDir ?? ".", file);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    throw new ConfigError(`Cannot read lift tests: file "${file}" cannot be read`, {
      key: "calibration.liftTests",
      file,
      hint: "give the CSV path relative to the config file",
    }, { cause });
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const need = ["channel", "start", "end", "lift", "standard_error"];
  const missing = need.find((h) => !header.includes(h));
  if (missing !== undefined) {
    throw new ConfigError(`Cannot read lift tests: file "${file}" has no column "${missing}"`, {
      key: "calibration.liftTests",
      file,
      column: missing,
      hint: `the header must name ${need.join(", ")}`,
    });
  }
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(",").map((v) => v.trim());
    const get = (h: string) => cells[header.indexOf(h)] ?? "";
    const num = (h: string) => (get(h) === "" ? NaN : Number(get(h)));
    return {
      channel: get("channel"),
      start: get("start"),
      end: get("end"),
      lift: num("lift"),
      standardError: num("standard_error"),
    };
  });
  try {
    return checkLiftTests(rows, "calibration.liftTests", config.channels.map((ch) => ch.name));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const row = Number(/\[(\d+)\]/.exec(e.key ?? "")?.[1] ?? NaN);
    throw new ConfigError(`${e.message} (file "${file}", data row ${row + 1})`, {
      key: e.key ?? "calibration.liftTests",
      file,
      ...(Number.isFinite(row) ? { rows: [row] } : {}),
    });
  }
}
