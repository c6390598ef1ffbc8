/**
 * Running one chain of the Bayesian MMM from its job: build the posterior, find the chain's
 * start (the mode and the Laplace metric there, unless random starts are asked for) and run
 * NUTS. The same function runs in `fitBayes` and in the Web Workers of `fitBayesParallel`, so
 * both give the same draws for a seed.
 *
 * @module
 */
import { MmmPosterior } from "./model.ts";
import { type ChainProgress, type NutsChain, sampleNutsChain } from "./nuts.ts";
import { chainStart } from "./_chain_start.ts";
import type { BayesChainJob } from "./fit_bayes.ts";

/** Runs the chain seeded `seed` of a job, reporting progress after every iteration. */
export function runChainJob(
  job: BayesChainJob,
  seed: number,
  onProgress?: (progress: ChainProgress) => void,
): NutsChain {
  const posterior = new MmmPosterior(job.input, job.posterior);
  let start = {};
  if (job.init === "mode") {
    const s = chainStart(posterior, posterior.centralPoint(), seed);
    if (Number.isFinite(s.logDensity)) {
      start = { init: s.init, ...(s.covariance ? { initMetric: s.covariance } : {}) };
    }
  }
  return sampleNutsChain(posterior, {
    ...job.nuts,
    ...start,
    seed,
    ...(onProgress ? { onProgress } : {}),
  });
}
