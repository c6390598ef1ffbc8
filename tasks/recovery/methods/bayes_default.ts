/**
 * `bayes-default`: the Bayesian MMM at its config defaults (`model.kind` "bayes": geometric +
 * Hill per channel with transform parameters sampled, the default priors, chains and draws).
 * `--quick` runs {@link QUICK_SAMPLING}: two short chains, enough to exercise the path in CI, not
 * to judge the model (tests/tasks/recovery_bayes_coverage_test.ts checks coverage on the quick
 * sets with longer chains).
 *
 * @module
 */
import { estimateConfigured, type RecoveryMethod } from "../method.ts";

/** Sampling of a `--quick` run. */
export const QUICK_SAMPLING = { chains: 2, warmup: 200, draws: 100 } as const;

/** The Bayesian model at its defaults. */
export const BAYES_DEFAULT: RecoveryMethod = {
  name: "bayes-default",
  summary: 'model.kind "bayes" with every other key at its default (90% intervals from draws)',
  estimate: ({ config, data, quick, seed }) => {
    const { tuning: _, ...rest } = config;
    const model = quick ? { kind: "bayes", ...QUICK_SAMPLING } : { kind: "bayes" };
    return estimateConfigured({ ...rest, model }, data, seed);
  },
};
