/**
 * The KPI without paid media, as a relative shape (about 1 on average) that a generator scales
 * to the level its media share requires. Two kinds:
 * - `"trend"` (Robyn's baseline regressors; PyMC-Marketing's example data): intercept, a linear
 *   trend, two pairs of yearly Fourier terms `sin/cos(2πk·d/365.25)` in PyMC-Marketing's form,
 *   d being the pandas `dayofyear` of the week (1 on 1 January; `pymc_marketing/mmm/fourier.py`
 *   `YearlyFourier`), and the controls below;
 * - `"knots"` (Meridian's time-varying intercept, `meridian/model/knots.py`): a knot every 26
 *   weeks, values drawn around 0, linearly interpolated between neighbouring knots, plus the
 *   same seasonality and controls. Neither a straight line nor two Fourier pairs can represent
 *   it, as in real data.
 *
 * Controls: `price` (around 10, slow AR(1) moves and occasional 8% cuts; effect = elasticity ×
 * relative price change), `promo` (a 0/1 flag in about 12% of weeks) and `event_1 …` (0/1 in
 * three single weeks each, like PyMC-Marketing's `mmm_example.csv` events).
 *
 * @module
 */
import type { Prng } from "./prng.ts";
import type { NamedColumn } from "./truth.ts";

/** Options of {@link generateBaseline}. */
export interface BaselineOptions {
  /** ISO dates of the weeks. */
  readonly dates: readonly string[];
  /** Shape of the slow component. */
  readonly kind: "trend" | "knots";
  /** Include a price control. */
  readonly price: boolean;
  /** Include a promo flag. */
  readonly promo: boolean;
  /** Number of event dummies. */
  readonly events: number;
}

/** The baseline's relative shape, its parts, and the control columns a model is given. */
export interface Baseline {
  /** The relative baseline per week (1 + every part). */
  readonly shape: Float64Array;
  /** Each additive part of the shape by name (`trend`, `knots`, `seasonality`, controls). */
  readonly parts: readonly NamedColumn[];
  /** The control columns (price, promo, events) as observed. */
  readonly controls: readonly NamedColumn[];
  /** The coefficients drawn, for the record. */
  readonly coefficients: Readonly<Record<string, number>>;
}

/** Days since 1970-01-01 of an ISO date. */
export function epochDay(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
}

/** `n` weekly ISO dates from `start`. */
export function weeklyDates(start: string, n: number): string[] {
  const d0 = epochDay(start);
  return Array.from(
    { length: n },
    (_, t) => new Date((d0 + 7 * t) * 86400000).toISOString().slice(0, 10),
  );
}

/** Draws a baseline shape and its controls. */
export function generateBaseline(rng: Prng, options: BaselineOptions): Baseline {
  const n = options.dates.length, days = options.dates.map(epochDay);
  const dayOfYear = options.dates.map((d) => epochDay(d) - epochDay(`${d.slice(0, 4)}-01-01`) + 1);
  const parts: NamedColumn[] = [], controls: NamedColumn[] = [];
  const coefficients: Record<string, number> = {};
  if (options.kind === "trend") {
    const slope = rng.between(-0.04, 0.1);
    coefficients.trendPerYear = slope;
    parts.push({
      name: "trend",
      values: Float64Array.from(days, (d) => slope * (d - (days[0] as number)) / 365.25),
    });
  } else {
    const knotEvery = 26, count = Math.ceil((n - 1) / knotEvery) + 1;
    const knots = Array.from({ length: count }, () => 0.02 * rng.normal());
    coefficients.knotSd = 0.02;
    parts.push({
      name: "knots",
      values: Float64Array.from({ length: n }, (_, t) => {
        const k = Math.floor(t / knotEvery), f = t / knotEvery - k;
        const a = knots[k] as number, b = (knots[k + 1] ?? a) as number;
        return (1 - f) * a + f * b;
      }),
    });
  }
  const season = new Float64Array(n);
  for (const k of [1, 2]) {
    const a = rng.between(-0.08, 0.08) / k, b = rng.between(-0.08, 0.08) / k;
    coefficients[`sin${k}`] = a;
    coefficients[`cos${k}`] = b;
    for (let t = 0; t < n; t++) {
      const angle = 2 * Math.PI * k * (dayOfYear[t] as number) / 365.25;
      season[t] = (season[t] as number) + a * Math.sin(angle) + b * Math.cos(angle);
    }
  }
  parts.push({ name: "seasonality", values: season });
  if (options.price) {
    const elasticity = rng.between(-1.5, -0.5);
    coefficients.priceElasticity = elasticity;
    const price = new Float64Array(n);
    let drift = 0;
    for (let t = 0; t < n; t++) {
      drift = 0.9 * drift + 0.01 * rng.normal();
      const cut = rng.uniform() < 0.08 ? 0.08 : 0;
      price[t] = Math.round(1000 * (1 + drift - cut)) / 100;
    }
    controls.push({ name: "price", values: price });
    parts.push({ name: "price", values: price.map((p) => elasticity * (p / 10 - 1)) });
  }
  if (options.promo) {
    const lift = rng.between(0.03, 0.08);
    coefficients.promoLift = lift;
    const promo = Float64Array.from({ length: n }, () => (rng.uniform() < 0.12 ? 1 : 0));
    controls.push({ name: "promo", values: promo });
    parts.push({ name: "promo", values: promo.map((v) => lift * v) });
  }
  for (let e = 1; e <= options.events; e++) {
    const lift = rng.between(0.05, 0.15);
    coefficients[`event_${e}`] = lift;
    const flag = new Float64Array(n);
    for (let i = 0; i < 3; i++) flag[rng.integer(0, n - 1)] = 1;
    controls.push({ name: `event_${e}`, values: flag });
    parts.push({ name: `event_${e}`, values: flag.map((v) => lift * v) });
  }
  const shape = new Float64Array(n).fill(1);
  for (const p of parts) {
    for (let t = 0; t < n; t++) shape[t] = (shape[t] as number) + (p.values[t] as number);
  }
  return { shape, parts, controls, coefficients };
}
