/**
 * What every generator returns: a data set (dates, KPI, spends, controls) and its truth, and the
 * one assembly step they share. Each channel comes with its response at fixed parameters; the
 * assembly chooses the coefficient β so that the channel's ROAS over the modelling window hits
 * its target (Meridian's ROI parameterisation, Robyn's ROAS definition: contribution against
 * zero spend ÷ spend), scales the baseline so media drives the requested share of the KPI, adds
 * Gaussian noise, and measures the truth over the window:
 * - ROAS = Σ contribution / Σ spend;
 * - mROAS = [Σ response(1.01·spend) − Σ response(spend)] / (0.01·Σ spend) (Meridian's mROI,
 *   anchors.md §3d), every parameter (inflexion, media scale, β) held fixed;
 * - effect share = the channel's share of all media contribution; media share = all media
 *   contribution ÷ the noise-free KPI.
 *
 * @module
 */
import type { Baseline } from "./baseline.ts";
import type { Prng } from "./prng.ts";
import { pairwiseCorrelation } from "./spend.ts";

/** A named weekly series. */
export interface NamedColumn {
  /** Column name. */
  readonly name: string;
  /** One value per week. */
  readonly values: Float64Array;
}

/** The carryover a generator applied, in its own parameterisation. */
export type TrueAdstock =
  | { readonly kind: "robyn-geometric"; readonly theta: number }
  | {
    readonly kind: "robyn-weibull";
    readonly type: "cdf" | "pdf";
    readonly shape: number;
    /** Robyn's relative scale (share of the series length). */
    readonly scale: number;
    /** Length of the weight vector: the full series length, as Robyn uses. */
    readonly seriesLength: number;
  }
  | {
    readonly kind: "normalized";
    readonly decay: "geometric" | "binomial";
    readonly alpha: number;
    /** Number of lags with weight, lag 0 included (Meridian's max_lag + 1). */
    readonly window: number;
  };

/** The saturation a generator applied, on the adstocked, scaled media. */
export type TrueSaturation =
  | {
    readonly kind: "hill";
    /** Half-saturation point, in units of the adstocked scaled media. */
    readonly inflexion: number;
    /** Hill exponent. */
    readonly shape: number;
    /** Robyn's γ (inflexion = γ·max of the adstocked series over the window), when used. */
    readonly gamma?: number;
  }
  | { readonly kind: "logistic"; readonly lambda: number };

/** How media was scaled before the transforms. */
export interface MediaScale {
  /**
   * Robyn: raw spend; Meridian: median of non-zero values; PyMC-Marketing: maximum; Meridian's
   * geo models: spend per person, divided by the median of its non-zero values over every geo
   * and week (the divisor of a geo's spend is then population × `value`).
   */
  readonly kind: "none" | "median-nonzero" | "max" | "per-capita-median-nonzero";
  /** The divisor (1 for none). */
  readonly value: number;
}

/** A channel ready for assembly: its transforms, and its saturated media for any spend (β = 1). */
export interface ChannelModel {
  /** Channel name. */
  readonly name: string;
  /** Target ROAS over the window. */
  readonly targetRoas: number;
  /** Media scaling. */
  readonly mediaScale: MediaScale;
  /** Carryover. */
  readonly adstock: TrueAdstock;
  /** Saturation. */
  readonly saturation: TrueSaturation;
  /** Saturated media per week for a spend series, all parameters fixed. */
  unit(spend: Float64Array): Float64Array;
}

/** One channel's truth over the modelling window. */
export interface ChannelTruth {
  /** Channel name. */
  readonly name: string;
  /** Media scaling. */
  readonly mediaScale: MediaScale;
  /** Carryover. */
  readonly adstock: TrueAdstock;
  /** Saturation. */
  readonly saturation: TrueSaturation;
  /** KPI per unit of saturated media. */
  readonly beta: number;
  /** The ROAS the generator aimed at. */
  readonly targetRoas: number;
  /** Total spend. */
  readonly spend: number;
  /** Total contribution (KPI units). */
  readonly contribution: number;
  /** Contribution ÷ spend. */
  readonly roas: number;
  /** Return of the next unit at +1% spend. */
  readonly mroas: number;
  /** Share of all media contribution. */
  readonly effectShare: number;
  /** Share of all media spend. */
  readonly spendShare: number;
}

/** What every generator's truth states, national or geo panel. */
export interface TruthBase {
  /** Which generator made it. */
  readonly generator: string;
  /** Weeks of the modelling window (the first weeks; the rest are a holdout). */
  readonly windowWeeks: number;
  /** Per channel (national, for a geo panel). */
  readonly channels: readonly ChannelTruth[];
  /** All media contribution ÷ noise-free KPI, over the window. */
  readonly mediaShare: number;
  /** Noise standard deviation ÷ mean noise-free KPI (per geo, for a geo panel). */
  readonly noiseShare: number;
  /** Pearson correlation between channels' spends over the window (mean and largest pair). */
  readonly spendCorrelation: { readonly mean: number; readonly max: number };
  /**
   * The baseline's level (KPI units per unit of its relative shape; per person for a geo panel)
   * and drawn coefficients.
   */
  readonly baseline: {
    readonly kind: "trend" | "knots";
    readonly level: number;
    readonly coefficients: Readonly<Record<string, number>>;
  };
}

/** The truth of a data set. */
export interface Truth extends TruthBase {
  /** Standard deviation of the Gaussian noise. */
  readonly noiseSd: number;
}

/** What every generated set carries, national or geo panel. */
export interface SetBase {
  /** Set id (from the grid). */
  readonly id: string;
  /** Generator name. */
  readonly generator: string;
  /** Seed of the generator. */
  readonly seed: number;
  /** ISO week dates (the same in every geo of a panel). */
  readonly dates: readonly string[];
}

/** A generated data set with its truth. */
export interface GeneratedSet extends SetBase {
  /** The KPI (revenue), noise included. */
  readonly kpi: Float64Array;
  /** Spend per channel. */
  readonly spends: readonly NamedColumn[];
  /** Control columns (price, promo, events). */
  readonly controls: readonly NamedColumn[];
  /** Weekly contribution per channel (KPI units), every week. */
  readonly contributions: readonly NamedColumn[];
  /** Weekly baseline (KPI units), every week. */
  readonly baseline: Float64Array;
  /** Yearly Fourier pairs of the baseline (for a model of the right form). */
  readonly yearlyFourier: number;
  /** The truth. */
  readonly truth: Truth;
}

/** Everything {@link assembleSet} needs. */
export interface AssembleInput {
  /** Set id. */
  readonly id: string;
  /** Generator name. */
  readonly generator: string;
  /** Seed. */
  readonly seed: number;
  /** Week dates. */
  readonly dates: readonly string[];
  /** Modelling window: the first `windowWeeks` weeks. */
  readonly windowWeeks: number;
  /** Spend per channel, in the order of `channels`. */
  readonly spends: readonly Float64Array[];
  /** Channel models. */
  readonly channels: readonly ChannelModel[];
  /** Baseline shape and controls. */
  readonly baseline: Baseline;
  /** The baseline's kind, for the record. */
  readonly baselineKind: "trend" | "knots";
  /** Target media share of the noise-free KPI over the window, in (0, 1). */
  readonly mediaShare: number;
  /** Noise standard deviation as a share of the mean noise-free KPI. */
  readonly noise: number;
  /** Generator for the noise. */
  readonly rng: Prng;
}

function windowSum(x: Float64Array, end: number): number {
  let s = 0;
  for (let t = 0; t < end; t++) s += x[t] as number;
  return s;
}

/** Sets each β from its target ROAS, scales the baseline, adds noise and measures the truth. */
export function assembleSet(input: AssembleInput): GeneratedSet {
  const w = input.windowWeeks, n = input.dates.length;
  const contributions: NamedColumn[] = [];
  const partial: Omit<ChannelTruth, "effectShare" | "spendShare">[] = [];
  const media = new Float64Array(n);
  input.channels.forEach((ch, c) => {
    const spend = input.spends[c] as Float64Array;
    const unit = ch.unit(spend);
    const spendTotal = windowSum(spend, w);
    const beta = ch.targetRoas * spendTotal / windowSum(unit, w);
    const contribution = unit.map((v) => beta * v);
    const up = ch.unit(spend.map((v) => 1.01 * v));
    const contributionTotal = windowSum(contribution, w);
    const mroas = (beta * windowSum(up, w) - contributionTotal) / (0.01 * spendTotal);
    for (let t = 0; t < n; t++) media[t] = (media[t] as number) + (contribution[t] as number);
    contributions.push({ name: ch.name, values: contribution });
    partial.push({
      name: ch.name,
      mediaScale: ch.mediaScale,
      adstock: ch.adstock,
      saturation: ch.saturation,
      beta,
      targetRoas: ch.targetRoas,
      spend: spendTotal,
      contribution: contributionTotal,
      roas: contributionTotal / spendTotal,
      mroas,
    });
  });
  const mediaTotal = windowSum(media, w), spendAll = partial.reduce((a, c) => a + c.spend, 0);
  const level = mediaTotal * (1 - input.mediaShare) /
    (input.mediaShare * windowSum(input.baseline.shape, w));
  const baseline = input.baseline.shape.map((v) => level * v);
  const expected = baseline.map((v, t) => v + (media[t] as number));
  const noiseSd = input.noise * windowSum(expected, w) / w;
  const kpi = expected.map((v) => Math.round(100 * (v + noiseSd * input.rng.normal())) / 100);
  const channels = partial.map((c): ChannelTruth => ({
    ...c,
    effectShare: c.contribution / mediaTotal,
    spendShare: c.spend / spendAll,
  }));
  return {
    id: input.id,
    generator: input.generator,
    seed: input.seed,
    dates: input.dates,
    kpi,
    spends: input.channels.map((ch, c) => ({
      name: ch.name,
      values: input.spends[c] as Float64Array,
    })),
    controls: input.baseline.controls,
    contributions,
    baseline,
    yearlyFourier: 2,
    truth: {
      generator: input.generator,
      windowWeeks: w,
      channels,
      mediaShare: mediaTotal / windowSum(expected, w),
      noiseSd,
      noiseShare: input.noise,
      spendCorrelation: pairwiseCorrelation(input.spends, w),
      baseline: {
        kind: input.baselineKind,
        level,
        coefficients: input.baseline.coefficients,
      },
    },
  };
}
