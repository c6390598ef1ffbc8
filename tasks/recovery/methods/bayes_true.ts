/**
 * `bayes-true`: the Bayesian MMM with every channel's true transforms fixed in the config (as
 * `ols-true`), so only the coefficients, baseline and noise are sampled: what the priors and the
 * likelihood give when the transforms are right. Beside `bayes-default` it separates the cost of
 * not knowing the transforms from the rest. `--quick` samples as `bayes-default` does.
 *
 * @module
 */
import { estimateConfigured, type RecoveryMethod } from "../method.ts";
import { trueConfig } from "../mixlab_input.ts";
import { QUICK_SAMPLING } from "./bayes_default.ts";

/** The Bayesian model at the true transforms. */
export const BAYES_TRUE: RecoveryMethod = {
  name: "bayes-true",
  summary: 'model.kind "bayes" with every channel\'s true transforms fixed (priors at default)',
  estimate: ({ set, data, quick, seed }) =>
    estimateConfigured(
      trueConfig(set, quick ? { kind: "bayes", ...QUICK_SAMPLING } : { kind: "bayes" }),
      data,
      seed,
    ),
};
