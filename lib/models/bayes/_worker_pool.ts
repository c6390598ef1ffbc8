/**
 * Running a fit's chains in Web Workers, one chain per worker at a time: chain k gets seed
 * `seed + k`, progress reports go to a {@link ProgressAggregator}, and a worker's error becomes
 * a {@link FitError} naming the chain. Any model's worker module (`serveChains`) can be used.
 *
 * @module
 */
import { FitError } from "../../errors.ts";
import type { ChainProgress, NutsChain } from "./nuts.ts";
import type { ProgressAggregator } from "./_progress_aggregator.ts";

/** What {@link runChainsInWorkers} needs besides the job. */
export interface WorkerPoolPlan {
  /** The worker module (it calls `serveChains`). */
  readonly worker: URL;
  /** Number of chains. */
  readonly chains: number;
  /** Seed of chain 0. */
  readonly seed: number;
  /** Iterations per chain, warmup included. */
  readonly perChain: number;
  /** Coordinates of the posterior. */
  readonly dim: number;
  /** Number of workers. */
  readonly workers: number;
  /** Where progress goes. */
  readonly progress: ProgressAggregator | undefined;
}

/**
 * Runs the chains of `job` in `plan.workers` Web Workers.
 *
 * @throws {RangeError} When `workers` is not a positive integer.
 * @throws {FitError} When a chain fails in its worker.
 */
export async function runChainsInWorkers<J>(job: J, plan: WorkerPoolPlan): Promise<NutsChain[]> {
  const { workers, progress } = plan;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(
      `Cannot fit Bayesian model: "workers" must be a positive integer, current value is ${workers}`,
    );
  }
  const chains: NutsChain[] = new Array(plan.chains);
  let next = 0;
  const runWorker = async () => {
    const worker = new Worker(plan.worker.href, { type: "module" });
    try {
      while (next < plan.chains) {
        const k = next++;
        chains[k] = await new Promise<NutsChain>((resolve, reject) => {
          worker.onmessage = (
            e: MessageEvent<{ chain?: NutsChain; progress?: ChainProgress; error?: string }>,
          ) => {
            if (e.data.progress !== undefined) progress?.report(k, e.data.progress);
            else if (e.data.chain !== undefined) {
              const c = e.data.chain;
              progress?.report(k, {
                iteration: plan.perChain,
                warmup: plan.perChain - c.draws.length / plan.dim,
                draws: c.draws.length / plan.dim,
                phase: "sampling",
                divergences: c.divergent.reduce((a, b) => a + b, 0),
                leapfrogSteps: c.leapfrogSteps[c.leapfrogSteps.length - 1] ?? 0,
              });
              resolve(c);
            } else {
              reject(
                new FitError(`Cannot run chain ${k}: ${e.data.error ?? "the worker failed"}`),
              );
            }
          };
          worker.onerror = (e: ErrorEvent) => {
            e.preventDefault();
            reject(new FitError(`Cannot run chain ${k}: ${e.message}`));
          };
          worker.postMessage({ job, seed: plan.seed + k, progress: progress !== undefined });
        });
      }
    } finally {
      worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, plan.chains) }, runWorker));
  return chains;
}
