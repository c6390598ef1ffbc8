/**
 * The Bayesian model's default priors that do not depend on a transform (the transforms' own are
 * in `transform_priors.ts`).
 *
 * @module
 */
import type { Prior } from "./priors.ts";

/** The default priors that do not depend on a transform. */
export interface DefaultPriors {
  /** ROAS of each channel (linear specification). */
  readonly roas: Prior;
  /** Coefficient β of each channel without a ROAS prior, on the scaled KPI. */
  readonly coefficient: Prior;
  /** The mean baseline α on the scaled KPI. */
  readonly intercept: Prior;
  /** Each baseline regressor's γ (per standard deviation of the regressor, scaled KPI). */
  readonly baseline: Prior;
  /** The residual standard deviation σ on the scaled KPI. */
  readonly sigma: Prior;
}

/**
 * The default priors for a scaled KPI ỹ (mean |ỹ| = 1) with J baseline regressors, s the
 * standard deviation of ỹ:
 *
 * - ROAS ~ LogNormal(0.2, 0.9), Meridian's default `roi` prior (anchors.md §3a): median 1.2,
 *   90% between 0.28 and 5.4;
 * - α (the mean baseline) ~ Normal(1, 0.3): the baseline is most of a KPI whose mean is 1 —
 *   90% between 0.5 and 1.5 of it — and below zero with probability 0.04%. With the ROAS priors
 *   it decides how the KPI's level is split between baseline and media where the data cannot,
 *   so that media cannot take the intercept's place;
 * - γ_j ~ Normal(0, s/√J): together the baseline regressors move the KPI by about its own
 *   standard deviation (on standardised variables a single slope is a correlation); wider γ
 *   priors let trend and seasonality push the baseline below zero in some week;
 * - σ ~ HalfNormal(s): the noise is not larger than the KPI's own variation;
 * - β ~ HalfNormal(1), for channels without a ROAS prior (`fitBayes` sets a narrower one for
 *   the log-log specification).
 *
 * Under these priors a baseline that is negative in some week has a prior probability of a few
 * percent (`priorPredictive` reports it for a data set).
 *
 * @param y The scaled KPI.
 * @param regressors The number J of baseline regressors. @default 1
 * @returns The priors.
 *
 * @example The baseline prior scales with the KPI's variation
 * ```ts
 * import { defaultPriors } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const p = defaultPriors(Float64Array.of(0.5, 1.5, 0.5, 1.5), 4);
 * assert.deepEqual(p.baseline, { dist: "normal", mu: 0, sigma: 0.25 });
 * ```
 */
export function defaultPriors(y: Float64Array, regressors = 1): DefaultPriors {
  const n = y.length;
  let m = 0;
  for (let t = 0; t < n; t++) m += (y[t] as number) / n;
  let v = 0;
  for (let t = 0; t < n; t++) v += ((y[t] as number) - m) ** 2 / n;
  const s = Math.sqrt(v) > 0 ? Math.sqrt(v) : 1;
  return {
    roas: { dist: "lognormal", mu: 0.2, sigma: 0.9 },
    coefficient: { dist: "halfnormal", sigma: 1 },
    intercept: { dist: "normal", mu: 1, sigma: 0.3 },
    baseline: { dist: "normal", mu: 0, sigma: s / Math.sqrt(Math.max(1, regressors)) },
    sigma: { dist: "halfnormal", sigma: s },
  };
}
