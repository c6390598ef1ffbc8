/**
 * The baseline of a simulation: intercept, trend, yearly seasonality and the price, promotion and
 * holiday controls, built from the same trend, Fourier and event columns a model fits
 * (`lib/features`), with their true coefficients.
 *
 * @module
 */
import type { Rng } from "../rng.ts";
import type { NamedSeries } from "../types.ts";
import { dayFromParts, isoFromDay, weekdayOfDay, yearOfDay } from "../dates.ts";
import { trendColumns } from "../features/trend.ts";
import { fourierColumns } from "../features/fourier.ts";
import { eventColumns } from "../features/events.ts";
import { ar1 } from "./_spend.ts";
import { panel } from "./_panel.ts";
import type { SimulationOptions } from "./simulate.ts";
import type { BaselineTerm } from "./truth.ts";

/** The simulated baseline: its terms per row (all geos) and the controls it drew. */
export interface BaselineDraw {
  /** Intercept, trend, seasonality and control contributions per row. */
  readonly terms: readonly BaselineTerm[];
  /** The sum of the terms per row. */
  readonly baseline: Float64Array;
  /** The control columns (one geo's weeks). */
  readonly controls: readonly NamedSeries[];
}

/** National baseline terms, scaled by each geo's relative population. */
export function simulateBaseline(
  rng: Rng,
  options: SimulationOptions,
  days: Float64Array,
  relative: Float64Array,
): BaselineDraw {
  const weeks = days.length;
  const span = (days[weeks - 1] as number) - (days[0] as number);
  const intercept = options.intercept ?? 50_000;
  const trendPerYear = options.trendPerYear ?? 4000;
  const trendCoefficient = trendPerYear * span / 365.25;
  const seasonality = options.seasonality ?? [[5000, 3000], [1500, -1000]];
  const nationalTerms: BaselineTerm[] = [];
  nationalTerms.push({ name: "intercept", values: new Array(weeks).fill(intercept) });
  const [trend] = trendColumns(Array.from(days), { origin: days[0] as number, spanDays: span });
  nationalTerms.push({
    name: "trend",
    coefficient: trendCoefficient,
    values: Array.from(trend!.values, (t) => trendCoefficient * t),
  });
  const fourier = fourierColumns(days, { pairs: seasonality.length });
  nationalTerms.push({
    name: "seasonality",
    values: Array.from(days, (_, t) => {
      let v = 0;
      seasonality.forEach(([a, b], k) => {
        v += a * (fourier[2 * k]!.values[t] as number) +
          b * (fourier[2 * k + 1]!.values[t] as number);
      });
      return v;
    }),
  });
  const controls = simulateControls(rng, options, days);
  for (const { control, coefficient } of controls) {
    nationalTerms.push({
      name: control.name,
      coefficient,
      values: Array.from(control.values, (v) => coefficient * v),
    });
  }
  const terms: BaselineTerm[] = nationalTerms.map((term) => ({
    ...term,
    values: panel(term.values, relative, weeks),
  }));
  const baseline = new Float64Array(weeks * relative.length);
  for (const term of terms) term.values.forEach((v, i) => baseline[i]! += v);
  return { terms, baseline, controls: controls.map((c) => c.control) };
}

/** Price (an AR(1) around its mean), promotion weeks and holiday weeks, with coefficients. */
function simulateControls(
  rng: Rng,
  options: SimulationOptions,
  days: Float64Array,
): { control: NamedSeries; coefficient: number }[] {
  const weeks = days.length;
  const out: { control: NamedSeries; coefficient: number }[] = [];
  const price = options.price ?? { mean: 10, sd: 0.4, coefficient: -3000 };
  if (price !== false) {
    const z = ar1(rng, weeks, 0.8);
    const values = Float64Array.from(
      z,
      (v) => Math.round(100 * (price.mean + price.sd * v)) / 100,
    );
    out.push({ control: { name: "price", values }, coefficient: price.coefficient });
  }
  const promotions = options.promotions ?? { rate: 0.1, effect: 6000 };
  if (promotions !== false) {
    const values = Float64Array.from(
      { length: weeks },
      () => rng.uniform() < promotions.rate ? 1 : 0,
    );
    out.push({ control: { name: "promo", values }, coefficient: promotions.effect });
  }
  const holidays = options.holidays ?? { effect: 9000 };
  if (holidays !== false) {
    const [{ values }] = eventColumns(days, { holiday: holidayDates(days) }, { period: 7 }) as [
      NamedSeries,
    ];
    out.push({ control: { name: "holiday", values }, coefficient: holidays.effect });
  }
  return out;
}

/**
 * US Thanksgiving (fourth Thursday of November) and Christmas Day in every year the weeks
 * starting on `days` touch.
 */
function holidayDates(days: Float64Array): string[] {
  const first = yearOfDay(days[0] as number);
  const last = yearOfDay((days[days.length - 1] as number) + 6);
  const out: string[] = [];
  for (let year = first; year <= last; year++) {
    for (let dom = 22; dom <= 28; dom++) {
      const d = dayFromParts(year, 11, dom) as number;
      if (weekdayOfDay(d) === 3) out.push(isoFromDay(d));
    }
    out.push(`${year}-12-25`);
  }
  return out;
}
