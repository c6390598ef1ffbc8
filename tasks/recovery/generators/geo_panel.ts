/**
 * The geo-panel generator, written from Meridian's published geo model (anchors.md §3a;
 * `meridian/model/equations.py`, `transformers.py`) and independently of mixlab's lib/:
 *
 *   KPI_{g,t} = pop_g · [ L·(shape_t + δ_g + ς_g·t/52.18)
 *                         + Σ_m β_m·e^{η z_{g,m}} · Hill(Adstock(x_{g,t,m} / (pop_g·s_m))) ] + ε_{g,t}
 *
 * - media per person, divided by s_m, the median of the non-zero per-person spend of channel m
 *   over every geo and week (Meridian's media scaling: population, then the non-zero median);
 * - normalised geometric or binomial adstock over a 9-week window and Hill(ec, slope), the same
 *   transform parameters in every geo (Meridian shares α, ec and slope across geos);
 * - per-geo coefficients log-normal around the national one, β_{g,m} = exp(log β_m + η·z),
 *   z ~ N(0, 1) (Meridian's default `media_effects_dist`); β_m is set so that the *national*
 *   ROAS (all geos' contribution ÷ all geos' spend over the window) hits the channel's target;
 * - the baseline per person shares its time shape (knots or trend, seasonality, controls: Meridian's
 *   μ_t, shared across geos) plus a geo intercept δ_g ~ U(−0.2, 0.2), additive as Meridian's τ_g,
 *   and optionally a geo trend ς_g ~ U(−0.05, 0.05) per year; its level L makes media the
 *   requested share of the national KPI over the window;
 * - Gaussian noise per geo with standard deviation `noise` × the geo's mean noise-free KPI.
 *
 * Random streams: fork 1 transform parameters, 2 spend, 3 baseline, 4 noise, 5 populations,
 * 6 the geo coefficients' z, 7 geo intercepts and trends.
 *
 * @module
 */
import { generateBaseline, weeklyDates } from "./baseline.ts";
import { drawGeos, generateGeoSpends, type GeoUnit } from "./geo_spend.ts";
import { medianNonZero, normalizedWeights, windowAdstock } from "./normalized_transforms.ts";
import { Prng } from "./prng.ts";
import { hillCurve } from "./robyn_transforms.ts";
import { type CommonSettings, type Draw, draw, resolveCommon } from "./settings.ts";
import { pairwiseCorrelation } from "./spend.ts";
import type { ChannelTruth, NamedColumn, TrueAdstock, TrueSaturation } from "./truth.ts";
import type { GeoChannelTruth, GeoPanelSet, GeoSeries, GeoTruth } from "./geo_truth.ts";

/** Settings of {@link geoPanelSet}. */
export interface GeoPanelSettings extends CommonSettings {
  /** Number of geos. */
  readonly geos: number;
  /** Adstock decay function. */
  readonly adstock: "geometric" | "binomial";
  /** Adstock α. @default [0.2, 0.7] (geometric), [0.1, 0.5] (binomial) */
  readonly alpha?: Draw;
  /** Hill ec, in units of scaled per-person media. @default [0.5, 2] */
  readonly ec?: Draw;
  /** Hill slope. @default 1 for every channel (Meridian's default) */
  readonly slope?: Draw;
  /** η, the log-sd of the geo coefficients around the national one. @default 0.3 */
  readonly geoSpread?: number;
  /** σ of each geo's own log spend fluctuation. @default 0.3 */
  readonly geoNoise?: number;
  /** Baseline kind. @default "knots" */
  readonly baseline?: "knots" | "trend";
  /** Give each geo its own linear trend. @default false */
  readonly geoTrend?: boolean;
}

const WINDOW = 9;

function windowSum(x: Float64Array, end: number): number {
  let s = 0;
  for (let t = 0; t < end; t++) s += x[t] as number;
  return s;
}

/** Each channel's shared transforms and per-person media scale. */
interface SharedChannel {
  readonly adstock: TrueAdstock & { kind: "normalized" };
  readonly saturation: TrueSaturation & { kind: "hill" };
  readonly scale: number;
  readonly weights: Float64Array;
}

/** Saturated media (β = 1) of one geo's spend on one channel. */
function unitMedia(ch: SharedChannel, geo: GeoUnit, spend: Float64Array): Float64Array {
  const divisor = geo.population * ch.scale;
  return hillCurve(
    windowAdstock(spend.map((v) => v / divisor), ch.weights),
    ch.saturation.inflexion,
    ch.saturation.shape,
  );
}

function sharedChannels(
  params: Prng,
  s: GeoPanelSettings,
  geos: readonly GeoUnit[],
  spends: readonly Float64Array[][],
  n: number,
): SharedChannel[] {
  const window = Math.min(WINDOW, n);
  return s.channels.map((_, c) => {
    const alpha = draw(params, s.alpha ?? (s.adstock === "geometric" ? [0.2, 0.7] : [0.1, 0.5]), c);
    const inflexion = draw(params, s.ec ?? [0.5, 2], c);
    const shape = draw(params, s.slope ?? { each: s.channels.map(() => 1) }, c);
    const perPerson = new Float64Array(geos.length * n);
    geos.forEach((geo, g) => {
      const x = spends[g]![c] as Float64Array;
      for (let t = 0; t < n; t++) perPerson[g * n + t] = (x[t] as number) / geo.population;
    });
    return {
      adstock: { kind: "normalized", decay: s.adstock, alpha, window },
      saturation: { kind: "hill", inflexion, shape },
      scale: medianNonZero(perPerson),
      weights: normalizedWeights(s.adstock, alpha, window),
    };
  });
}

/** The media side of a panel, per geo (outer) and channel (inner). */
interface PanelMedia {
  readonly geos: readonly GeoUnit[];
  readonly spends: readonly Float64Array[][];
  /** Saturated media at 1.01 × spend (β = 1). */
  readonly ups: readonly Float64Array[][];
  readonly multipliers: readonly number[][];
  /** National β per channel. */
  readonly betas: readonly number[];
  readonly contributions: readonly Float64Array[][];
  /** Window weeks. */
  readonly w: number;
}

function nationalTruth(
  m: PanelMedia,
  shared: readonly SharedChannel[],
  names: readonly string[],
  targets: readonly number[],
  mediaTotal: number,
): ChannelTruth[] {
  const totals = names.map((name, c) => {
    let spend = 0, contribution = 0, up = 0;
    m.geos.forEach((geo, g) => {
      spend += windowSum(m.spends[g]![c]!, m.w);
      contribution += windowSum(m.contributions[g]![c]!, m.w);
      up += geo.population * m.betas[c]! * m.multipliers[g]![c]! * windowSum(m.ups[g]![c]!, m.w);
    });
    return { name, spend, contribution, up };
  });
  const spendAll = totals.reduce((a, c) => a + c.spend, 0);
  return totals.map((t, c): ChannelTruth => ({
    name: t.name,
    mediaScale: { kind: "per-capita-median-nonzero", value: shared[c]!.scale },
    adstock: shared[c]!.adstock,
    saturation: shared[c]!.saturation,
    beta: m.betas[c]!,
    targetRoas: targets[c] as number,
    spend: t.spend,
    contribution: t.contribution,
    roas: t.contribution / t.spend,
    mroas: (t.up - t.contribution) / (0.01 * t.spend),
    effectShare: t.contribution / mediaTotal,
    spendShare: t.spend / spendAll,
  }));
}

function geoChannelTruth(m: PanelMedia, g: number, names: readonly string[]): GeoChannelTruth[] {
  const geo = m.geos[g]!;
  return names.map((name, c) => {
    const spend = windowSum(m.spends[g]![c]!, m.w);
    const contribution = windowSum(m.contributions[g]![c]!, m.w);
    const beta = m.betas[c]! * m.multipliers[g]![c]!;
    return {
      name,
      multiplier: m.multipliers[g]![c]!,
      beta,
      spend,
      contribution,
      roas: contribution / spend,
      mroas: (geo.population * beta * windowSum(m.ups[g]![c]!, m.w) - contribution) /
        (0.01 * spend),
    };
  });
}

/**
 * Generates a geo panel; the same id, seed and settings give the same numbers.
 *
 * @example Ten geos; the national ROAS hits its target, each geo has its own
 * ```ts
 * import { geoPanelSet } from "./geo_panel.ts";
 * import assert from "node:assert/strict";
 * const set = geoPanelSet("demo", 1, {
 *   geos: 10, weeks: 104, channels: ["tv"], adstock: "geometric", spend: "always-on",
 *   correlation: 0, noise: 0.05, mediaShare: 0.3, roas: { each: [2] },
 * });
 * assert.ok(Math.abs(set.truth.channels[0]!.roas - 2) < 1e-12);
 * assert.equal(set.truth.geos.length, 10);
 * ```
 */
export function geoPanelSet(id: string, seed: number, s: GeoPanelSettings): GeoPanelSet {
  const root = new Prng(seed), params = root.fork(1);
  const common = resolveCommon(params, s);
  const n = common.weeks, w = common.windowWeeks, k = s.channels.length;
  const geos = drawGeos(root.fork(5), s.geos);
  const spends = generateGeoSpends(root.fork(2), {
    weeks: n,
    geos,
    levels: common.levels.map((l) => l * geos.length),
    patterns: common.patterns,
    correlation: s.correlation,
    geoNoise: s.geoNoise ?? 0.3,
  });
  const shared = sharedChannels(params, s, geos, spends, n);
  const eta = s.geoSpread ?? 0.3, zs = root.fork(6);
  const multipliers = geos.map(() => s.channels.map(() => Math.exp(eta * zs.normal())));
  const units = geos.map((geo, g) => shared.map((ch, c) => unitMedia(ch, geo, spends[g]![c]!)));
  const ups = geos.map((geo, g) =>
    shared.map((ch, c) => unitMedia(ch, geo, spends[g]![c]!.map((v) => 1.01 * v)))
  );
  const betas = shared.map((_, c) => {
    let spend = 0, media = 0;
    geos.forEach((geo, g) => {
      spend += windowSum(spends[g]![c]!, w);
      media += geo.population * multipliers[g]![c]! * windowSum(units[g]![c]!, w);
    });
    return (common.roas[c] as number) * spend / media;
  });
  const contributions = geos.map((geo, g) =>
    shared.map((_, c) =>
      units[g]![c]!.map((v) => geo.population * betas[c]! * multipliers[g]![c]! * v)
    )
  );
  const dates = weeklyDates(common.start, n);
  const base = generateBaseline(root.fork(3), {
    dates,
    kind: s.baseline ?? "knots",
    price: s.price ?? true,
    promo: s.promo ?? false,
    events: s.events ?? 0,
  });
  const local = root.fork(7);
  const geoBase = geos.map(() => {
    const intercept = local.between(-0.2, 0.2);
    const trend = s.geoTrend ? local.between(-0.05, 0.05) : 0;
    return { intercept, trend, shape: base.shape.map((v, t) => v + intercept + trend * t / 52.18) };
  });
  let mediaTotal = 0, shapeTotal = 0;
  geos.forEach((geo, g) => {
    for (const c of contributions[g]!) mediaTotal += windowSum(c, w);
    shapeTotal += geo.population * windowSum(geoBase[g]!.shape, w);
  });
  const level = mediaTotal * (1 - s.mediaShare) / (s.mediaShare * shapeTotal);
  const noise = root.fork(4);
  let expectedTotal = 0;
  const series = geos.map((geo, g): GeoSeries & { noiseSd: number } => {
    const baseline = geoBase[g]!.shape.map((v) => level * geo.population * v);
    const expected = baseline.map((v, t) =>
      contributions[g]!.reduce((a, c) => a + (c[t] as number), v)
    );
    expectedTotal += windowSum(expected, w);
    const noiseSd = s.noise * windowSum(expected, w) / w;
    return {
      name: geo.name,
      population: geo.population,
      kpi: expected.map((v) => Math.round(100 * (v + noiseSd * noise.normal())) / 100),
      spends: s.channels.map((name, c) => ({ name, values: spends[g]![c]! })),
      contributions: s.channels.map((name, c) => ({ name, values: contributions[g]![c]! })),
      baseline,
      noiseSd,
    };
  });
  const nationalSpend = s.channels.map((_, c) => {
    const out = new Float64Array(n);
    for (const g of spends) g[c]!.forEach((v, t) => (out[t] = (out[t] as number) + v));
    return out;
  });
  const media: PanelMedia = { geos, spends, ups, multipliers, betas, contributions, w };
  const channels = nationalTruth(media, shared, s.channels, common.roas, mediaTotal);
  const geoTruths = geos.map((geo, g): GeoTruth => ({
    name: geo.name,
    population: geo.population,
    intercept: geoBase[g]!.intercept,
    trendPerYear: geoBase[g]!.trend,
    noiseSd: series[g]!.noiseSd,
    channels: geoChannelTruth(media, g, s.channels),
  }));
  return {
    id,
    generator: "meridian-geo",
    seed,
    dates,
    geos: series.map(({ noiseSd: _, ...rest }) => rest),
    controls: base.controls as NamedColumn[],
    yearlyFourier: 2,
    truth: {
      generator: "meridian-geo",
      windowWeeks: w,
      channels,
      geos: geoTruths,
      geoSpread: eta,
      mediaShare: mediaTotal / expectedTotal,
      noiseShare: s.noise,
      spendCorrelation: k > 1 ? pairwiseCorrelation(nationalSpend, w) : { mean: 0, max: 0 },
      baseline: { kind: s.baseline ?? "knots", level, coefficients: base.coefficients },
    },
  };
}
