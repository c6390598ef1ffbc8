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
 * @module
 */
import { ConfigError } from "../errors.ts";
import { Rng } from "../rng.ts";
import type { ChannelData, MmmData, ModelSpec, NamedSeries, TransformSpec } from "../types.ts";
import { getTransform } from "../transforms/registry.ts";
import { dayFromParts, dayOfYear, epochDay, isoFromDay, weekdayOfDay } from "../dates.ts";
import { trendColumns } from "../features/trend.ts";
import { fourierColumns } from "../features/fourier.ts";
import { eventColumns } from "../features/events.ts";
import { ar1, spendPath, type SpendPattern } from "./_spend.ts";
import {
  channelContribution,
  marginalRoas,
  type ResponsePoint,
  steadyStateResponse,
  type TrueChannel,
} from "./response.ts";

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

/** A channel's truth. */
export interface ChannelTruth extends TrueChannel {
  /** CSV spend column. */
  readonly column: string;
  /** Total spend over the period (all geos). */
  readonly totalSpend: number;
  /** Total media contribution over the period. */
  readonly totalContribution: number;
  /** totalContribution / totalSpend. */
  readonly roas: number;
  /** Marginal ROAS at the actual spend (see {@link marginalRoas}). */
  readonly mroas: number;
  /** Contribution per row (KPI units). */
  readonly contribution: readonly number[];
  /** Steady-state weekly response at 0, 0.1 … 3 × the mean weekly spend (national scale). */
  readonly responseCurve: readonly ResponsePoint[];
  /** Per-geo coefficients (geo panels only). */
  readonly geoCoefficients?: Readonly<Record<string, number>>;
}

/** A baseline component. */
export interface BaselineTerm {
  /** Term name: `intercept`, `trend`, `seasonality`, or a control. */
  readonly name: string;
  /** Coefficient (for controls and trend) in KPI units per unit. */
  readonly coefficient?: number;
  /** Contribution per row. */
  readonly values: readonly number[];
}

/** Upstream channel effects through a mediator. */
export interface MediationTruth {
  /** The mediator channel. */
  readonly mediator: string;
  /** Spend of the mediator added per unit of each upstream channel's spend. */
  readonly drive: Readonly<Record<string, number>>;
  /** Per upstream channel: direct, indirect and total effect (KPI units over the period). */
  readonly effects: readonly {
    readonly channel: string;
    readonly direct: number;
    readonly indirect: number;
    readonly total: number;
    readonly directRoas: number;
    readonly totalRoas: number;
  }[];
}

/** Everything the simulator knows. */
export interface SimulationTruth {
  /** Set name. */
  readonly name: string;
  /** Seed used. */
  readonly seed: number;
  /** KPI column. */
  readonly kpi: string;
  /** A ModelSpec with the true transforms and scales, ready to fit. */
  readonly spec: ModelSpec;
  /** Per channel truth. */
  readonly channels: readonly ChannelTruth[];
  /** Baseline per row: the sum of `baselineTerms`. */
  readonly baseline: readonly number[];
  /** Intercept, trend, seasonality and control contributions. */
  readonly baselineTerms: readonly BaselineTerm[];
  /** Noise per row (includes the rounding of the KPI to cents). */
  readonly noise: readonly number[];
  /** Standard deviation the noise was drawn with. */
  readonly noiseSd: number;
  /** Outlier shocks per row (0 in normal weeks). */
  readonly shocks: readonly number[];
  /** KPI per row: baseline + Σ contributions + noise + shocks, also for rows left empty. */
  readonly kpiValues: readonly number[];
  /** Rows whose KPI the CSV leaves empty. */
  readonly missingKpiRows: readonly number[];
  /** Mediation truth, when a channel is driven by others. */
  readonly mediation?: MediationTruth;
  /** Geo names, relative populations and effect multipliers (panels only). */
  readonly geos?: readonly {
    readonly name: string;
    readonly population: number;
    readonly relativePopulation: number;
    readonly effect: Readonly<Record<string, number>>;
  }[];
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
  const start = epochDay(options.start ?? "2022-01-03");
  if (!Number.isInteger(weeks) || weeks < 2) {
    throw new RangeError(`Cannot simulate data: weeks must be an integer ≥ 2, got ${weeks}`);
  }
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
  const days = Float64Array.from({ length: weeks }, (_, t) => start + 7 * t);
  const isoDates = Array.from(days, isoFromDay);
  const weekOfYear = Array.from(days, (d) => Math.floor(dayOfYear(d) / 7) % 52);

  // Geos.
  const geoOptions = options.geos;
  const nGeo = geoOptions?.count ?? 1;
  const geoNames = geoOptions === undefined
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
  const effect = channels.map(() =>
    Float64Array.from(
      { length: nGeo },
      () =>
        geoOptions === undefined
          ? 1
          : Math.exp(effectSpread * rng.normal() - effectSpread ** 2 / 2),
    )
  );

  // Spend, per geo (rows geo-major).
  const n = weeks * nGeo;
  const spend = channels.map(() => new Float64Array(n));
  const correlation = options.spendCorrelation ?? 0.3;
  for (let g = 0; g < nGeo; g++) {
    const shared = ar1(rng, weeks, 0.7);
    channels.forEach((c, j) => {
      const pattern: SpendPattern = {
        mean: c.spend.mean * (relative[g] as number),
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

  // Media truth.
  const scales = spend.map((s) => mean(s));
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
        base,
      );
      const m = (relative[g] as number) * (effect[j]![g] as number);
      for (let t = 0; t < weeks; t++) out[g * weeks + t] = m * (part[t] as number);
    }
    return out;
  });
  const coefficients = channels.map((c, j) =>
    c.roas * sum(spend[j] as Float64Array) / sum(unitContribution[j] as Float64Array)
  );
  const contributions = unitContribution.map((u, j) =>
    u.map((v) => v * (coefficients[j] as number))
  );

  // Baseline (national terms, scaled by relative population per geo).
  const span = (days[weeks - 1] as number) - (days[0] as number);
  const intercept = options.intercept ?? 50_000;
  const trendPerYear = options.trendPerYear ?? 4000;
  const trendCoefficient = trendPerYear * span / 365.25;
  const seasonality = options.seasonality ?? [[5000, 3000], [1500, -1000]];
  const nationalTerms: BaselineTerm[] = [];
  const controls: NamedSeries[] = [];
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
  const price = options.price ?? { mean: 10, sd: 0.4, coefficient: -3000 };
  if (price !== false) {
    const z = ar1(rng, weeks, 0.8);
    const values = Float64Array.from(
      z,
      (v) => Math.round(100 * (price.mean + price.sd * v)) / 100,
    );
    controls.push({ name: "price", values });
    nationalTerms.push({
      name: "price",
      coefficient: price.coefficient,
      values: Array.from(values, (v) => price.coefficient * v),
    });
  }
  const promotions = options.promotions ?? { rate: 0.1, effect: 6000 };
  if (promotions !== false) {
    const values = Float64Array.from(
      { length: weeks },
      () => rng.uniform() < promotions.rate ? 1 : 0,
    );
    controls.push({ name: "promo", values });
    nationalTerms.push({
      name: "promo",
      coefficient: promotions.effect,
      values: Array.from(values, (v) => promotions.effect * v),
    });
  }
  const holidays = options.holidays ?? { effect: 9000 };
  if (holidays !== false) {
    const [{ values }] = eventColumns(days, { holiday: holidayDates(days) }, { period: 7 }) as [
      NamedSeries,
    ];
    controls.push({ name: "holiday", values });
    nationalTerms.push({
      name: "holiday",
      coefficient: holidays.effect,
      values: Array.from(values, (v) => holidays.effect * v),
    });
  }
  const baselineTerms: BaselineTerm[] = nationalTerms.map((term) => ({
    ...term,
    values: panel(term.values, relative, weeks),
  }));
  const baseline = new Float64Array(n);
  for (const term of baselineTerms) term.values.forEach((v, i) => baseline[i]! += v);

  // Noise, shocks, KPI.
  const signal = baseline.slice();
  for (const c of contributions) c.forEach((v, i) => signal[i]! += v);
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
    for (let g = 0; g < nGeo; g++) shocks[g * weeks + t] = size * (relative[g] as number);
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

  // Truth per channel.
  const meanSpendNational = spend.map((s) => sum(s) / weeks / nGeo);
  const trueChannels: ChannelTruth[] = channels.map((c, j) => {
    const s = spend[j] as Float64Array;
    const coefficient = coefficients[j] as number;
    const spec: TrueChannel = {
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
      scale: scales[j] as number,
      coefficient,
    };
    let mroasNumerator = 0;
    for (let g = 0; g < nGeo; g++) {
      const part = s.subarray(g * weeks, (g + 1) * weeks);
      mroasNumerator += marginalRoas(part, spec) * sum(part) * (relative[g] as number) *
        (effect[j]![g] as number);
    }
    const totalSpend = sum(s);
    const totalContribution = sum(contributions[j] as Float64Array);
    const m = meanSpendNational[j] as number;
    const truth: ChannelTruth = {
      ...spec,
      column: `${c.name}_spend`,
      totalSpend,
      totalContribution,
      roas: totalContribution / totalSpend,
      mroas: mroasNumerator / totalSpend,
      contribution: Array.from(contributions[j] as Float64Array),
      responseCurve: steadyStateResponse(
        Array.from({ length: 31 }, (_, i) => Math.round(i * m * 10) / 100),
        spec,
      ),
    };
    if (geoOptions === undefined) return truth;
    const geoCoefficients: Record<string, number> = {};
    geoNames.forEach((name, g) => {
      geoCoefficients[name] = coefficient * (relative[g] as number) * (effect[j]![g] as number);
    });
    return { ...truth, geoCoefficients };
  });

  // Mediation truth.
  const mediatorIndex = channels.findIndex((c) => c.drivenBy !== undefined);
  let mediation: MediationTruth | undefined;
  if (mediatorIndex >= 0) {
    const mediator = channels[mediatorIndex] as SimChannelOptions;
    const drive = mediator.drivenBy as Readonly<Record<string, number>>;
    const mediatorTruth = trueChannels[mediatorIndex] as ChannelTruth;
    const effects = Object.entries(drive).map(([upstream, k]) => {
      const u = channels.findIndex((c) => c.name === upstream);
      const counterfactual = (spend[mediatorIndex] as Float64Array).map((v, i) =>
        Math.max(0, v - k * ((spend[u] as Float64Array)[i] as number))
      );
      let without = 0;
      for (let g = 0; g < nGeo; g++) {
        const part = channelContribution(
          counterfactual.subarray(g * weeks, (g + 1) * weeks),
          mediatorTruth,
        );
        without += sum(part) * (relative[g] as number) * (effect[mediatorIndex]![g] as number);
      }
      const direct = (trueChannels[u] as ChannelTruth).totalContribution;
      const indirect = mediatorTruth.totalContribution - without;
      const upstreamSpend = (trueChannels[u] as ChannelTruth).totalSpend;
      return {
        channel: upstream,
        direct,
        indirect,
        total: direct + indirect,
        directRoas: direct / upstreamSpend,
        totalRoas: (direct + indirect) / upstreamSpend,
      };
    });
    mediation = { mediator: mediator.name, drive: { ...drive }, effects };
  }

  // Data.
  const rowDates: string[] = [];
  const geoValues: string[] = [];
  for (let g = 0; g < nGeo; g++) {
    for (let t = 0; t < weeks; t++) {
      rowDates.push(isoDates[t] as string);
      geoValues.push(geoNames[g] as string);
    }
  }
  const kpiName = options.kpi ?? "revenue";
  const channelData: ChannelData[] = channels.map((c, j) => ({
    name: c.name,
    spend: spend[j] as Float64Array,
  }));
  const base = {
    dates: rowDates,
    kpi: { name: kpiName, values: kpi },
    kpiKind: "revenue" as const,
    channels: channelData,
    controls: controls.map((c) => ({
      name: c.name,
      values: Float64Array.from(panel(c.values, relative, weeks, false)),
    })),
  };
  const data: MmmData = geoOptions === undefined
    ? base
    : { ...base, geo: { name: "geo", values: geoValues } };

  const spec: ModelSpec = {
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
  const truth: SimulationTruth = {
    name: options.name ?? "simulation",
    seed: options.seed,
    kpi: kpiName,
    spec,
    channels: trueChannels,
    baseline: Array.from(baseline),
    baselineTerms,
    noise: Array.from(noise),
    noiseSd,
    shocks: Array.from(shocks),
    kpiValues: Array.from(kpi),
    missingKpiRows,
    ...(mediation !== undefined ? { mediation } : {}),
    ...(geoOptions !== undefined
      ? {
        geos: geoNames.map((name, g) => {
          const e: Record<string, number> = {};
          channels.forEach((c, j) => e[c.name] = effect[j]![g] as number);
          return {
            name,
            population: population[g] as number,
            relativePopulation: relative[g] as number,
            effect: e,
          };
        }),
      }
      : {}),
  };
  return { data, truth };
}

/** Repeats a weekly series for every geo, multiplied by the geo's relative population. */
function panel(
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

/**
 * US Thanksgiving (fourth Thursday of November) and Christmas Day in every year the weeks
 * starting on `days` touch.
 */
function holidayDates(days: Float64Array): string[] {
  const first = new Date((days[0] as number) * 86_400_000).getUTCFullYear();
  const last = new Date(((days[days.length - 1] as number) + 6) * 86_400_000).getUTCFullYear();
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

function pickRows(rng: Rng, weeks: number, count: number): number[] {
  if (count <= 0) return [];
  const candidates = Array.from({ length: weeks - 2 }, (_, i) => i + 1);
  return rng.shuffle(candidates).slice(0, Math.min(count, weeks - 2)).sort((a, b) => a - b);
}

function sum(x: ArrayLike<number>): number {
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
