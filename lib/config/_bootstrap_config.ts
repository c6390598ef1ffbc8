/**
 * The config's `bootstrap` section: block-bootstrap intervals of the classical fits.
 *
 * @module
 */
import { fail, integer, object } from "./_config_reader.ts";
import type { ModelConfig } from "./_model_config.ts";

/** Block-bootstrap intervals of the classical fits (ROAS, mROAS, contribution). */
export interface BootstrapConfig {
  /** Number of replicates. */
  readonly replicates: number;
  /** Trials of each replicate's re-tuning (tuned fits only). */
  readonly trials: number;
  /** Rows per resampled block; undefined for n^(1/3). */
  readonly blockLength?: number;
}

/** Bootstrap replicates of a fit with fixed transforms. */
const DEFAULT_REPLICATES = 100;
/** Bootstrap replicates of a tuned fit (each re-tunes). */
const DEFAULT_TUNED_REPLICATES = 30;
/** Trials of each tuned replicate's search. */
const DEFAULT_REPLICATE_TRIALS = 1000;

/**
 * `bootstrap`: false, true, or `{ replicates, trials, blockLength }`. On by default for the
 * linear kinds (ridge, OLS, elastic net, lasso); Bayesian fits have draws instead, and tree
 * models are refitted only when asked (true or an object), being slow to refit.
 */
export function parseBootstrap(
  value: unknown,
  kind: ModelConfig["kind"],
  tuned: boolean,
): BootstrapConfig | undefined {
  const linear = kind === "ridge" || kind === "ols" || kind === "elasticnet" || kind === "lasso";
  if (value === false || (value === undefined && !linear)) return undefined;
  if (kind === "bayes" || kind === "bayes-linear") {
    fail("bootstrap", "does not apply to Bayesian fits, whose intervals come from their draws");
  }
  const b = value === undefined || value === true
    ? {}
    : object(value, "bootstrap", ["replicates", "trials", "blockLength"]);
  return {
    replicates: b.replicates === undefined
      ? tuned ? DEFAULT_TUNED_REPLICATES : DEFAULT_REPLICATES
      : integer(b.replicates, "bootstrap.replicates", 2, 10_000),
    trials: b.trials === undefined
      ? DEFAULT_REPLICATE_TRIALS
      : integer(b.trials, "bootstrap.trials", 1, 1_000_000),
    ...(b.blockLength === undefined
      ? {}
      : { blockLength: integer(b.blockLength, "bootstrap.blockLength", 1, 520) }),
  };
}
