/**
 * A geo chain job (everything a chain needs, structured-cloneable) and its runner, the same in
 * the calling thread and in the Web Workers.
 *
 * @module
 */
import type { ChainProgress, NutsChain } from "../../bayes/nuts.ts";
import { type ChainSettings, runChain } from "../../bayes/_run_chain.ts";
import { GeoPosterior } from "./geo_posterior.ts";
import type { GeoPosteriorInput, GeoPosteriorOptions } from "./geo_posterior_input.ts";

/** Everything a geo chain needs. */
export interface GeoChainJob extends ChainSettings {
  /** The posterior's inputs. */
  readonly input: GeoPosteriorInput;
  /** Priors and fixed transforms. */
  readonly posterior: GeoPosteriorOptions;
}

/** Runs the chain seeded `seed` of a geo job. */
export function runGeoChainJob(
  job: GeoChainJob,
  seed: number,
  onProgress?: (progress: ChainProgress) => void,
): NutsChain {
  return runChain(new GeoPosterior(job.input, job.posterior), job, seed, onProgress);
}
