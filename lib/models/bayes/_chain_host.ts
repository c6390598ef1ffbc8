/**
 * The inside of a chain Web Worker, shared by every model's worker module: receives a chain job
 * and its seed, runs the chain, posts progress every 10 iterations (and at the end of warmup)
 * and then the chain (its buffers transferred), or the error's message.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { ChainProgress, NutsChain } from "./nuts.ts";

/** Serves chain jobs in this worker with `run` (a model's chain runner). */
export function serveChains<J>(
  run: (job: J, seed: number, onProgress?: (progress: ChainProgress) => void) => NutsChain,
): void {
  self.onmessage = (e: MessageEvent<{ job: J; seed: number; progress: boolean }>) => {
    try {
      const { job, seed, progress } = e.data;
      const chain = run(
        job,
        seed,
        progress
          ? (p) => {
            if (p.iteration % 10 === 0 || p.iteration === p.warmup) {
              self.postMessage({ progress: p });
            }
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
}
