/**
 * The interface every search strategy implements: an ask/tell loop over the unit cube of a
 * search space's free parameters. All objectives are minimised.
 *
 * @module
 */

/**
 * A search strategy. The driver asks points for trial indices in increasing order, evaluates
 * them (possibly in parallel) and tells the results back in index order. A sampler that needs
 * whole generations sets `batchSize`, and the driver then never asks beyond a batch before
 * telling it.
 */
export interface Sampler {
  /** Strategy name, e.g. `"tpe"`. */
  readonly name: string;
  /** Number of free parameters. */
  readonly dimension: number;
  /** Trials that must be told together (a generation); undefined when any batch works. */
  readonly batchSize?: number;
  /** Writes the unit-cube point of trial `index` into `out`. */
  ask(index: number, out: Float64Array): void;
  /** Reports the objective values (to minimise) of trial `index` evaluated at `point`. */
  tell(index: number, point: Float64Array, values: Float64Array): void;
}

/** Options shared by all samplers. */
export interface SamplerOptions {
  /** Seed of the random streams; the same seed gives the same trials. @default 1 */
  readonly seed?: number;
}
