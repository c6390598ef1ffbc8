/**
 * Display: the bottom layer every folder may use to show its results. A {@link Table} shows
 * itself as an HTML table in Jupyter and reports, and as aligned text elsewhere. Result types
 * keep their data typed and offer a table as a view (`toTable()`); nothing reads a table back.
 *
 * The Jupyter display protocol (`jupyter.ts`) is internal: results implement
 * `[Symbol.for("Jupyter.display")]()`.
 *
 * @module
 */
export * from "./table.ts";
