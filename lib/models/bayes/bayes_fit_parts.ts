/**
 * The parts a Bayesian fit is assembled from and its saved form (`"mixlab.bayes-model"`): the
 * sampled parameters, the sampler's record, the priors, and the posterior summary rows.
 *
 * @module
 */
import type { Diagnostic, LiftTest, MmmData, ModelSpec } from "../../types.ts";
import type { ModelSpecJson } from "../model_spec.ts";
import type { PosteriorParameterGroup } from "./posterior_input.ts";
import type { Prior } from "./priors.ts";

/** One row of the posterior summary, in reporting units (see the module doc). */
export interface PosteriorSummaryRow {
  /** Parameter name. */
  readonly name: string;
  /** Its role. */
  readonly group: PosteriorParameterGroup;
  /** Posterior mean. */
  readonly mean: number;
  /** Posterior standard deviation. */
  readonly sd: number;
  /** Lower end of the central interval. */
  readonly lower: number;
  /** Posterior median. */
  readonly median: number;
  /** Upper end of the central interval. */
  readonly upper: number;
  /** Rank-normalised split R-hat. */
  readonly rhat: number;
  /** Bulk effective sample size. */
  readonly essBulk: number;
  /** Tail effective sample size. */
  readonly essTail: number;
}

/** Sampler statistics of a fit, summed or reduced over chains. */
export interface SamplerSummary {
  /** Chains run. */
  readonly chains: number;
  /** Kept draws per chain. */
  readonly drawsPerChain: number;
  /** Post-warmup divergent transitions, all chains. */
  readonly divergences: number;
  /** Post-warmup transitions that hit the maximum tree depth. */
  readonly treeDepthHits: number;
  /** Largest R-hat over parameters. */
  readonly rhatMax: number;
  /** Smallest bulk ESS over parameters. */
  readonly essBulkMin: number;
  /** Smallest tail ESS over parameters. */
  readonly essTailMin: number;
  /** Adapted step size of each chain. */
  readonly stepSizes: readonly number[];
  /** Mean leapfrog steps per draw. */
  readonly meanLeapfrogSteps: number;
}

/** A sampled parameter: its name and role; transform parameters name their channel and parameter. */
export interface BayesParameterInfo {
  /** Parameter name, as in the summary. */
  readonly name: string;
  /** Its role. */
  readonly group: PosteriorParameterGroup;
  /** Channel index (media, adstock and saturation parameters). */
  readonly channel?: number;
  /** Transform parameter name (adstock and saturation parameters). */
  readonly param?: string;
}

/** Sampler statistics that cannot be recomputed from the draws. */
export interface SamplerRecord {
  /** Post-warmup divergent transitions, all chains. */
  readonly divergences: number;
  /** Post-warmup transitions that hit the maximum tree depth. */
  readonly treeDepthHits: number;
  /** Adapted step size of each chain. */
  readonly stepSizes: readonly number[];
  /** Mean leapfrog steps per draw. */
  readonly meanLeapfrogSteps: number;
}

/**
 * The prior of a channel's media coefficient or ROAS, or of a transform parameter, as the fit
 * used it: ROAS priors in ROAS units, coefficient priors in reporting units (KPI units, or log
 * KPI for log-log), transform priors in the transform's units.
 */
export interface PriorRecord {
  /** Parameter name (`"tv"`, `"tv.decay"`). */
  readonly name: string;
  /** The config key that sets it (`"tv.roas"`, `"decay"`, …). */
  readonly key: string;
  /** The prior. */
  readonly prior: Prior;
  /** For a channel: whether the prior is on its ROAS or on its coefficient. */
  readonly mediaPrior?: "roas" | "coefficient";
}

/** What a {@link BayesFit} is made of. */
export interface BayesFitParts {
  /** Training data. */
  readonly data: MmmData;
  /** The spec with every channel's scale filled in. */
  readonly spec: ModelSpec;
  /** Probability of the central intervals. */
  readonly level: number;
  /** The parameters, in draw column order. */
  readonly parameters: readonly BayesParameterInfo[];
  /** Draws in reporting units, row-major (draws × parameters), chain after chain. */
  readonly draws: Float64Array;
  /** Number of chains (the draws split evenly among them). */
  readonly chains: number;
  /** Sampler statistics. */
  readonly sampler: SamplerRecord;
  /** Lift tests in the likelihood. @default [] */
  readonly liftTests?: readonly LiftTest[];
  /** Priors of the channels and transform parameters. @default [] */
  readonly priors?: readonly PriorRecord[];
  /** Findings from before sampling (the pre-fit check), kept with the convergence ones. @default [] */
  readonly warnings?: readonly Diagnostic[];
}

/** The saved form of a {@link BayesFit}. */
export interface BayesModelJson {
  /** Always `"mixlab.bayes-model"`. */
  readonly format: "mixlab.bayes-model";
  /** Schema version. */
  readonly version: 1;
  /** Always `"bayes"`. */
  readonly kind: "bayes";
  /** The spec, with scales. */
  readonly spec: ModelSpecJson;
  /** The training data. */
  readonly data: unknown;
  /** Interval probability. */
  readonly level: number;
  /** Parameters in draw column order. */
  readonly parameters: readonly BayesParameterInfo[];
  /** Number of chains. */
  readonly chains: number;
  /** Sampler statistics. */
  readonly sampler: SamplerRecord;
  /** Draws, row-major (draws × parameters). */
  readonly draws: readonly number[];
  /** Summary at save time (informative; recomputed on load). */
  readonly summary: readonly PosteriorSummaryRow[];
  /** Lift tests in the likelihood. */
  readonly liftTests?: readonly LiftTest[];
  /** Priors of the channels and transform parameters. */
  readonly priors?: readonly PriorRecord[];
  /** Findings from before sampling. */
  readonly warnings?: readonly Diagnostic[];
}
