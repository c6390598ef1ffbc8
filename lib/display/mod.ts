/**
 * Display: the bottom layer every folder may use to show its results. A {@link Table} shows
 * itself as an HTML table in Jupyter and reports, and as aligned text elsewhere. Result types
 * keep their data typed and offer a table as a view (`toTable()`); nothing reads a table back.
 *
 * Every result implements the Jupyter display protocol (`jupyter.ts`):
 * `[Symbol.for("Jupyter.display")]()` returns a MIME bundle.
 *
 * @module
 */
export * from "./table.ts";
export * from "./jupyter.ts";
