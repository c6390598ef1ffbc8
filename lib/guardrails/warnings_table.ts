/**
 * The warnings of a fit as a table, as a notebook and a model's display show them.
 *
 * @module
 */
import type { Diagnostic } from "../types.ts";
import { type Table, table } from "../display/table.ts";

/**
 * Warnings as a table a notebook shows (and a model's display puts above its parameters):
 * the code, the channel, what is wrong and what to do; `undefined` when there are none.
 *
 * @example Two warnings
 * ```ts
 * import { warningsTable } from "mixlab/guardrails";
 * import assert from "node:assert/strict";
 * const t = warningsTable([
 *   { level: "warning", code: "flat-column", subject: "social", message: "flat", hint: "fix it" },
 *   { level: "info", code: "residual-durbin-watson", message: "autocorrelated" },
 * ]);
 * assert.equal(t?.rows.length, 2);
 * assert.equal(t?.rows[0]?.channel, "social");
 * assert.equal(warningsTable([]), undefined);
 * ```
 */
export function warningsTable(diagnostics: readonly Diagnostic[]): Table | undefined {
  if (diagnostics.length === 0) return undefined;
  const order = [...diagnostics].sort((a, b) =>
    (a.level === "warning" ? 0 : 1) - (b.level === "warning" ? 0 : 1)
  );
  return table(
    order.map((d) => ({
      "": d.level === "warning" ? "⚠" : "i",
      code: d.code,
      channel: d.subject,
      message: d.message,
      "what to do": d.hint,
    })),
    { caption: "Warnings: read them before using the numbers" },
  );
}
