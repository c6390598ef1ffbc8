/**
 * What `fitGeoBayes` returns: the fields of the classical geo fit (channels, geos, national,
 * controls, r2, sigma) with 90% posterior intervals, mROAS, each geo's posterior-mean
 * coefficients, the shared transforms at their posterior means, the pooling of each channel and
 * the sampler's convergence.
 *
 * Units: spend, contributions and baselines in the data's units (KPI units, summed over the
 * weeks); ROAS = contribution ÷ spend; mROAS = [Σ_t f(1.01·spend) − Σ_t f(spend)] ÷
 * (0.01·Σ_t spend), Meridian's mROI with a 1% step. Point values are posterior means; intervals
 * are the 5% and 95% posterior quantiles.
 *
 * @module
 */
import type { ChannelSpec, Convergence, Diagnostic } from "../../../types.ts";

/** One channel's returns, nationally or in one geo. */
export interface GeoBayesReturns {
  /** Channel name. */
  readonly name: string;
  /** Spend over the fitted weeks. */
  readonly spend: number;
  /** Contribution over the fitted weeks (KPI units), posterior mean. */
  readonly contribution: number;
  /** Contribution ÷ spend, posterior mean. */
  readonly roas: number;
  /** Marginal ROAS at the observed spend (1% step), posterior mean. */
  readonly mroas: number;
  /** 90% interval of the ROAS. */
  readonly roasCi90: readonly [number, number];
  /** 90% interval of the mROAS. */
  readonly mroasCi90: readonly [number, number];
  /** 90% interval of the contribution. */
  readonly contributionCi90: readonly [number, number];
}

/** One channel in one geo: its returns and the posterior-mean coefficient of its response. */
export interface GeoBayesChannelInGeo extends GeoBayesReturns {
  /**
   * Posterior mean of β_gm on the channel's media column (KPI per person with population
   * scaling): the geo's response to spend x is `population · coefficient · media(x ÷ population)`
   * with the shared `transforms`.
   */
  readonly coefficient: number;
}

/** One geo's estimates and weekly decomposition (posterior means, KPI units). */
export interface GeoBayesGeo {
  /** Geo name. */
  readonly geo: string;
  /** Population (1 without population scaling). */
  readonly population: number;
  /** Per channel, in the fit's channel order. */
  readonly channels: readonly GeoBayesChannelInGeo[];
  /** Weekly baseline: the geo's level and trend, seasonality and controls. */
  readonly baseline: Float64Array;
  /** Weekly contribution per channel. */
  readonly contributions: readonly Float64Array[];
}

/** How much each channel's per-geo effects are pooled: η, the sd of log β_gm around log β_m. */
export interface GeoPooling {
  /** Channel name. */
  readonly name: string;
  /** Posterior mean of η. */
  readonly eta: number;
  /** Its 90% interval. */
  readonly etaCi90: readonly [number, number];
}

/** The sampler's work, for the bench and for judging a fit. */
export interface GeoSamplerStats {
  /** Mean leapfrog steps per kept draw. */
  readonly leapfrogPerDraw: number;
  /** Kept draws that hit the maximum tree depth. */
  readonly treeDepthHits: number;
  /** Step size of each chain after warmup. */
  readonly stepSizes: readonly number[];
  /** Coordinates the sampler moved in. */
  readonly dim: number;
}

/** A fitted hierarchical Bayesian geo model. */
export interface GeoBayesFit {
  /** Which model made it. */
  readonly kind: "geo-bayes";
  /** The fitted weeks (each geo has the same). */
  readonly dates: readonly string[];
  /** National returns per channel: every geo summed. */
  readonly channels: readonly GeoBayesReturns[];
  /** Per geo, in the data's geo order. */
  readonly geos: readonly GeoBayesGeo[];
  /** The national weekly decomposition: every geo summed. */
  readonly national: {
    readonly baseline: Float64Array;
    readonly contributions: readonly Float64Array[];
  };
  /** Each channel's transforms at their posterior means, with its `scale`, shared by every geo. */
  readonly transforms: readonly ChannelSpec[];
  /** Whether KPI and spend were divided by population. */
  readonly populationScaling: boolean;
  /** Shared regressors (trend, Fourier terms, controls): posterior-mean coefficient per unit. */
  readonly controls: readonly { name: string; coefficient: number }[];
  /** Per channel, the pooling of its per-geo effects. */
  readonly pooling: readonly GeoPooling[];
  /** R² of the posterior-mean fit on the (per-person) KPI. */
  readonly r2: number;
  /** Residual standard deviation (per person with population scaling), posterior mean. */
  readonly sigma: number;
  /** R-hat, bulk ESS and divergences over every sampled parameter and national ROAS. */
  readonly convergence: Convergence;
  /** The sampler's work. */
  readonly sampler: GeoSamplerStats;
  /** Warnings an analyst must see (convergence). */
  readonly warnings: readonly Diagnostic[];
}
