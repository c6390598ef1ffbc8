/**
 * What `fitGeoBayes` returns: the shared {@link GeoFit} of every geo model (kind `"geo-bayes"`),
 * whose intervals are always there (5% and 95% posterior quantiles; point values are posterior
 * means), with what only the Bayesian model has: each channel's pooling (η), the shared
 * regressors' coefficients, and the sampler's convergence and work.
 *
 * @module
 */
import type { Convergence } from "../../../types.ts";
import type { Ci90, GeoChannelInGeo, GeoChannelReturns, GeoFit, GeoResult } from "../geo_fit.ts";

/** One channel's returns with their 90% posterior intervals. */
export interface GeoBayesReturns extends GeoChannelReturns {
  /** 90% interval of the ROAS. */
  readonly roasCi90: Ci90;
  /** 90% interval of the mROAS. */
  readonly mroasCi90: Ci90;
  /** 90% interval of the contribution. */
  readonly contributionCi90: Ci90;
}

/** One channel in one geo: returns with intervals, and the posterior-mean coefficient β_gm. */
export interface GeoBayesChannelInGeo extends GeoBayesReturns {
  /** Posterior mean of β_gm on the channel's media column (per person with population scaling). */
  readonly coefficient: GeoChannelInGeo["coefficient"];
}

/** One geo's estimates (posterior means, KPI units). */
export interface GeoBayesGeo extends GeoResult {
  /** Per channel, in the fit's channel order. */
  readonly channels: readonly GeoBayesChannelInGeo[];
}

/** How much each channel's per-geo effects are pooled: η, the sd of log β_gm around log β_m. */
export interface GeoPooling {
  /** Channel name. */
  readonly name: string;
  /** Posterior mean of η. */
  readonly eta: number;
  /** Its 90% interval. */
  readonly etaCi90: Ci90;
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

/** A fitted hierarchical Bayesian geo model: a {@link GeoFit} with the Bayesian extras. */
export interface GeoBayesFit extends GeoFit {
  /** Which model made it. */
  readonly kind: "geo-bayes";
  /** National returns per channel with intervals: every geo summed. */
  readonly channels: readonly GeoBayesReturns[];
  /** Per geo, in the data's geo order. */
  readonly geos: readonly GeoBayesGeo[];
  /** Shared regressors (trend, Fourier terms, controls): posterior-mean coefficient per unit. */
  readonly controls: readonly { name: string; coefficient: number }[];
  /** Per channel, the pooling of its per-geo effects. */
  readonly pooling: readonly GeoPooling[];
  /** R-hat, bulk ESS and divergences over every sampled parameter and national contribution. */
  readonly convergence: Convergence;
  /** The sampler's work. */
  readonly sampler: GeoSamplerStats;
}
