/**
 * A seeded generator of weekly MMM data with known truth.
 *
 * KPI = baseline + Σ_c media_c + noise + shocks, where
 * - media_c,t = coefficient_c · saturation_c(adstock_c(spend_c,t / scale_c) / gain_c), scale_c = mean
 *   weekly spend of channel c over all simulated rows (what models use when a channel has no
 *   scale), and the coefficient is set so the channel's ROAS over the period equals its target;
 * - baseline = intercept + trend + yearly Fourier seasonality (sin/cos(2πk·d/365.25), d = days
 *   since 1 January) + price (negative) + promotions + holidays;
 * - noise is normal with standard deviation `noise` × sd(KPI without noise), and absorbs the
 *   rounding of the KPI to cents so the identity holds exactly;
 * - shocks are optional outlier weeks.
 *
 * A geo panel follows Meridian's geo model (anchors.md §3a): each geo's spend, baseline and shocks
 * scale with its population, media is per person, `u = adstock(spend_g,t / (pop_g · scale_c)) /
 * gain_c` with `scale_c` the channel's mean weekly spend per person over every geo and week, and
 * the geo's contribution is `pop_g · coefficient_c · effect_g,c · saturation_c(u)`: the
 * coefficient is per person, and `effect` (log-normal, mean 1) makes the geos differ. The data
 * then carries a `population` column.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { Rng } from "../rng.ts";
import type { ChannelData, MmmData, ModelSpec, NamedSeries, TransformSpec } from "../types.ts";
import { getTransform } from "../transforms/registry.ts";
import { dayOfYear, epochDay, isoFromDay } from "../dates.ts";
import type { SpendPattern } from "./_spend.ts";
import {
  type GeoPanel,
  panel,
  simulateGeos,
  simulateKpi,
  simulateMedia,
  simulateSpend,
} from "./_panel.ts";
import { simulateBaseline } from "./_baseline.ts";
import type { ChannelTruth, SimulationTruth } from "./truth.ts";
import { channelTruths, mediationTruth } from "./_channel_truth.ts";

/** One simulated channel. */
export interface SimChannelOptions {
  /** Channel name; the CSV column is `<name>_spend`. */
  readonly name: string;
  /** Spend path: mean weekly spend, volatility, seasonality, flighting. */
  readonly spend: Partial<SpendPattern> & { readonly mean: number };
  /** Carryover transform (any registered adstock). */
  readonly adstock: TransformSpec;
  /** Diminishing-returns transform (any registered saturation). */
  readonly saturation: TransformSpec;
  /** ROAS of the channel over the whole period; sets its coefficient. */
  readonly roas: number;
  /**
   * Makes this channel a mediator: its spend gets `Σ k · spend_upstream` added each week, for
   * earlier channels named here (e.g. search spend driven by social spend).
   * @default undefined
   */
  readonly drivenBy?: Readonly<Record<string, number>>;
}

/** Geo panel settings. */
export interface SimGeoOptions {
  /** Number of geos. */
  readonly count: number;
  /** Standard deviation of log population across geos. @default 0.6 */
  readonly populationSpread?: number;
  /** Standard deviation of the log of each geo's media effect multiplier. @default 0.15 */
  readonly effectSpread?: number;
}

/** Options of {@link simulateMmm}. */
export interface SimulationOptions {
  /** Name of the set (file stem). @default "simulation" */
  readonly name?: string;
  /** Seed of the random generator: the same seed gives the same data. */
  readonly seed: number;
  /** Number of weeks. @default 156 */
  readonly weeks?: number;
  /** First week (a Monday, ISO). @default "2022-01-03" */
  readonly start?: string;
  /** KPI column name. @default "revenue" */
  readonly kpi?: string;
  /** The channels. */
  readonly channels: readonly SimChannelOptions[];
  /** Baseline level per week. @default 50000 */
  readonly intercept?: number;
  /** Baseline growth per year. @default 4000 */
  readonly trendPerYear?: number;
  /** Yearly Fourier amplitudes [sin_k, cos_k], k = 1, 2 … @default [[5000, 3000], [1500, -1000]] */
  readonly seasonality?: readonly (readonly [number, number])[];
  /** Price control: mean, sd and (negative) coefficient; `false` for none. @default { mean: 10, sd: 0.4, coefficient: -3000 } */
  readonly price?:
    | { readonly mean: number; readonly sd: number; readonly coefficient: number }
    | false;
  /** Promotion weeks: share of weeks and lift; `false` for none. @default { rate: 0.1, effect: 6000 } */
  readonly promotions?: { readonly rate: number; readonly effect: number } | false;
  /** Holiday weeks (Thanksgiving, Christmas): lift; `false` for none. @default { effect: 9000 } */
  readonly holidays?: { readonly effect: number } | false;
  /** Noise sd as a share of the sd of the noiseless KPI. @default 0.05 */
  readonly noise?: number;
  /** Correlation of every channel's log spend with a shared factor. @default 0.3 */
  readonly spendCorrelation?: number;
  /** Weeks whose KPI is left empty in the CSV (the truth keeps them). @default 0 */
  readonly missingKpi?: number;
  /** Outlier weeks: a spike of +80% (probability 0.7) or a drop of −50% of mean KPI. @default 0 */
  readonly outliers?: number;
  /** Geo panel; national data when undefined. @default undefined */
  readonly geos?: SimGeoOptions;
}

/** Simulated data and its truth. */
export interface Simulation {
  /** The data, with the full KPI (rows listed in `truth.missingKpiRows` included). */
  readonly data: MmmData;
  /** The truth. */
  readonly truth: SimulationTruth;
}

/**
 * Simulates weekly MMM data with known truth.
 *
 * @param options Channels, baseline, noise and options (flighting, mediator, geos …).
 * @returns The data and its truth.
 * @throws {ConfigError} When a transform kind is unknown or a mediator names a later channel.
 *
 * @example ROAS equals total contribution over total spend
 * ```ts
 * import { simulateMmm } from "mixlab";
 * import assert from "node:assert/strict";
 * const sim = simulateMmm({
 *   seed: 1,
 *   weeks: 60,
 *   channels: [{
 *     name: "tv",
 *     spend: { mean: 1000 },
 *     adstock: { kind: "geometric", params: { decay: 0.5 } },
 *     saturation: { kind: "hill", params: { halfSaturation: 2, shape: 1 } },
 *     roas: 2,
 *   }],
 * });
 * const tv = sim.truth.channels[0]!;
 * assert.ok(Math.abs(tv.roas - 2) < 1e-9);
 * assert.ok(Math.abs(tv.totalContribution / tv.totalSpend - 2) < 1e-9);
 * ```
 */
export function simulateMmm(options: SimulationOptions): Simulation {
  const rng = new Rng(options.seed);
  const weeks = options.weeks ?? 156;
  if (!Number.isInteger(weeks) || weeks < 2) {
    throw new RangeError(`Cannot simulate data: weeks must be an integer ≥ 2, got ${weeks}`);
  }
  validateSimulation(options);
  const channels = options.channels;
  const start = epochDay(options.start ?? "2022-01-03");
  const days = Float64Array.from({ length: weeks }, (_, t) => start + 7 * t);
  const weekOfYear = Array.from(days, (d) => Math.floor(dayOfYear(d) / 7) % 52);
  const geos = simulateGeos(rng, options, weeks);
  const spend = simulateSpend(rng, options, geos, weekOfYear);
  const media = simulateMedia(channels, spend, geos);
  const baseline = simulateBaseline(rng, options, days, geos.relative);
  const signal = baseline.baseline.slice();
  for (const c of media.contributions) c.forEach((v, i) => signal[i]! += v);
  const kpi = simulateKpi(rng, options, signal, geos);
  const national = options.geos === undefined;
  const trueChannels = channelTruths(channels, spend, media, geos, national);
  const mediation = mediationTruth(channels, spend, trueChannels, geos);
  const data = simulatedData(options, days, spend, baseline.controls, kpi.kpi, geos);
  const truth: SimulationTruth = {
    name: options.name ?? "simulation",
    seed: options.seed,
    kpi: data.kpi.name,
    spec: trueSpec(trueChannels, baseline.controls, options),
    channels: trueChannels,
    baseline: Array.from(baseline.baseline),
    baselineTerms: baseline.terms,
    noise: Array.from(kpi.noise),
    noiseSd: kpi.noiseSd,
    shocks: Array.from(kpi.shocks),
    kpiValues: Array.from(kpi.kpi),
    missingKpiRows: kpi.missingKpiRows,
    ...(mediation !== undefined ? { mediation } : {}),
    ...(national ? {} : {
      geos: geos.names.map((name, g) => {
        const e: Record<string, number> = {};
        channels.forEach((c, j) => e[c.name] = geos.effect[j]![g] as number);
        return {
          name,
          population: geos.population[g] as number,
          relativePopulation: geos.relative[g] as number,
          effect: e,
        };
      }),
    }),
  };
  return { data, truth };
}

/** Rejects options the simulator cannot honour, naming the channel or key. */
function validateSimulation(options: SimulationOptions): void {
  const channels = options.channels;
  if (!(options.noise === undefined || options.noise >= 0)) {
    throw new RangeError(`Cannot simulate data: noise must be ≥ 0, got ${options.noise}`);
  }
  const rho = options.spendCorrelation;
  if (rho !== undefined && !(rho >= 0 && rho < 1)) {
    throw new RangeError(`Cannot simulate data: spendCorrelation must be in [0, 1), got ${rho}`);
  }
  channels.forEach((c, j) => {
    if (!(c.spend.mean > 0) || !(c.roas > 0)) {
      throw new RangeError(
        `Cannot simulate data: channel "${c.name}" needs spend.mean > 0 and roas > 0, got ${c.spend.mean} and ${c.roas}`,
      );
    }
    getTransform(c.adstock.kind, { family: "adstock", key: `channels.${c.name}.adstock` });
    getTransform(c.saturation.kind, {
      family: "saturation",
      key: `channels.${c.name}.saturation`,
    });
    for (const upstream of Object.keys(c.drivenBy ?? {})) {
      if (channels.findIndex((u) => u.name === upstream) >= j || upstream === c.name) {
        throw new ConfigError(
          `Cannot simulate data: channel "${c.name}" is driven by "${upstream}", which is not an earlier channel`,
          { channel: c.name, key: `channels.${c.name}.drivenBy` },
        );
      }
    }
  });
}

/** The simulated rows as `MmmData` (geo-major for panels). */
function simulatedData(
  options: SimulationOptions,
  days: Float64Array,
  spend: readonly Float64Array[],
  controls: readonly NamedSeries[],
  kpi: Float64Array,
  geos: GeoPanel,
): MmmData {
  const weeks = days.length;
  const isoDates = Array.from(days, isoFromDay);
  const rowDates: string[] = [];
  const geoValues: string[] = [];
  for (const name of geos.names) {
    for (let t = 0; t < weeks; t++) {
      rowDates.push(isoDates[t] as string);
      geoValues.push(name);
    }
  }
  const channelData: ChannelData[] = options.channels.map((c, j) => ({
    name: c.name,
    spend: spend[j] as Float64Array,
  }));
  const base = {
    dates: rowDates,
    kpi: { name: options.kpi ?? "revenue", values: kpi },
    kpiKind: "revenue" as const,
    channels: channelData,
    controls: controls.map((c) => ({
      name: c.name,
      values: Float64Array.from(panel(c.values, geos.relative, weeks, false)),
    })),
  };
  if (options.geos === undefined) return base;
  return {
    ...base,
    geo: { name: "geo", values: geoValues },
    population: {
      name: "population",
      values: Float64Array.from(geoValues, (_, i) => geos.population[Math.floor(i / weeks)]!),
    },
  };
}

/** A spec with the true transforms and scales, the simulated controls and baseline terms. */
function trueSpec(
  trueChannels: readonly ChannelTruth[],
  controls: readonly NamedSeries[],
  options: SimulationOptions,
): ModelSpec {
  const seasonality = options.seasonality ?? [[5000, 3000], [1500, -1000]];
  return {
    channels: trueChannels.map((c) => ({
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
      scale: c.scale,
    })),
    controls: controls.map((c) => c.name),
    baseline: { yearlyFourier: seasonality.length, trend: "linear", events: {} },
    specification: "linear",
  };
}
