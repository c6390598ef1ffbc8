/**
 * Geos and their spend for the geo-panel generator:
 * - populations drawn log-normally (median 1,000,000, log-sd 0.8: regions of very different
 *   sizes, as US DMAs are), sorted largest first and named `geo_01 …`;
 * - each geo's spend on a channel is the national series (from `spend.ts`, so the national
 *   flighting, cycles and cross-channel correlation stay as the other generators make them)
 *   times the geo's population share, times a geo-level allocation `exp(b)` with
 *   b ~ N(0, 0.25²), times a geo-specific AR(1) fluctuation `exp(σ·z_t − σ²/2)` (lag-1
 *   autocorrelation 0.6). The geo fluctuations are the independent week-to-week variation a
 *   panel adds over the national total.
 *
 * @module
 */
import type { Prng } from "./prng.ts";
import { ar1, generateSpends, type SpendPattern } from "./spend.ts";

/** A geo: its name and population. */
export interface GeoUnit {
  /** Name (`geo_01`, … largest first). */
  readonly name: string;
  /** Population (people). */
  readonly population: number;
}

/**
 * Draws `count` geos with log-normal populations, largest first.
 *
 * @example
 * ```ts
 * import { drawGeos } from "./geo_spend.ts";
 * import { Prng } from "./prng.ts";
 * import assert from "node:assert/strict";
 * const geos = drawGeos(new Prng(3), 12);
 * assert.equal(geos[11]!.name, "geo_12");
 * assert.ok(geos[0]!.population >= geos[11]!.population);
 * ```
 */
export function drawGeos(rng: Prng, count: number): GeoUnit[] {
  if (!(Number.isInteger(count) && count >= 2)) {
    throw new RangeError(`Cannot generate a geo panel: expected at least 2 geos, got ${count}`);
  }
  const populations = Array.from(
    { length: count },
    () => Math.round(Math.exp(Math.log(1e6) + 0.8 * rng.normal())),
  ).sort((a, b) => b - a);
  const width = String(count).length < 2 ? 2 : String(count).length;
  return populations.map((population, g) => ({
    name: `geo_${String(g + 1).padStart(width, "0")}`,
    population,
  }));
}

/** Options of {@link generateGeoSpends}. */
export interface GeoSpendOptions {
  /** Weeks. */
  readonly weeks: number;
  /** The geos. */
  readonly geos: readonly GeoUnit[];
  /** Mean weekly national spend per channel. */
  readonly levels: readonly number[];
  /** Spend pattern per channel. */
  readonly patterns: readonly SpendPattern[];
  /** Correlation between channels' national fluctuations, in [0, 1). */
  readonly correlation: number;
  /** σ of the geo-specific log fluctuation. */
  readonly geoNoise: number;
}

/** Spend per geo (outer) and channel (inner), rounded to cents. */
export function generateGeoSpends(rng: Prng, options: GeoSpendOptions): Float64Array[][] {
  const n = options.weeks, sigma = options.geoNoise;
  const national = generateSpends(rng.fork(1), {
    weeks: n,
    levels: options.levels,
    patterns: options.patterns,
    correlation: options.correlation,
  });
  const total = options.geos.reduce((a, g) => a + g.population, 0);
  const local = rng.fork(2);
  return options.geos.map((geo) =>
    national.map((series) => {
      const allocation = Math.exp(0.25 * local.normal()) * geo.population / total;
      const z = ar1(local, n, 0.6);
      return series.map((v, t) =>
        Math.round(100 * v * allocation * Math.exp(sigma * (z[t] as number) - sigma * sigma / 2)) /
        100
      );
    })
  );
}
