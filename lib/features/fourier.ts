/**
 * Fourier seasonality columns.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { NamedSeries } from "../types.ts";
import { dayOfYear, epochDay } from "../dates.ts";
import type { BaselineFeature } from "./feature.ts";

/** Options of {@link fourierTerms}. */
export interface FourierOptions {
  /** Number of sin/cos pairs. @default 2 */
  readonly pairs?: number;
  /** Period in days. @default 365.25 */
  readonly period?: number;
}

/** Fourier columns of day numbers (see {@link fourierTerms} for the formulas). */
export function fourierColumns(
  days: ArrayLike<number>,
  options: FourierOptions = {},
): NamedSeries[] {
  const pairs = options.pairs ?? 2, period = options.period ?? 365.25;
  if (!Number.isInteger(pairs) || pairs < 0) {
    throw new RangeError(
      `Cannot build Fourier terms: pairs must be a whole number ≥ 0, got ${pairs}`,
    );
  }
  const n = days.length, doy = Float64Array.from(days, dayOfYear);
  const out: NamedSeries[] = [];
  for (let k = 1; k <= pairs; k++) {
    const s = new Float64Array(n), c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const angle = 2 * Math.PI * k * (doy[i] as number) / period;
      s[i] = Math.sin(angle);
      c[i] = Math.cos(angle);
    }
    out.push({ name: `sin${k}`, values: s }, { name: `cos${k}`, values: c });
  }
  return out;
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
 * import { fourierTerms } from "mixlab/features";
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
  return fourierColumns(dates.map(epochDay), options);
}

/** `baseline.yearlyFourier`: sin/cos pairs of yearly seasonality (period 365.25 days). */
export const yearlySeasonalityFeature: BaselineFeature<"yearlyFourier"> = {
  key: "yearlyFourier",
  resolve(input) {
    const yearlyFourier = input ?? 2;
    if (
      typeof yearlyFourier !== "number" || !Number.isInteger(yearlyFourier) || yearlyFourier < 0 ||
      yearlyFourier > 26
    ) {
      throw new ConfigError(
        `Cannot define model spec: yearlyFourier is ${String(yearlyFourier)}`,
        { key: "baseline.yearlyFourier", hint: "use a whole number from 0 to 26" },
      );
    }
    return yearlyFourier;
  },
  columns(pairs, context) {
    return fourierColumns(context.days, { pairs }).map((c) => ({
      ...c,
      term: "seasonality",
      group: "seasonality",
    }));
  },
};
