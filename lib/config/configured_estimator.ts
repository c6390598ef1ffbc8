/**
 * The estimator a config names, as a function of the rows to fit, with the config's settings:
 * penalty, non-negative media, guardrails, tree sizes, and a Bayesian fit's chains, priors, fixed
 * transform parameters and lift tests.
 *
 * @module
 */
import type { BayesOptions } from "../models/bayes/fit_bayes.ts";
import { fitBayes } from "../models/bayes/fit_bayes.ts";
import { fitElasticNet } from "../models/elastic_net.ts";
import { fitGradientBoosting, fitRandomForest } from "../models/trees/fit_tree_model.ts";
import { fitRidge } from "../models/ridge.ts";
import { fitOls } from "../models/ols.ts";
import { fitBayesLinear } from "../models/bayes_linear.ts";
import type { FittedModel, LiftTest, MmmData, ModelSpec } from "../types.ts";
import { withConfigKeys } from "./_config_keys.ts";
import type { MmmConfig } from "./mmm_config.ts";

/**
 * The estimator a config names, as a function of the rows to fit (so cross-validation can refit
 * it per fold). `lambda` overrides `model.lambda` (a penalty chosen by cross-validation).
 */
export function configuredEstimator(
  config: MmmConfig,
  spec: ModelSpec,
  lambda?: number,
  liftTests: readonly LiftTest[] = config.calibration?.liftTests ?? [],
): (rows: MmmData) => FittedModel {
  const model = config.model, seed = config.seed;
  const penalty = lambda ?? model.lambda ?? 1;
  switch (model.kind) {
    case "bayes":
      return (rows) => bayesFit(config, rows, liftTests, (o) => fitBayes(rows, spec, o));
    case "bayes-linear":
      return (rows) => fitBayesLinear(rows, spec, { seed, nDraws: model.draws });
    case "elasticnet":
    case "lasso":
      return (rows) =>
        fitElasticNet(rows, spec, {
          lambda: penalty,
          l1Ratio: model.kind === "lasso" ? 1 : model.l1Ratio,
          nonNegative: model.nonNegative,
          guardrails: config.guardrails,
        });
    case "random-forest":
      return (rows) =>
        fitRandomForest(rows, spec, {
          nTrees: model.trees ?? 200,
          seed,
          ...(model.maxDepth === undefined ? {} : { maxDepth: model.maxDepth }),
        });
    case "gradient-boosting":
      return (rows) =>
        fitGradientBoosting(rows, spec, {
          nEstimators: model.trees ?? 100,
          learningRate: model.learningRate,
          maxDepth: model.maxDepth ?? 3,
          seed,
        });
    case "ols":
      return (rows) =>
        fitOls(rows, spec, { nonNegative: model.nonNegative, guardrails: config.guardrails });
    default:
      return (rows) =>
        fitRidge(rows, spec, {
          lambda: penalty,
          nonNegative: model.nonNegative,
          guardrails: config.guardrails,
        });
  }
}

/**
 * A configured Bayesian fit on `rows`: the config's chains, priors and fixed transform
 * parameters, and the lift tests whose window lies within the rows (a test in the holdout weeks
 * calibrates only the final model); errors name the config's keys.
 */
export function bayesFit<T>(
  config: MmmConfig,
  rows: MmmData,
  lifts: readonly LiftTest[],
  run: (options: BayesOptions) => T,
): T {
  const model = config.model;
  const first = rows.dates[0] as string, last = rows.dates[rows.dates.length - 1] as string;
  const index = lifts.flatMap((lt, i) => (lt.start >= first && lt.end <= last ? [i] : []));
  return withConfigKeys(() =>
    run({
      chains: model.chains,
      warmup: model.warmup,
      draws: model.draws,
      seed: config.seed,
      priors: model.priors,
      fixed: fixedParams(config),
      liftTests: index.map((i) => lifts[i] as LiftTest),
    }), index);
}

/** The transform parameters a config fixes, as `"<channel>.<param>"`. */
function fixedParams(config: MmmConfig): string[] {
  return config.channels.flatMap((c) =>
    [...Object.keys(c.adstock.params), ...Object.keys(c.saturation.params)].map((p) =>
      `${c.name}.${p}`
    )
  );
}
