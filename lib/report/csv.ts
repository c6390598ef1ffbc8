/**
 * CSV text for BI tools (RFC 4180): a header row, then one row per record; fields with a comma,
 * quote, line break or surrounding spaces are quoted, with quotes doubled. Numbers are written in
 * JavaScript's shortest round-trip form, so parsing a field gives back the same double. Text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return)
 * is prefixed with `'` (OWASP's advice against CSV injection); user names like `<script>` are
 * text, not markup, in a CSV.
 *
 * @module
 */
import { csvField } from "../_internal/csv.ts";

/** A CSV field: text, a number (NaN and ±Infinity are written empty), or empty. */
export type CsvField = string | number | undefined | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: CsvField): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

/**
 * CSV text of records with the given columns, in that order; a column a record lacks is empty.
 *
 * @example Quoting and numbers
 * ```ts
 * import { toCsv } from "mixlab/report";
 * import assert from "node:assert/strict";
 * const csv = toCsv([{ channel: 'tv, "prime"', roas: 0.1 + 0.2 }], ["channel", "roas"]);
 * assert.equal(csv, 'channel,roas\n"tv, ""prime""",0.30000000000000004\n');
 * assert.equal(toCsv([{ name: "=1+1" }], ["name"]), "name\n'=1+1\n");
 * ```
 */
export function toCsv(
  rows: readonly Readonly<Record<string, CsvField>>[],
  columns: readonly string[],
): string {
  const lines = [columns.map(field).join(",")];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(","));
  return lines.join("\n") + "\n";
}
