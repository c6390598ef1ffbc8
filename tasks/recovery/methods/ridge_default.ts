/**
 * `ridge-default`: exactly what `deno task mmm fit` does with a config that sets the columns and
 * `"tuning": true` and nothing else (ridge, the default search, objectives, families, selection,
 * and the bagged bootstrap estimate). `--quick` lowers the trial budget to 1,000 and the
 * bootstrap to 10 replicates of 300 trials so that CI can run it; the full study uses the
 * defaults.
 *
 * @module
 */
import { estimateConfigured, type RecoveryMethod } from "../method.ts";

/** Trials of a `--quick` run. */
export const QUICK_TRIALS = 1000;

/** The bootstrap of a `--quick` run. */
export const QUICK_BOOTSTRAP = { replicates: 10, trials: 300 } as const;

/** Ridge with tuning at its defaults. */
export const RIDGE_DEFAULT: RecoveryMethod = {
  name: "ridge-default",
  summary: 'the CLI with "tuning": true and every other key at its default',
  estimate: ({ config, data, quick, seed }) =>
    estimateConfigured(
      quick ? { ...config, tuning: { trials: QUICK_TRIALS }, bootstrap: QUICK_BOOTSTRAP } : config,
      data,
      seed,
    ),
};
