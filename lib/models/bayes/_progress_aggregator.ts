/**
 * Collecting the progress reports of a fit's chains into {@link SamplingProgress} snapshots for
 * `fitBayes` / `fitBayesParallel`'s `onProgress`.
 *
 * @module
 */
import type { ChainProgress } from "./nuts.ts";
import type { SamplingProgress } from "./sampling_progress.ts";

/**
 * Collects chain reports into {@link SamplingProgress} snapshots, passing them on at most every
 * `intervalMs` (and always when every chain is done).
 */
export class ProgressAggregator {
  readonly #chains: (ChainProgress | undefined)[];
  readonly #total: number;
  readonly #onProgress: (p: SamplingProgress) => void;
  readonly #intervalMs: number;
  readonly #start = performance.now();
  #last = -Infinity;

  /**
   * @param chains Number of chains.
   * @param perChain Iterations per chain (warmup + draws).
   * @param onProgress Receives the snapshots.
   * @param intervalMs Least time between snapshots. @default 200
   */
  constructor(
    chains: number,
    perChain: number,
    onProgress: (p: SamplingProgress) => void,
    intervalMs = 200,
  ) {
    this.#chains = new Array(chains).fill(undefined);
    this.#total = chains * perChain;
    this.#onProgress = onProgress;
    this.#intervalMs = intervalMs;
  }

  /** Records chain k's report and passes a snapshot on when one is due. */
  report(k: number, c: ChainProgress): void {
    this.#chains[k] = c;
    let done = 0;
    for (const x of this.#chains) done += x?.iteration ?? 0;
    const now = performance.now();
    if (done < this.#total && now - this.#last < this.#intervalMs) return;
    this.#last = now;
    const elapsedMs = now - this.#start;
    this.#onProgress({
      chains: [...this.#chains],
      done,
      total: this.#total,
      elapsedMs,
      etaMs: done > 0 ? (elapsedMs * (this.#total - done)) / done : 0,
    });
  }
}
