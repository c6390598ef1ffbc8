/**
 * Web Worker entry point of `fitBayesParallel`: receives a chain job, runs one NUTS chain on the
 * MMM posterior and posts the chain back (its buffers transferred).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { MmmPosterior } from "./model.ts";
import { sampleNutsChain } from "./nuts.ts";
import type { BayesChainJob } from "./fit_bayes.ts";

self.onmessage = (e: MessageEvent<BayesChainJob>) => {
  try {
    const job = e.data;
    const chain = sampleNutsChain(new MmmPosterior(job.input, job.posterior), job.nuts);
    self.postMessage({ chain }, [
      chain.draws.buffer,
      chain.logDensity.buffer,
      chain.acceptStat.buffer,
      chain.treeDepth.buffer,
      chain.leapfrogSteps.buffer,
      chain.divergent.buffer,
      chain.energy.buffer,
      chain.inverseMetric.buffer,
    ]);
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
