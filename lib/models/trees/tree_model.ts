/**
 * Tree ensembles as MMM estimators: a {@link FittedModel} around a random forest or gradient
 * boosting regressor fitted on the design matrix of a {@link ModelSpec}.
 *
 * @module
 */
import type {
  Decomposition,
  Diagnostic,
  FittedModel,
  FittedTransformParam,
  MmmData,
  ModelSpec,
  ParameterRow,
  PredictOptions,
} from "../../types.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../../display/jupyter.ts";
import { type Table, table } from "../../display/table.ts";
import { type DesignBasis, designBasis, designMatrix } from "../design_matrix.ts";
import { dataFromJSON, dataToJSON } from "../data_json.ts";
import { specFromJSON, specToJSON } from "../model_spec.ts";
import { specTransformParams } from "../fitted_params.ts";
import { type RandomForestJson, RandomForestRegressor } from "./random_forest.ts";
import { type GradientBoostingJson, GradientBoostingRegressor } from "./gradient_boosting.ts";

/** The JSON form of a {@link TreeModel}. */
export interface TreeModelJson {
  /** Always `"mixlab.tree-model"`. */
  readonly format: "mixlab.tree-model";
  /** Schema version. */
  readonly version: 1;
  /** `"random-forest"` or `"gradient-boosting"`. */
  readonly kind: "random-forest" | "gradient-boosting";
  /** The spec with scales filled in, as `specToJSON` writes it. */
  readonly spec: unknown;
  /** The training data, as `dataToJSON` writes it. */
  readonly data: unknown;
  /** The fitted regressor. */
  readonly regressor: RandomForestJson | GradientBoostingJson;
  /** Diagnostics from fitting. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A tree ensemble fitted on an MMM design. Trees have no coefficients, so `decompose` is
 * counterfactual: a channel's term is the prediction minus the prediction with that channel's
 * spend (and its history's) set to zero, and everything else, interactions included, is the
 * `"intercept"` term (the baseline). The parameters are the design columns' impurity
 * importances.
 */
export class TreeModel implements FittedModel {
  /** `"random-forest"` or `"gradient-boosting"`. */
  readonly kind: "random-forest" | "gradient-boosting";
  /** The spec, with every channel's scale filled in. */
  readonly spec: ModelSpec;
  /** The training data. */
  readonly data: MmmData;
  /** In-sample prediction. */
  readonly fitted: Float64Array;
  /** Always 0: tree ensembles give point predictions. */
  readonly nDraws = 0;
  /** One row per design column: `importance.<column>`, the normalised impurity importance. */
  readonly parameters: readonly ParameterRow[];
  /** Findings from fitting. */
  readonly diagnostics: readonly Diagnostic[];
  /** The design basis (scales, trend origin, period). */
  readonly basis: DesignBasis;
  /** The fitted regressor on the design columns. */
  readonly regressor: RandomForestRegressor | GradientBoostingRegressor;

  /** Wraps a fitted regressor; prefer `fitRandomForest`, `fitGradientBoosting` or {@link loadTreeModel}. */
  constructor(
    kind: "random-forest" | "gradient-boosting",
    basis: DesignBasis,
    data: MmmData,
    regressor: RandomForestRegressor | GradientBoostingRegressor,
    diagnostics: readonly Diagnostic[],
  ) {
    this.kind = kind;
    this.basis = basis;
    this.spec = basis.spec;
    this.data = data;
    this.regressor = regressor;
    this.diagnostics = diagnostics;
    const columns = designMatrix(data, basis, { response: false }).columns;
    this.parameters = columns.map((c, j) => ({
      name: `importance.${c.name}`,
      estimate: regressor.featureImportances[j] as number,
    }));
    this.fitted = this.predict(data);
  }

  /** The spec's transform parameters, all `"fixed"`: trees learn no transform. */
  transformParams(): readonly FittedTransformParam[] {
    return specTransformParams(this.spec);
  }

  /** Predicted KPI for `data` (rows after `options.history` when given), in KPI units. */
  predict(data: MmmData, options: PredictOptions = {}): Float64Array {
    if (options.draw !== undefined) {
      throw new RangeError(`Cannot use draw ${options.draw}: the ${this.kind} model has no draws`);
    }
    const d = designMatrix(
      data,
      this.basis,
      options.history ? { history: options.history, response: false } : { response: false },
    );
    const yHat = this.regressor.predict(d.x);
    return this.spec.specification === "log-log" ? yHat.map(Math.exp) : yHat;
  }

  /** Counterfactual terms per channel and the rest as `"intercept"`, summing to `predict`. */
  decompose(data: MmmData, options: PredictOptions = {}): Decomposition {
    const fitted = this.predict(data, options);
    const n = fitted.length;
    const baseline = Float64Array.from(fitted);
    const media = this.spec.channels.map((c) => {
      const zero = (m: MmmData): MmmData => ({
        ...m,
        channels: m.channels.map((ch) =>
          ch.name === c.name ? { name: ch.name, spend: new Float64Array(ch.spend.length) } : ch
        ),
      });
      const without = this.predict(
        zero(data),
        options.history ? { ...options, history: zero(options.history) } : options,
      );
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        values[i] = (fitted[i] as number) - (without[i] as number);
        baseline[i] = (baseline[i] as number) - (values[i] as number);
      }
      return { name: c.name, group: "media" as const, values };
    });
    return {
      dates: [...data.dates],
      terms: [{ name: "intercept", group: "intercept", values: baseline }, ...media],
      fitted,
    };
  }

  /** Plain JSON that {@link loadTreeModel} turns back into an equal model. */
  toJSON(): TreeModelJson {
    return {
      format: "mixlab.tree-model",
      version: 1,
      kind: this.kind,
      spec: specToJSON(this.spec),
      data: dataToJSON(this.data),
      regressor: this.regressor.toJSON(),
      diagnostics: this.diagnostics,
    };
  }

  /** The importance table as a displayable table. */
  parameterTable(): Table {
    return table(
      this.parameters.map((r) => ({
        column: r.name.slice("importance.".length),
        importance: r.estimate,
      })),
      { caption: `${this.kind}: impurity importance of each design column` },
    );
  }

  /** Shows the importance table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.parameterTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Rebuilds a {@link TreeModel} from its `toJSON()` output (after `JSON.stringify`/`JSON.parse`);
 * the trees are stored node by node, so predictions are equal to the bit.
 *
 * @param json The parsed JSON.
 * @returns The model.
 * @throws {TypeError} When the JSON is not a mixlab tree model.
 *
 * @example Round trip through JSON text
 * ```ts
 * import { defineModelSpec, fitGradientBoosting } from "mixlab";
 * import { loadTreeModel } from "mixlab/models/trees";
 * import assert from "node:assert/strict";
 * const dates = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: 12 }, (_, i) => (i * 5) % 7);
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   kpi: { name: "sales", values: spend.map((s) => 100 + 3 * s) },
 *   channels: [{ name: "tv", spend }],
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { trend: "none", yearlyFourier: 0 } });
 * const model = fitGradientBoosting(data, spec, { nEstimators: 10 });
 * const copy = loadTreeModel(JSON.parse(JSON.stringify(model)));
 * assert.deepEqual(copy.predict(data), model.predict(data));
 * ```
 */
export function loadTreeModel(json: unknown): TreeModel {
  const j = json as TreeModelJson;
  if (j?.format !== "mixlab.tree-model") {
    throw new TypeError('Cannot load tree model: format is not "mixlab.tree-model"');
  }
  const data = dataFromJSON(j.data);
  const basis = designBasis(data, specFromJSON(j.spec));
  const regressor = j.kind === "random-forest"
    ? RandomForestRegressor.fromJSON(j.regressor as RandomForestJson)
    : GradientBoostingRegressor.fromJSON(j.regressor as GradientBoostingJson);
  return new TreeModel(j.kind, basis, data, regressor, j.diagnostics);
}
