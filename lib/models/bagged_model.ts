/**
 * A bagged linear model (Breiman 1996, "Bagging predictors", Machine Learning 24): the average
 * of linear models that each carry their own transforms and coefficients, typically the
 * replicates of a tuned model's block bootstrap, each of which chose its own adstock and
 * saturation parameters. Tuning selects among candidates whose fits are nearly equal but whose
 * ROAS differ widely; averaging over the bootstrap's selections is steadier than any one
 * selection (README, "Tuning defaults").
 *
 * It behaves like a Bayesian fit with draws: without `draw`, predictions and decompositions are
 * the mean over the members (so terms still sum to the prediction); with `draw: i`, member i's.
 * Its `spec` and parameter table are those of the `reference` model (the tuning run's chosen
 * candidate), whose transforms the carryover and saturation charts show.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type {
  Decomposition,
  Diagnostic,
  FittedModel,
  FittedTransformParam,
  MmmData,
  ParameterRow,
  PredictOptions,
  Term,
} from "../types.ts";
import { JUPYTER_DISPLAY } from "../display/jupyter.ts";
import { warningsTable } from "../guardrails/warnings_table.ts";
import { designBasis } from "./design_matrix.ts";
import { FittedModelBase } from "./fitted_model_base.ts";
import { LinearModel } from "./linear_model.ts";
import { specFromJSON, specToJSON } from "./model_spec.ts";
import { loadLinearModel } from "./load_linear_model.ts";
import { transformRows } from "./_rows.ts";

/** One member of a saved bagged model: its spec (scales filled) and coefficients. */
export interface BaggedMemberJson {
  /** The member's spec, scales filled in. */
  readonly spec: unknown;
  /** Its intercept. */
  readonly intercept: number;
  /** Its coefficients, in its design's column order. */
  readonly coefficients: readonly number[];
  /** Its estimator settings (λ, standardisation, sign constraint). */
  readonly settings: Readonly<Record<string, number | string | boolean>>;
}

/** The JSON form of a {@link BaggedModel}. */
export interface BaggedModelJson {
  /** Always `"mixlab.bagged-model"`. */
  readonly format: "mixlab.bagged-model";
  /** Schema version. */
  readonly version: 1;
  /** The reference model, in full (its training data serves every member). */
  readonly reference: unknown;
  /** The members, without their data. */
  readonly members: readonly BaggedMemberJson[];
  /** Diagnostics of the bagged model. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The reference model's parameter table, each transform parameter's interval its 5%–95% range
 * over the members.
 */
function memberRanges(
  reference: LinearModel,
  members: readonly LinearModel[],
): readonly ParameterRow[] {
  return reference.parameters.map((row) => {
    const values = members.map((m) => m.parameters.find((r) => r.name === row.name)?.estimate)
      .filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    if (values.length < members.length || !row.name.includes(".")) return row;
    const q = (p: number) => values[Math.min(values.length - 1, Math.floor(p * values.length))];
    return { ...row, lower: q(0.05) as number, upper: q(0.95) as number };
  });
}

/**
 * The average of linear models on the same training data; see the module doc. Its `kind`,
 * `spec` and `data` are the reference model's, `nDraws` is the number of members, and each
 * transform parameter's interval in `parameters` is its 5%–95% range over the members.
 */
export class BaggedModel extends FittedModelBase implements FittedModel {
  /** Mean in-sample prediction of the members. */
  readonly fitted: Float64Array;
  /** The reference model (the tuning run's chosen candidate). */
  readonly reference: LinearModel;
  /** The members, one per bootstrap replicate. */
  readonly members: readonly LinearModel[];

  /**
   * Averages `members`, with `reference`'s spec and parameters.
   *
   * @throws {RangeError} when there are no members.
   */
  constructor(
    reference: LinearModel,
    members: readonly LinearModel[],
    diagnostics: readonly Diagnostic[] = reference.diagnostics,
  ) {
    if (members.length === 0) {
      throw new RangeError("Cannot bag models: at least one member is needed");
    }
    super({
      kind: reference.kind,
      spec: reference.spec,
      data: reference.data,
      nDraws: members.length,
      parameters: memberRanges(reference, members),
      diagnostics,
    });
    this.reference = reference;
    this.members = members;
    this.fitted = this.predict(this.data);
  }

  /** The reference model's estimator settings (its penalty, which a refresh starts from). */
  get settings(): LinearModel["settings"] {
    return this.reference.settings;
  }

  #member(draw: number): LinearModel {
    if (!Number.isInteger(draw) || draw < 0 || draw >= this.members.length) {
      throw new RangeError(
        `Cannot use draw ${draw}: the bagged model has ${this.members.length} members`,
      );
    }
    return this.members[draw] as LinearModel;
  }

  /**
   * The reference model's transform parameters (the tuning run's choice), each with the 5%–95%
   * range of the values the members chose for it (members of another family do not count).
   */
  transformParams(): readonly FittedTransformParam[] {
    const chosen = this.members.map((m) => m.transformParams());
    return this.reference.transformParams().map((q) => {
      const values = chosen.flatMap((params) =>
        params.filter((r) =>
          r.channel === q.channel && r.stage === q.stage && r.kind === q.kind && r.name === q.name
        ).map((r) => r.value)
      ).sort((a, b) => a - b);
      if (values.length === 0) return q;
      const at = (p: number) => values[Math.min(values.length - 1, Math.floor(p * values.length))];
      return { ...q, interval: [at(0.05) as number, at(0.95) as number] as const };
    });
  }

  /** Member `draw`'s prediction, or the members' mean prediction. */
  predict(data: MmmData, options: PredictOptions = {}): Float64Array {
    const history = options.history ? { history: options.history } : {};
    // a member is a point fit: its draw is the member, not a draw of its own
    if (options.draw !== undefined) return this.#member(options.draw).predict(data, history);
    const out = new Float64Array(data.dates.length);
    for (const m of this.members) {
      const p = m.predict(data, history);
      for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (p[i] as number);
    }
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / this.members.length;
    return out;
  }

  /** Member `draw`'s terms, or each term's mean over the members (they still sum to the mean). */
  decompose(data: MmmData, options: PredictOptions = {}): Decomposition {
    const history = options.history ? { history: options.history } : {};
    if (options.draw !== undefined) return this.#member(options.draw).decompose(data, history);
    const parts = this.members.map((m) => m.decompose(data, history));
    const first = parts[0] as Decomposition, k = parts.length, n = data.dates.length;
    const terms: Term[] = first.terms.map((t, j) => {
      const values = new Float64Array(n);
      for (const p of parts) {
        const v = (p.terms[j] as Term).values;
        for (let i = 0; i < n; i++) values[i] = (values[i] as number) + (v[i] as number) / k;
      }
      return { name: t.name, group: t.group, values };
    });
    const fitted = new Float64Array(n);
    for (const t of terms) {
      for (let i = 0; i < n; i++) fitted[i] = (fitted[i] as number) + (t.values[i] as number);
    }
    return { dates: [...data.dates], terms, fitted };
  }

  /** The same model with more diagnostics appended. */
  withDiagnostics(extra: readonly Diagnostic[]): BaggedModel {
    return new BaggedModel(this.reference, this.members, [...this.diagnostics, ...extra]);
  }

  /** The reference model in full and each member's spec and coefficients. */
  toJSON(): BaggedModelJson {
    return {
      format: "mixlab.bagged-model",
      version: 1,
      reference: this.reference.toJSON(),
      members: this.members.map((m) => ({
        spec: specToJSON(m.spec),
        intercept: m.intercept,
        coefficients: Array.from(m.coefficients),
        settings: m.settings,
      })),
      diagnostics: this.diagnostics,
    };
  }

  /** Shows the warnings (if any) and the reference model's parameters in Jupyter. */
  [JUPYTER_DISPLAY](): Record<string, string> {
    const t = this.reference.parameterTable(), w = warningsTable(this.diagnostics);
    const note = `Bagged over ${this.members.length} bootstrap replicates; parameters of the ` +
      "tuning run's own choice";
    return {
      "text/html": (w ? w.toHtml() : "") + `<p>${note}.</p>` + t.toHtml(),
      "text/plain": (w ? w.toText() + "\n\n" : "") + note + ".\n" + t.toText(),
    };
  }

  /** `[object BaggedModel]`. */
  get [Symbol.toStringTag](): string {
    return "BaggedModel";
  }
}

/**
 * Rebuilds a {@link BaggedModel} from its `toJSON()` output; predictions equal the original's.
 *
 * @throws {ConfigError} when the value is not a saved bagged model.
 *
 * @example Save and load
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { BaggedModel, loadBaggedModel } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"];
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   channels: [{ name: "tv", spend: new Float64Array([1, 3, 0, 2, 4]) }],
 *   kpi: { name: "sales", values: new Float64Array([11, 14, 10, 12, 15]) },
 * };
 * const fit = (decay: number) => fitRidge(data, defineModelSpec({
 *   channels: [{ name: "tv", adstock: { kind: "geometric", params: { decay } } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * }));
 * const bag = new BaggedModel(fit(0.2), [fit(0.1), fit(0.3)]);
 * const back = loadBaggedModel(JSON.parse(JSON.stringify(bag)));
 * assert.deepEqual(back.predict(data), bag.predict(data));
 * ```
 */
export function loadBaggedModel(json: unknown): BaggedModel {
  const j = json as Partial<BaggedModelJson> | null;
  if (
    j === null || typeof j !== "object" || j.format !== "mixlab.bagged-model" ||
    j.version !== 1 || !Array.isArray(j.members) || j.members.length === 0
  ) {
    throw new ConfigError("Cannot load model: not a mixlab.bagged-model version 1 object", {
      key: "format",
      hint: "pass the parsed JSON of a bagged model's toJSON()",
    });
  }
  const reference = loadLinearModel(j.reference);
  const members = j.members.map((m) => {
    const spec = specFromJSON(m.spec);
    return new LinearModel({
      kind: reference.kind,
      basis: designBasis(reference.data, spec),
      data: reference.data,
      intercept: m.intercept,
      coefficients: Float64Array.from(m.coefficients),
      parameters: transformRows(spec),
      diagnostics: [],
      settings: m.settings,
    });
  });
  return new BaggedModel(reference, members, j.diagnostics ?? reference.diagnostics);
}
