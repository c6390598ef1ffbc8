/**
 * `ridge-default`: exactly what `deno task mmm fit` does with a config that sets the columns and
 * `"tuning": true` and nothing else (ridge, the default search, objectives and selection).
 * `--quick` lowers the trial budget to 1,000 so that CI can run it; the full study uses the
 * default budget.
 *
 * @module
 */
import { estimateConfigured, type RecoveryMethod } from "../method.ts";

/** Trials of a `--quick` run. */
export const QUICK_TRIALS = 1000;

/** Ridge with tuning at its defaults. */
export const RIDGE_DEFAULT: RecoveryMethod = {
  name: "ridge-default",
  summary: 'the CLI with "tuning": true and every other key at its default',
  estimate: ({ config, data, quick, seed }) =>
    estimateConfigured(
      quick ? { ...config, tuning: { trials: QUICK_TRIALS } } : config,
      data,
      seed,
    ),
};
