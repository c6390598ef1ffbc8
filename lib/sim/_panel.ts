/**
 * The random parts of a simulation, drawn in a fixed order from one generator: geo populations
 * and effect multipliers, weekly spend per geo, media contributions, and noise, shocks and the
 * KPI. Rows are geo-major (every week of geo 1, then geo 2 …).
 *
 * @module
 */
import type { Rng } from "../rng.ts";
import { ar1, spendPath, type SpendPattern } from "./_spend.ts";
import { channelContribution, type TrueChannel } from "./response.ts";
import type { SimChannelOptions, SimulationOptions } from "./simulate.ts";

/** The geos of a simulation (one unnamed geo for national data). */
export interface GeoPanel {
  /** Geo names (`geo_01` …), or `[""]` for national data. */
  readonly names: readonly string[];
  /** Population per geo (1 for national data). */
  readonly population: Float64Array;
  /** Population relative to the mean geo's. */
  readonly relative: Float64Array;
  /** Per channel, each geo's media effect multiplier. */
  readonly effect: readonly Float64Array[];
  /** Weeks per geo. */
  readonly weeks: number;
}

/** Draws the geos' populations and per-channel effect multipliers. */
export function simulateGeos(rng: Rng, options: SimulationOptions, weeks: number): GeoPanel {
  const geoOptions = options.geos;
  const nGeo = geoOptions?.count ?? 1;
  const names = geoOptions === undefined
    ? [""]
    : Array.from({ length: nGeo }, (_, g) => `geo_${String(g + 1).padStart(2, "0")}`);
  const population = new Float64Array(nGeo).fill(1);
  if (geoOptions !== undefined) {
    const spread = geoOptions.populationSpread ?? 0.6;
    for (let g = 0; g < nGeo; g++) {
      population[g] = Math.round(1_000_000 * Math.exp(spread * rng.normal()) / 100) * 100;
    }
  }
  const meanPopulation = population.reduce((a, b) => a + b, 0) / nGeo;
  const relative = population.map((p) => p / meanPopulation);
  const effectSpread = geoOptions?.effectSpread ?? 0.15;
  const effect = options.channels.map(() =>
    Float64Array.from(
      { length: nGeo },
      () =>
        geoOptions === undefined
          ? 1
          : Math.exp(effectSpread * rng.normal() - effectSpread ** 2 / 2),
    )
  );
  return { names, population, relative, effect, weeks };
}

/** Draws each channel's weekly spend per geo; mediators add their upstream channels' drive. */
export function simulateSpend(
  rng: Rng,
  options: SimulationOptions,
  geos: GeoPanel,
  weekOfYear: readonly number[],
): Float64Array[] {
  const channels = options.channels, weeks = geos.weeks, nGeo = geos.names.length;
  const spend = channels.map(() => new Float64Array(weeks * nGeo));
  const correlation = options.spendCorrelation ?? 0.3;
  for (let g = 0; g < nGeo; g++) {
    const shared = ar1(rng, weeks, 0.7);
    channels.forEach((c, j) => {
      const pattern: SpendPattern = {
        mean: c.spend.mean * (geos.relative[g] as number),
        volatility: c.spend.volatility ?? 0.35,
        seasonality: c.spend.seasonality ?? 0.2,
        peakWeek: c.spend.peakWeek ?? 46,
        ...(c.spend.persistence !== undefined ? { persistence: c.spend.persistence } : {}),
        ...(c.spend.flighting !== undefined ? { flighting: c.spend.flighting } : {}),
      };
      const path = spendPath(rng, pattern, shared, correlation, weekOfYear);
      for (const [upstream, k] of Object.entries(c.drivenBy ?? {})) {
        const u = spend[channels.findIndex((x) => x.name === upstream)] as Float64Array;
        for (let t = 0; t < weeks; t++) {
          path[t] = Math.round(100 * ((path[t] as number) + k * (u[g * weeks + t] as number))) /
            100;
        }
      }
      (spend[j] as Float64Array).set(path, g * weeks);
    });
  }
  return spend;
}

/**
 * Media truth: each channel's scale, the coefficient that gives its target ROAS, and effect.
 *
 * Geo panels follow Meridian's geo model (anchors.md §3a): media is per person, its scale is
 * the channel's mean weekly spend per person over every geo and week, so the saturation means
 * the same thing in every geo, and each geo's contribution is its population times a coefficient
 * per person times the saturated media. National data is one geo of population 1.
 */
export interface MediaTruth {
  /** Mean spend per person per row over all rows (mean spend per row for national data). */
  readonly scales: readonly number[];
  /** National coefficients (per person for geo panels). */
  readonly coefficients: readonly number[];
  /** Contribution per row. */
  readonly contributions: readonly Float64Array[];
}

/**
 * Channel `j` as it acts on geo `g`'s total spend: the per-person `scale` times the geo's
 * population, and the per-person coefficient times the population and the geo's multiplier, so
 * `coefficient_g · sat(adstock(spend / scale_g) / gain) = pop_g · β · effect_g · sat(u_per person)`.
 */
export function geoChannel(
  channel: TrueChannel,
  geos: GeoPanel,
  g: number,
  j: number,
): TrueChannel {
  const population = geos.population[g] as number;
  return {
    ...channel,
    scale: channel.scale * population,
    coefficient: channel.coefficient * population * (geos.effect[j]![g] as number),
  };
}

/** Computes each channel's contribution and sets its coefficient to reach its target ROAS. */
export function simulateMedia(
  channels: readonly SimChannelOptions[],
  spend: readonly Float64Array[],
  geos: GeoPanel,
): MediaTruth {
  const weeks = geos.weeks, nGeo = geos.names.length, n = weeks * nGeo;
  const scales = spend.map((s) =>
    sum(s.map((v, i) => v / geos.population[Math.floor(i / weeks)]!)) / n
  );
  const unitContribution = channels.map((c, j) => {
    const out = new Float64Array(n);
    const base: TrueChannel = {
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
      scale: scales[j] as number,
      coefficient: 1,
    };
    for (let g = 0; g < nGeo; g++) {
      const part = channelContribution(
        (spend[j] as Float64Array).subarray(g * weeks, (g + 1) * weeks),
        geoChannel(base, geos, g, j),
      );
      out.set(part, g * weeks);
    }
    return out;
  });
  const coefficients = channels.map((c, j) =>
    c.roas * sum(spend[j] as Float64Array) / sum(unitContribution[j] as Float64Array)
  );
  const contributions = unitContribution.map((u, j) =>
    u.map((v) => v * (coefficients[j] as number))
  );
  return { scales, coefficients, contributions };
}

/** The KPI and what went into it besides the signal. */
export interface KpiDraw {
  /** KPI per row, rounded to cents. */
  readonly kpi: Float64Array;
  /** Noise per row (includes the rounding to cents). */
  readonly noise: Float64Array;
  /** Standard deviation the first geo's noise was drawn with. */
  readonly noiseSd: number;
  /** Outlier shocks per row. */
  readonly shocks: Float64Array;
  /** Rows whose KPI the CSV leaves empty. */
  readonly missingKpiRows: number[];
}

/** Adds noise (per geo) and shocks to the signal, rounds the KPI to cents, picks empty rows. */
export function simulateKpi(
  rng: Rng,
  options: SimulationOptions,
  signal: Float64Array,
  geos: GeoPanel,
): KpiDraw {
  const weeks = geos.weeks, nGeo = geos.names.length, n = weeks * nGeo;
  const noiseShare = options.noise ?? 0.05;
  const noise = new Float64Array(n), shocks = new Float64Array(n), kpi = new Float64Array(n);
  let noiseSd = 0;
  for (let g = 0; g < nGeo; g++) {
    const part = signal.subarray(g * weeks, (g + 1) * weeks);
    const sd = noiseShare * standardDeviation(part);
    if (g === 0) noiseSd = sd;
    for (let t = 0; t < weeks; t++) noise[g * weeks + t] = rng.normal(0, sd);
  }
  const shockRows = pickRows(rng, weeks, options.outliers ?? 0);
  const meanSignal = mean(signal);
  for (const t of shockRows) {
    const size = (rng.uniform() < 0.7 ? 0.8 : -0.5) * meanSignal;
    for (let g = 0; g < nGeo; g++) shocks[g * weeks + t] = size * (geos.relative[g] as number);
  }
  for (let i = 0; i < n; i++) {
    kpi[i] =
      Math.round(100 * ((signal[i] as number) + (noise[i] as number) + (shocks[i] as number))) /
      100;
    noise[i] = (kpi[i] as number) - (signal[i] as number) - (shocks[i] as number);
  }
  const missingWeeks = pickRows(rng, weeks, options.missingKpi ?? 0);
  const missingKpiRows: number[] = [];
  for (let g = 0; g < nGeo; g++) for (const t of missingWeeks) missingKpiRows.push(g * weeks + t);
  missingKpiRows.sort((a, b) => a - b);
  return { kpi, noise, noiseSd, shocks, missingKpiRows };
}

/** Repeats a weekly series for every geo, multiplied by the geo's relative population. */
export function panel(
  values: ArrayLike<number>,
  relative: Float64Array,
  weeks: number,
  scaled = true,
): number[] {
  const out: number[] = [];
  for (let g = 0; g < relative.length; g++) {
    for (let t = 0; t < weeks; t++) {
      out.push(scaled ? (values[t] as number) * (relative[g] as number) : values[t] as number);
    }
  }
  return out;
}

function pickRows(rng: Rng, weeks: number, count: number): number[] {
  if (count <= 0) return [];
  const candidates = Array.from({ length: weeks - 2 }, (_, i) => i + 1);
  return rng.shuffle(candidates).slice(0, Math.min(count, weeks - 2)).sort((a, b) => a - b);
}

/** Σ x. */
export function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s;
}

function mean(x: ArrayLike<number>): number {
  return sum(x) / x.length;
}

function standardDeviation(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += ((x[i] as number) - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}
