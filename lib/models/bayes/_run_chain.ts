/**
 * Running one chain from its job: build the posterior, find the chain's start (the mode and the
 * Laplace metric there, unless random starts are asked for) and run NUTS. The same function runs
 * in the calling thread and in the Web Workers (`_worker_pool.ts`), so both give the same draws
 * for a seed. {@link runChain} is model-agnostic (the national MMM and the geo model use it);
 * {@link runChainJob} is the national MMM's.
 *
 * @module
 */
import { MmmPosterior } from "./model.ts";
import {
  type ChainProgress,
  type LogDensity,
  type NutsChain,
  type NutsOptions,
  sampleNutsChain,
} from "./nuts.ts";
import { chainStart } from "./_chain_start.ts";
import type { BayesChainJob } from "./fit_bayes.ts";

/** A posterior a chain can start from: a log density with a central starting point. */
export interface ChainTarget extends LogDensity {
  /** A central point of the unconstrained space (the priors' medians, data-informed levels). */
  centralPoint(): Float64Array;
}

/** The sampler settings of a chain job, whatever the model. */
export interface ChainSettings {
  /** Sampler settings (each chain gets its own seed). */
  readonly nuts: NutsOptions;
  /** Where chains start: the mode with the Laplace metric, or Stan's random start. */
  readonly init: "mode" | "random";
}

/** Runs the chain seeded `seed` on `target`, reporting progress after every iteration. */
export function runChain(
  target: ChainTarget,
  settings: ChainSettings,
  seed: number,
  onProgress?: (progress: ChainProgress) => void,
): NutsChain {
  let start = {};
  if (settings.init === "mode") {
    const s = chainStart(target, target.centralPoint(), seed);
    if (Number.isFinite(s.logDensity)) {
      start = { init: s.init, ...(s.covariance ? { initMetric: s.covariance } : {}) };
    }
  }
  return sampleNutsChain(target, {
    ...settings.nuts,
    ...start,
    seed,
    ...(onProgress ? { onProgress } : {}),
  });
}

/** Runs the chain seeded `seed` of a national MMM job, reporting progress after every iteration. */
export function runChainJob(
  job: BayesChainJob,
  seed: number,
  onProgress?: (progress: ChainProgress) => void,
): NutsChain {
  return runChain(new MmmPosterior(job.input, job.posterior), job, seed, onProgress);
}
