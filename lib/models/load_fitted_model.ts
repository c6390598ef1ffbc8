/**
 * Loading any saved model: the file's `format` says which loader rebuilds it.
 *
 * Formats: `mixlab.linear-model` (ridge, OLS, elastic net, conjugate Bayes;
 * {@link loadLinearModel}),
 * `mixlab.tree-model` (random forest, gradient boosting; {@link loadTreeModel}),
 * `mixlab.bayes-model` (the NUTS-sampled MMM, draws included; {@link loadBayesModel}),
 * `mixlab.bagged-model` (a tuned ridge averaged over its bootstrap replicates;
 * {@link loadBaggedModel}).
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { FittedModel } from "../types.ts";
import { loadBayesModel } from "./bayes/load_bayes_model.ts";
import { loadLinearModel } from "./load_linear_model.ts";
import { loadBaggedModel } from "./bagged_model.ts";
import { loadTreeModel } from "./trees/tree_model.ts";

const LOADERS: Readonly<Record<string, (json: unknown) => FittedModel>> = {
  "mixlab.linear-model": loadLinearModel,
  "mixlab.tree-model": loadTreeModel,
  "mixlab.bayes-model": loadBayesModel,
  "mixlab.bagged-model": loadBaggedModel,
};

/**
 * Rebuilds a fitted model from its saved JSON, whatever estimator made it.
 *
 * @example Saved and loaded, the model predicts the same
 * ```ts
 * import { defineModelSpec, fitRidge, loadFittedModel } from "mixlab";
 * import assert from "node:assert/strict";
 * // sales = 10 + 4 · tv spend, no carryover, no saturation: every unit of tv returns 4
 * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{
 *     name: "tv",
 *     adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" },
 *   }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
 * const loaded = loadFittedModel(JSON.parse(JSON.stringify(fit)));
 * assert.deepEqual(loaded.predict(data), fit.predict(data));
 * near(loaded.predict(data)[1]!, 10 + 4 * 3);
 * ```
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
