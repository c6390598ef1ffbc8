/**
 * Loading a saved linear model: `loadLinearModel(JSON.parse(JSON.stringify(fit)))` rebuilds a
 * model whose predictions and decompositions equal the original's bit for bit (the design is
 * rebuilt from the saved data and spec, and JSON keeps every double exactly). To load a saved
 * model of any kind, use `loadFittedModel`, which dispatches on the file's `format`.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { MmmData, ParameterRow } from "../types.ts";
import { designBasis } from "./design_matrix.ts";
import { dataFromJSON } from "./data_json.ts";
import { LinearModel, type LinearModelJson } from "./linear_model.ts";
import { specFromJSON } from "./model_spec.ts";

/**
 * Rebuilds a linear model (ridge, OLS, elastic net, conjugate Bayes) from its `toJSON()` output
 * (parsed JSON); `loadFittedModel` loads any saved model.
 *
 * @throws {ConfigError} when the value is not a saved mixlab linear model.
 *
 * @example Save and load
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { loadLinearModel } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"];
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   channels: [{ name: "tv", spend: new Float64Array([1, 3, 0, 2]) }],
 *   kpi: { name: "sales", values: new Float64Array([11, 14, 10, 12]) },
 * };
 * const fit = fitRidge(data, defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0 } }));
 * const back = loadLinearModel(JSON.parse(JSON.stringify(fit)));
 * assert.deepEqual(back.predict(data), fit.predict(data));
 * ```
 */
export function loadLinearModel(json: unknown): LinearModel {
  const j = json as Partial<LinearModelJson> | null;
  if (
    j === null || typeof j !== "object" || j.format !== "mixlab.linear-model" || j.version !== 1
  ) {
    throw new ConfigError("Cannot load model: not a mixlab.linear-model version 1 object", {
      key: "format",
      hint: "pass the parsed JSON of a fitted model's toJSON()",
    });
  }
  const spec = specFromJSON(j.spec);
  let data: MmmData;
  try {
    data = dataFromJSON(j.data);
  } catch (cause) {
    throw new ConfigError("Cannot load model: the saved training data is malformed", {
      key: "data",
      hint: "pass the parsed JSON of a fitted model's toJSON(), unchanged",
    }, { cause });
  }
  if (!Array.isArray(j.coefficients) || typeof j.intercept !== "number") {
    throw new ConfigError("Cannot load model: coefficients or intercept are missing", {
      key: "coefficients",
    });
  }
  const p = (j.coefficients ?? []).length;
  return new LinearModel({
    kind: j.kind as string,
    basis: designBasis(data, spec),
    data,
    intercept: j.intercept as number,
    coefficients: Float64Array.from(j.coefficients ?? []),
    parameters: (j.parameters ?? []).map((r: ParameterRow) => ({ ...r })),
    diagnostics: j.diagnostics ?? [],
    settings: j.settings ?? {},
    ...(Array.isArray(j.tuned) ? { tuned: j.tuned.map(String) } : {}),
    ...(j.draws && j.draws.intercept.length > 0 &&
        j.draws.coefficients.length === p * j.draws.intercept.length
      ? {
        draws: {
          intercept: Float64Array.from(j.draws.intercept),
          coefficients: Float64Array.from(j.draws.coefficients),
        },
      }
      : {}),
  });
}
