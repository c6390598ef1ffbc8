/**
 * Prep: load CSV and Parquet exports into `MmmData`, check them, clean them by explicit
 * policies, and describe them (EDA). Derived columns (trend, seasonality, events, lags, Box-Cox)
 * are in `lib/features`.
 *
 * Missing-value policy (the one rule for all of lib/): prep rejects empty cells in the KPI,
 * spend and controls with an `MmmDataError` naming the column and first rows, unless a
 * `missing` policy says how to fill or drop them; the choice is recorded in the
 * {@link DataQualityReport}. After prep, NaN never appears in `MmmData`.
 *
 * polars is used only here, at the edge: everything that leaves prep is `Float64Array`.
 *
 * @module
 */
export * from "./date_format.ts";
export * from "./load_options.ts";
export * from "./load_csv.ts";
export * from "./load_parquet.ts";
export * from "./quality_report.ts";
export * from "./missing_values.ts";
export * from "./outliers.ts";
export type { LoadedData } from "./_assemble.ts";
export * from "./scaler.ts";
export * from "./summary_statistics.ts";
export * from "./correlation.ts";
export * from "./histogram.ts";
export * from "./spend_share.ts";
