/**
 * Fitting tree ensembles on an MMM: the design of a {@link ModelSpec} (transformed media,
 * controls, trend, seasonality, events) goes into a random forest or gradient boosting.
 *
 * @module
 */
import { FitError } from "../../errors.ts";
import type { Diagnostic, MmmData, ModelSpec } from "../../types.ts";
import { type DesignBasis, designBasis, designMatrix } from "../design_matrix.ts";
import { type GradientBoostingOptions, GradientBoostingRegressor } from "./gradient_boosting.ts";
import { type RandomForestOptions, RandomForestRegressor } from "./random_forest.ts";
import { TreeModel } from "./tree_model.ts";

function prepare(data: MmmData, spec: ModelSpec): {
  basis: DesignBasis;
  x: ReturnType<typeof designMatrix>["x"];
  y: Float64Array;
} {
  const basis = designBasis(data, spec);
  const d = designMatrix(data, basis);
  if (d.y === undefined) throw new FitError("Cannot fit tree model: the design has no response");
  return { basis, x: d.x, y: d.y };
}

function finish(
  kind: "random-forest" | "gradient-boosting",
  basis: DesignBasis,
  data: MmmData,
  regressor: ConstructorParameters<typeof TreeModel>[3],
): TreeModel {
  const notes: Diagnostic[] = [{
    level: "info",
    code: "tree-counterfactual-decomposition",
    message:
      "Channel contributions are counterfactual (prediction minus prediction with the channel's spend at zero); interactions between channels stay in the baseline, and trees predict flat beyond the spend seen in training",
  }];
  const model = new TreeModel(kind, basis, data, regressor, notes);
  const negative: Diagnostic[] = [];
  for (const t of model.decompose(data).terms) {
    if (t.group !== "media") continue;
    let total = 0;
    for (const v of t.values) total += v;
    if (total < 0) {
      negative.push({
        level: "warning",
        code: "tree-negative-contribution",
        subject: t.name,
        message: `"${t.name}" has a negative total contribution (${
          total.toPrecision(3)
        }): the trees found more KPI without its spend, which usually means it is confounded with the baseline`,
      });
    }
  }
  return negative.length === 0
    ? model
    : new TreeModel(kind, basis, data, regressor, [...notes, ...negative]);
}

/**
 * Fits a random forest on the design of `spec` (a nonlinear comparison model: no additivity or
 * sign constraints). For the log-log specification the forest is fitted on log KPI and
 * predictions are exponentiated.
 *
 * @param data Training data.
 * @param spec The model spec (channels, transforms, controls, baseline).
 * @param options Forest settings (trees, feature fraction, depth, seed).
 * @returns A {@link TreeModel}.
 * @throws {FitError} When a channel has no spend (from the design).
 * @throws {ConfigError} When the spec names a channel or control missing from the data.
 *
 * @example Two step-shaped channels are separated exactly
 * ```ts
 * import { defineModelSpec, fitRandomForest } from "mixlab";
 * import assert from "node:assert/strict";
 * const n = 16;
 * const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const tv = Float64Array.from({ length: n }, (_, i) => (i % 2) * 10);
 * const radio = Float64Array.from({ length: n }, (_, i) => (Math.floor(i / 2) % 2) * 4);
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   kpi: { name: "sales", values: tv.map((t, i) => 100 + (t > 0 ? 5 : 0) + (radio[i]! > 0 ? 3 : 0)) },
 *   channels: [{ name: "tv", spend: tv }, { name: "radio", spend: radio }],
 * };
 * const noCarryover = { adstock: { kind: "geometric", params: { decay: 0 } } };
 * const spec = defineModelSpec({
 *   channels: { tv: noCarryover, radio: noCarryover },
 *   baseline: { trend: "none", yearlyFourier: 0 },
 * });
 * const model = fitRandomForest(data, spec, { bootstrap: false, maxFeatures: 1, nTrees: 1 });
 * const [base, tvTerm] = model.decompose(data).terms;
 * assert.deepEqual(Array.from(base!.values), new Array(n).fill(100));
 * assert.deepEqual(Array.from(tvTerm!.values), Array.from(tv, (t) => (t > 0 ? 5 : 0)));
 * ```
 */
export function fitRandomForest(
  data: MmmData,
  spec: ModelSpec,
  options: RandomForestOptions = {},
): TreeModel {
  const { basis, x, y } = prepare(data, spec);
  return finish("random-forest", basis, data, RandomForestRegressor.fit(x, y, options));
}

/**
 * Fits least-squares gradient boosting on the design of `spec`; otherwise as
 * {@link fitRandomForest}.
 *
 * @param data Training data.
 * @param spec The model spec.
 * @param options Boosting settings (stages, learning rate, depth, subsample, seed).
 * @returns A {@link TreeModel}.
 * @throws {FitError} When a channel has no spend (from the design).
 * @throws {ConfigError} When the spec names a channel or control missing from the data.
 *
 * @example Decomposition terms add up to the prediction
 * ```ts
 * import { defineModelSpec, fitGradientBoosting } from "mixlab";
 * import assert from "node:assert/strict";
 * const dates = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: 20 }, (_, i) => (i * 3) % 5);
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   kpi: { name: "sales", values: spend.map((s, i) => 50 + 4 * Math.sqrt(s) + (i % 3)) },
 *   channels: [{ name: "search", spend }],
 * };
 * const model = fitGradientBoosting(data, defineModelSpec({ channels: ["search"] }));
 * const d = model.decompose(data);
 * const sum = d.terms.reduce((s, t) => s + t.values[7]!, 0);
 * assert.ok(Math.abs(sum - d.fitted[7]!) < 1e-9);
 * ```
 */
export function fitGradientBoosting(
  data: MmmData,
  spec: ModelSpec,
  options: GradientBoostingOptions = {},
): TreeModel {
  const { basis, x, y } = prepare(data, spec);
  return finish("gradient-boosting", basis, data, GradientBoostingRegressor.fit(x, y, options));
}
