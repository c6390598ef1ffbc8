/**
 * Web Worker entry point of `fitBayesParallel`: receives a chain job and its seed, runs the
 * chain, posts progress every 10 iterations (and at the end of warmup) and then the chain (its
 * buffers transferred).
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { runChainJob } from "./_run_chain.ts";
import type { BayesChainJob } from "./fit_bayes.ts";

self.onmessage = (e: MessageEvent<{ job: BayesChainJob; seed: number; progress: boolean }>) => {
  try {
    const { job, seed, progress } = e.data;
    const chain = runChainJob(
      job,
      seed,
      progress
        ? (p) => {
          if (p.iteration % 10 === 0 || p.iteration === p.warmup) self.postMessage({ progress: p });
        }
        : undefined,
    );
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
