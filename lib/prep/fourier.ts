/**
 * Yearly Fourier seasonality columns.
 *
 * @module
 */
import type { NamedSeries } from "../types.ts";
import { dayFromIso } from "./_dates.ts";

/** Options of {@link fourierTerms}. */
export interface FourierOptions {
  /** Number of sin/cos pairs. @default 2 */
  readonly pairs?: number;
  /** Period in days. @default 365.25 */
  readonly period?: number;
}

/**
 * Fourier seasonality: `sin(2πk·d/P)` and `cos(2πk·d/P)` for k = 1..pairs, where d = days since
 * 1 January of the row's year and P the period (the same columns the linear models build).
 *
 * @param dates ISO dates.
 * @param options Pairs and period.
 * @returns Columns `sin1`, `cos1`, `sin2`, `cos2` …
 *
 * @example On 1 January the sine is 0 and the cosine 1
 * ```ts
 * import { fourierTerms } from "mixlab";
 * import assert from "node:assert/strict";
 * const [sin1, cos1] = fourierTerms(["2024-01-01"], { pairs: 1 });
 * assert.equal(sin1?.values[0], 0);
 * assert.equal(cos1?.values[0], 1);
 * ```
 */
export function fourierTerms(
  dates: readonly string[],
  options: FourierOptions = {},
): NamedSeries[] {
  const pairs = options.pairs ?? 2, period = options.period ?? 365.25;
  if (!Number.isInteger(pairs) || pairs < 0) {
    throw new RangeError(
      `Cannot build Fourier terms: pairs must be a whole number ≥ 0, got ${pairs}`,
    );
  }
  const doy = dates.map((d) => dayFromIso(d) - dayFromIso(`${d.slice(0, 4)}-01-01`));
  const out: NamedSeries[] = [];
  for (let k = 1; k <= pairs; k++) {
    const angle = doy.map((d) => 2 * Math.PI * k * d / period);
    out.push({ name: `sin${k}`, values: Float64Array.from(angle, Math.sin) });
    out.push({ name: `cos${k}`, values: Float64Array.from(angle, Math.cos) });
  }
  return out;
}
