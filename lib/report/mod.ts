/**
 * Reports: the self-contained HTML report, the one-pager and `result.json`, built from a
 * model summary (`summarizeModel` in analysis).
 *
 * @module
 */
export * from "./html_report.ts";
export * from "./one_pager.ts";
export * from "./result_json.ts";
export * from "./csv.ts";
export * from "./csv_exports.ts";
export * from "./refresh_report.ts";
export * from "./geo_report.ts";
