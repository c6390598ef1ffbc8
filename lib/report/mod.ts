/**
 * Report building blocks: self-displaying tables and the self-contained HTML report.
 *
 * @module
 */
export * from "./table.ts";
export * from "./html_report.ts";
export * from "./model_summary.ts";
export * from "./one_pager.ts";
export * from "./result_json.ts";
export * from "./csv.ts";
export * from "./csv_exports.ts";
