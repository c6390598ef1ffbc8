/**
 * The fitted form shared by every linear estimator (OLS, ridge, elastic net, conjugate Bayes):
 * an intercept and one coefficient per design column, optionally with posterior draws. It
 * implements {@link FittedModel}: prediction, decomposition in KPI units, a parameter table,
 * JSON that {@link loadLinearModel} turns back into an equal model, and Jupyter display.
 *
 * Decomposition:
 * - linear specification: each term is its columns times their coefficients; the intercept is
 *   a constant term; terms sum to the prediction exactly.
 * - log-log specification (prediction `exp(η)`, the median of a log-normal KPI): a channel's term
 *   is the prediction minus the prediction with that channel's spend set to 0 (history too); the
 *   rest (baseline plus the interaction of channels) is split over the baseline terms in
 *   proportion to their share of the baseline linear predictor `η_base` (all of it to the
 *   intercept where `η_base` is 0). Terms still sum to the prediction.
 *
 * @module
 */
import type {
  Decomposition,
  Diagnostic,
  FittedModel,
  FittedTransformParam,
  MmmData,
  ParameterRow,
  PredictOptions,
  Term,
  TermGroup,
} from "../types.ts";
import { JUPYTER_DISPLAY } from "../display/jupyter.ts";
import { FittedModelBase } from "./fitted_model_base.ts";
import { warningsTable } from "../guardrails/warnings_table.ts";
import { table } from "../display/table.ts";
import { type DesignBasis, type DesignMatrix, designMatrix } from "./design_matrix.ts";
import { specToJSON } from "./model_spec.ts";
import { dataToJSON } from "./data_json.ts";
import { logLogTerms, sumTerms, termOrder } from "./_decomposition_terms.ts";
import { specTransformParams } from "./fitted_params.ts";

/** Posterior (or bootstrap) draws of a linear model's coefficients. */
export interface LinearDraws {
  /** Intercept per draw. */
  readonly intercept: Float64Array;
  /** Coefficients, draw-major: `coefficients[d * p + j]`. */
  readonly coefficients: Float64Array;
}

/** What a linear estimator hands to {@link LinearModel}. */
export interface LinearModelInit {
  /** Estimator name (`"ols"`, `"ridge"`, `"elastic-net"`, `"lasso"`, `"bayes-linear"`). */
  readonly kind: string;
  /** The design basis (spec with scales, trend origin …). */
  readonly basis: DesignBasis;
  /** Training data. */
  readonly data: MmmData;
  /** Intercept in response units. */
  readonly intercept: number;
  /** One coefficient per design column, in the column's units. */
  readonly coefficients: Float64Array;
  /** The parameter table. */
  readonly parameters: readonly ParameterRow[];
  /** Findings from fitting. */
  readonly diagnostics: readonly Diagnostic[];
  /** Estimator settings and summary numbers to keep in JSON (λ, σ …). */
  readonly settings: Readonly<Record<string, number | string | boolean>>;
  /** Draws, when the estimator has them. */
  readonly draws?: LinearDraws;
  /**
   * Transform parameters chosen by a tuning search, as `"<channel>.<stage>.<param>"`; the
   * others were used as the spec gives them. @default []
   */
  readonly tuned?: readonly string[];
  /** The training design, if the estimator has it (saves rebuilding it for `fitted`). */
  readonly design?: DesignMatrix;
}

/** The JSON form of a {@link LinearModel}. */
export interface LinearModelJson {
  /** Always `"mixlab.linear-model"`. */
  readonly format: "mixlab.linear-model";
  /** Schema version. */
  readonly version: 1;
  /** Estimator name. */
  readonly kind: string;
  /** The spec (scales filled), as {@link specToJSON} writes it. */
  readonly spec: unknown;
  /** The training data with columns as number arrays. */
  readonly data: unknown;
  /** Intercept. */
  readonly intercept: number;
  /** Coefficients per design column. */
  readonly coefficients: readonly number[];
  /** Parameter table. */
  readonly parameters: readonly ParameterRow[];
  /** Diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
  /** Estimator settings. */
  readonly settings: Readonly<Record<string, number | string | boolean>>;
  /** Tuned transform parameters (`"<channel>.<stage>.<param>"`), when tuned. */
  readonly tuned?: readonly string[];
  /** Draws as number arrays. */
  readonly draws?: {
    readonly intercept: readonly number[];
    readonly coefficients: readonly number[];
  };
}

/**
 * A fitted linear MMM. Made by `fitOls`, `fitRidge`, `fitElasticNet`, `fitBayesLinear` and
 * {@link loadLinearModel}; use it through the {@link FittedModel} interface.
 */
export class LinearModel extends FittedModelBase implements FittedModel {
  /** In-sample prediction (at the point estimate). */
  readonly fitted: Float64Array;
  /** The design basis used for training and prediction. */
  readonly basis: DesignBasis;
  /** Intercept (response units). */
  readonly intercept: number;
  /** Coefficient per design column. */
  readonly coefficients: Float64Array;
  /** Estimator settings. */
  readonly settings: Readonly<Record<string, number | string | boolean>>;
  readonly #draws: LinearDraws | undefined;
  readonly #tuned: readonly string[];

  /** Wraps an estimator's result; prefer the `fit*` functions. */
  constructor(init: LinearModelInit) {
    super({
      kind: init.kind,
      spec: init.basis.spec,
      data: init.data,
      nDraws: init.draws ? init.draws.intercept.length : 0,
      parameters: init.parameters,
      diagnostics: init.diagnostics,
    });
    this.basis = init.basis;
    this.intercept = init.intercept;
    this.coefficients = init.coefficients;
    this.settings = init.settings;
    this.#draws = init.draws;
    this.#tuned = Object.freeze([...(init.tuned ?? [])]);
    if (init.design) {
      const eta = this.#eta(init.design, this.intercept, this.coefficients);
      this.fitted = this.spec.specification === "log-log" ? eta.map(Math.exp) : eta;
    } else {
      this.fitted = this.predict(init.data);
    }
  }

  #params(draw: number | undefined): { b0: number; beta: Float64Array } {
    if (draw === undefined) return { b0: this.intercept, beta: this.coefficients };
    if (!Number.isInteger(draw) || draw < 0 || draw >= this.nDraws || !this.#draws) {
      throw new RangeError(
        `Cannot use draw ${draw}: the ${this.kind} model has ${this.nDraws} draws`,
      );
    }
    const p = this.coefficients.length;
    return {
      b0: this.#draws.intercept[draw] as number,
      beta: this.#draws.coefficients.subarray(draw * p, (draw + 1) * p),
    };
  }

  #design(data: MmmData, options: PredictOptions): DesignMatrix {
    return designMatrix(
      data,
      this.basis,
      options.history ? { history: options.history, response: false } : { response: false },
    );
  }

  /** The linear predictor per row. */
  #eta(d: DesignMatrix, b0: number, beta: Float64Array): Float64Array {
    const n = d.x.rows, p = d.x.cols, x = d.x.data, eta = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b0;
      for (let j = 0; j < p; j++) s += (x[i * p + j] as number) * (beta[j] as number);
      eta[i] = s;
    }
    return eta;
  }

  /** Predicted KPI for `data` (rows after `options.history` when given), in KPI units. */
  predict(data: MmmData, options: PredictOptions = {}): Float64Array {
    const { b0, beta } = this.#params(options.draw);
    const eta = this.#eta(this.#design(data, options), b0, beta);
    return this.spec.specification === "log-log" ? eta.map(Math.exp) : eta;
  }

  /** Additive terms in KPI units that sum to `predict(data, options)`. */
  decompose(data: MmmData, options: PredictOptions = {}): Decomposition {
    const { b0, beta } = this.#params(options.draw);
    const d = this.#design(data, options), n = d.x.rows, p = d.x.cols;
    const order = termOrder(d.columns);
    const linear = new Map<string, { group: TermGroup; values: Float64Array }>();
    for (const t of order) linear.set(t.name, { group: t.group, values: new Float64Array(n) });
    (linear.get("intercept") as { values: Float64Array }).values.fill(b0);
    const add = (name: string, v: Float64Array, b: number) => {
      const term = (linear.get(name) as { values: Float64Array }).values;
      for (let i = 0; i < n; i++) term[i] = (term[i] as number) + b * (v[i] as number);
    };
    for (let j = 0; j < p; j++) {
      const col = d.columns[j] as DesignMatrix["columns"][number], b = beta[j] as number;
      if (col.parts) { for (const part of col.parts) add(part.term, part.values, b); }
      else add(col.term, d.values[j] as Float64Array, b);
    }
    if (this.spec.specification === "linear") {
      const terms: Term[] = order.map((t) => ({
        name: t.name,
        group: t.group,
        values: (linear.get(t.name) as { values: Float64Array }).values,
      }));
      return { dates: [...data.dates], terms, fitted: sumTerms(terms, n) };
    }
    return this.#decomposeLogLog(data, options, order, linear);
  }

  #decomposeLogLog(
    data: MmmData,
    options: PredictOptions,
    order: readonly { name: string; group: TermGroup }[],
    linear: Map<string, { group: TermGroup; values: Float64Array }>,
  ): Decomposition {
    const fitted = this.predict(data, options);
    const media = new Map<string, Float64Array>();
    for (const c of this.spec.channels) {
      const zero = (m: MmmData): MmmData => ({
        ...m,
        channels: m.channels.map((ch) =>
          ch.name === c.name ? { name: ch.name, spend: new Float64Array(ch.spend.length) } : ch
        ),
      });
      const cf = this.predict(zero(data), {
        ...options,
        ...(options.history ? { history: zero(options.history) } : {}),
      });
      media.set(c.name, fitted.map((v, i) => v - (cf[i] as number)));
    }
    return { dates: [...data.dates], terms: logLogTerms(order, linear, media, fitted), fitted };
  }

  /** The spec's transform parameters: `"tuned"` where a search chose them, else `"fixed"`. */
  transformParams(): readonly FittedTransformParam[] {
    const tuned = new Set(this.#tuned);
    return specTransformParams(this.spec, (key) => (tuned.has(key) ? "tuned" : "fixed"));
  }

  /** Plain JSON that {@link loadLinearModel} turns back into an equal model. */
  toJSON(): LinearModelJson {
    const json: LinearModelJson = {
      format: "mixlab.linear-model",
      version: 1,
      kind: this.kind,
      spec: specToJSON(this.spec),
      data: dataToJSON(this.data),
      intercept: this.intercept,
      coefficients: Array.from(this.coefficients),
      parameters: this.parameters,
      diagnostics: this.diagnostics,
      settings: this.settings,
      ...(this.#tuned.length > 0 ? { tuned: [...this.#tuned] } : {}),
    };
    return this.#draws
      ? {
        ...json,
        draws: {
          intercept: Array.from(this.#draws.intercept),
          coefficients: Array.from(this.#draws.coefficients),
        },
      }
      : json;
  }

  /**
   * The same model with more diagnostics appended (for findings made after fitting, such as a
   * tuned parameter on its search bound).
   *
   * @example Adding a finding
   * ```ts
   * import { defineModelSpec, fitRidge } from "mixlab";
   * import assert from "node:assert/strict";
   * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
   * const data = {
   *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
   *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
   *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
   * };
   * const spec = defineModelSpec({
   *   channels: [{ name: "tv", saturation: { kind: "identity" } }],
   *   baseline: { yearlyFourier: 0, trend: "none" },
   * });
   * const fit = fitRidge(data, spec, { lambda: 0 });
   * const more = fit.withDiagnostics([{ level: "info", code: "note", message: "checked" }]);
   * assert.equal(more.diagnostics.at(-1)?.code, "note");
   * assert.deepEqual(Array.from(more.fitted), Array.from(fit.fitted));
   * ```
   */
  withDiagnostics(extra: readonly Diagnostic[]): LinearModel {
    return new LinearModel({
      kind: this.kind,
      basis: this.basis,
      data: this.data,
      intercept: this.intercept,
      coefficients: this.coefficients,
      parameters: this.parameters,
      diagnostics: [...this.diagnostics, ...extra],
      settings: this.settings,
      ...(this.#draws ? { draws: this.#draws } : {}),
      ...(this.#tuned.length > 0 ? { tuned: this.#tuned } : {}),
    });
  }

  /** The draws, when the estimator made them. */
  get draws(): LinearDraws | undefined {
    return this.#draws;
  }

  /** The parameter table as a displayable {@link table}. */
  parameterTable(): ReturnType<typeof table> {
    const rows = this.parameters.map((r) => ({
      name: r.name,
      estimate: r.estimate,
      stdError: r.stdError,
      lower: r.lower,
      upper: r.upper,
      pValue: r.pValue,
    }));
    const present = ["name", "estimate", "stdError", "lower", "upper", "pValue"].filter((c) =>
      c === "name" || rows.some((r) => r[c as keyof typeof r] !== undefined)
    );
    return table(rows, {
      caption: `${this.kind} model of "${this.data.kpi.name}" (${this.data.dates.length} rows, ` +
        `${this.spec.specification})`,
      columns: present,
    });
  }

  /** Shows the warnings (if any) and the parameter table in Jupyter. */
  [JUPYTER_DISPLAY](): Record<string, string> {
    const t = this.parameterTable(), w = warningsTable(this.diagnostics);
    return {
      "text/html": (w ? w.toHtml() : "") + t.toHtml(),
      "text/plain": (w ? w.toText() + "\n\n" : "") + t.toText(),
    };
  }

  /** `[object LinearModel]`. */
  get [Symbol.toStringTag](): string {
    return "LinearModel";
  }
}
