/**
 * Trend columns: linear, quadratic, or piecewise linear with knots.
 *
 * @module
 */
import type { NamedSeries } from "../types.ts";
import { dayFromIso } from "./_dates.ts";

/** Options of {@link trendTerms}. */
export interface TrendOptions {
  /** Shape of the trend. @default "linear" */
  readonly kind?: "linear" | "quadratic" | "piecewise";
  /** Knot dates (ISO) of a piecewise trend. @default [] */
  readonly knots?: readonly string[];
}

/**
 * Trend columns on `t` = days since the first date / days from first to last date (0 → 1):
 * `trend` = t; quadratic adds `trend^2` = t²; piecewise adds one hinge `trend>knot` =
 * max(0, t − t_knot) per knot, so the slope may change at each knot.
 *
 * @param dates ISO dates, ascending (panel rows: per geo; pass one geo's dates).
 * @param options Shape and knots.
 * @returns The trend columns.
 *
 * @example A knot halfway bends the trend
 * ```ts
 * import { trendTerms } from "mixlab";
 * import assert from "node:assert/strict";
 * const terms = trendTerms(["2024-01-01", "2024-01-08", "2024-01-15"], {
 *   kind: "piecewise",
 *   knots: ["2024-01-08"],
 * });
 * assert.deepEqual(Array.from(terms[0]!.values), [0, 0.5, 1]);
 * assert.deepEqual(Array.from(terms[1]!.values), [0, 0, 0.5]);
 * ```
 */
export function trendTerms(dates: readonly string[], options: TrendOptions = {}): NamedSeries[] {
  const kind = options.kind ?? "linear";
  if (dates.length === 0) return [];
  const days = dates.map(dayFromIso);
  const first = Math.min(...days), span = Math.max(...days) - first || 1;
  const t = Float64Array.from(days, (d) => (d - first) / span);
  const out: NamedSeries[] = [{ name: "trend", values: t }];
  if (kind === "quadratic") out.push({ name: "trend^2", values: t.map((v) => v * v) });
  else if (kind === "piecewise") {
    for (const knot of options.knots ?? []) {
      const tk = (dayFromIso(knot) - first) / span;
      out.push({ name: `trend>${knot}`, values: t.map((v) => Math.max(0, v - tk)) });
    }
  } else if (kind !== "linear") {
    throw new RangeError(
      `Cannot build a trend: kind must be "linear", "quadratic" or "piecewise", got "${
        String(kind)
      }"`,
    );
  }
  return out;
}
