/**
 * Loading any saved model: the file's `format` says which loader rebuilds it.
 *
 * Formats: `mixlab.linear-model` (ridge, OLS, elastic net, conjugate Bayes; {@link loadModel}),
 * `mixlab.tree-model` (random forest, gradient boosting; {@link loadTreeModel}),
 * `mixlab.bayes-model` (the NUTS-sampled MMM, draws included; {@link loadBayesModel}).
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { FittedModel } from "../types.ts";
import { loadBayesModel } from "./bayes/load_bayes_model.ts";
import { loadModel } from "./load_model.ts";
import { loadTreeModel } from "./trees/tree_model.ts";

const LOADERS: Readonly<Record<string, (json: unknown) => FittedModel>> = {
  "mixlab.linear-model": loadModel,
  "mixlab.tree-model": loadTreeModel,
  "mixlab.bayes-model": loadBayesModel,
};

/**
 * Rebuilds a fitted model from its saved JSON, whatever estimator made it.
 *
 * @throws {ConfigError} when the JSON is not a saved mixlab model
 */
export function loadFittedModel(json: unknown): FittedModel {
  const format = (json as { format?: unknown } | null)?.format;
  const loader = typeof format === "string" ? LOADERS[format] : undefined;
  if (!loader) {
    throw new ConfigError(
      `Cannot load model: format ${JSON.stringify(format)} is not one of ${
        Object.keys(LOADERS).map((f) => `"${f}"`).join(", ")
      }`,
      { key: "format", hint: "pass the model.json that `mmm fit` wrote" },
    );
  }
  return loader(json);
}
