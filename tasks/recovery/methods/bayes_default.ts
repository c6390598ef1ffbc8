/**
 * `bayes-default`: the Bayesian MMM at its config defaults (`model.kind` "bayes": geometric +
 * Hill per channel with transform parameters sampled, the default priors, chains and draws).
 * `--quick` runs {@link QUICK_SAMPLING}: one short chain with 16 kept draws, enough to exercise the
 * path in CI, not to judge the model. The draws are few because summarising a Bayesian fit costs
 * a prediction per kept draw (up to 64) for every point of every response curve: with 100 draws
 * the summary took 47 s of a 53 s quick fit. Raise it when that gets cheaper.
 *
 * @module
 */
import { estimateConfigured, type RecoveryMethod } from "../method.ts";

/** Sampling of a `--quick` run. */
export const QUICK_SAMPLING = { chains: 1, warmup: 100, draws: 16 } as const;

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
