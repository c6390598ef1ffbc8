/**
 * Private helpers that turn fit results into parameter rows and diagnostics.
 *
 * @module
 */
import type { Diagnostic, ModelSpec, ParameterRow } from "../types.ts";
import type { DesignMatrix } from "./design_matrix.ts";
import { paramKey } from "./param_key.ts";

/** Transform parameter rows `<channel>.adstock.<param>` and `<channel>.saturation.<param>`. */
export function transformRows(spec: ModelSpec): ParameterRow[] {
  const rows: ParameterRow[] = [];
  for (const c of spec.channels) {
    for (const [name, v] of Object.entries(c.adstock.params)) {
      rows.push({ name: paramKey(c.name, "adstock", name), estimate: v });
    }
    for (const [name, v] of Object.entries(c.saturation.params)) {
      rows.push({ name: paramKey(c.name, "saturation", name), estimate: v });
    }
  }
  return rows;
}

/** Point-estimate rows: the intercept, then one per design column. */
export function pointRows(
  design: DesignMatrix,
  intercept: number,
  coefficients: Float64Array,
): ParameterRow[] {
  return [
    { name: "intercept", estimate: intercept },
    ...design.columns.map((c, j) => ({ name: c.name, estimate: coefficients[j] as number })),
  ];
}

/** An info diagnostic for each media coefficient held at 0 by its sign constraint. */
export function zeroMediaDiagnostics(
  design: DesignMatrix,
  coefficients: Float64Array,
  mask: Uint8Array | undefined,
): Diagnostic[] {
  if (mask === undefined) return [];
  const out: Diagnostic[] = [];
  design.columns.forEach((c, j) => {
    if (mask[j] === 1 && coefficients[j] === 0) {
      out.push({
        level: "warning",
        code: "media-zero",
        subject: c.name,
        message: `Channel "${c.name}" has a zero effect: its coefficient is held at 0 by the ` +
          "non-negativity constraint (the data favour a negative effect, often collinearity " +
          "with another channel or a baseline term)",
      });
    }
  });
  return out;
}
