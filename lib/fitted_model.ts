/**
 * What every estimator returns: the {@link FittedModel} interface and the parameter tables,
 * diagnostics and options it speaks.
 *
 * @module
 */
import type { Decomposition, MmmData, ModelSpec } from "./types.ts";

/** One row of a fitted model's parameter table. */
export interface ParameterRow {
  /** Parameter name, e.g. `"tv"`, `"intercept"`, `"tv.decay"`. */
  readonly name: string;
  /** Point estimate (posterior mean for Bayesian fits). */
  readonly estimate: number;
  /** Standard error (posterior sd), where the estimator has one. */
  readonly stdError?: number;
  /** Lower end of the interval given by `level`. */
  readonly lower?: number;
  /** Upper end of the interval given by `level`. */
  readonly upper?: number;
  /** Two-sided p-value, where the estimator has one. */
  readonly pValue?: number;
}

/** A non-fatal finding, shown by notebooks and reports. */
export interface Diagnostic {
  /** How serious it is. */
  readonly level: "info" | "warning";
  /** A stable machine-readable code, e.g. `"vif-high"`. */
  readonly code: string;
  /** A sentence a marketer can read. */
  readonly message: string;
  /** The channel, column or parameter it concerns, if any. */
  readonly subject?: string;
  /** What to do about it, if there is something to do. */
  readonly hint?: string;
}

/** Convergence of a model fitted by MCMC. */
export interface Convergence {
  /** Number of chains. */
  readonly chains: number;
  /** Kept draws per chain. */
  readonly drawsPerChain: number;
  /** Largest rank-normalised split R-hat over the parameters. */
  readonly rhatMax: number;
  /** Smallest bulk effective sample size over the parameters. */
  readonly essBulkMin: number;
  /** Divergent transitions after warmup. */
  readonly divergences: number;
}

/** Options shared by {@link FittedModel.predict} and {@link FittedModel.decompose}. */
export interface PredictOptions {
  /**
   * Rows that precede `data` in time (same channels and controls). Adstock carries over from
   * them; trend and seasonality continue from the training dates.
   */
  readonly history?: MmmData;
  /** Index of a posterior draw (Bayesian fits); without it, the posterior mean parameters. */
  readonly draw?: number;
}

/**
 * How a fitted model got a transform parameter's value: `"fixed"` (the spec's value, used as
 * given: fixed by the user or left at its default), `"tuned"` (chosen by a hyperparameter search),
 * `"estimated"` (sampled: the value is the posterior mean).
 */
export type TransformParamStatus = "fixed" | "tuned" | "estimated";

/** One transform parameter of a fitted model (see {@link FittedModel.transformParams}). */
export interface FittedTransformParam {
  /** Channel name. */
  readonly channel: string;
  /** The transform's stage. */
  readonly stage: "adstock" | "saturation";
  /** The transform's kind, e.g. `"geometric"`. */
  readonly kind: string;
  /** Parameter name, e.g. `"decay"`. */
  readonly name: string;
  /** The value: the spec's or tuned value, or the posterior mean of a sampled parameter. */
  readonly value: number;
  /** Central 90% posterior interval `[low, high]`, for estimated parameters. */
  readonly interval?: readonly [number, number];
  /** How the value was set. */
  readonly status: TransformParamStatus;
}

/**
 * The one interface every estimator returns. Analysis, forecast, optimize and report work on
 * any `FittedModel` without knowing which estimator made it.
 *
 * @example sales = 10 + 4 · tv: the fit predicts it exactly
 * ```ts
 * import { defineModelSpec, type FittedModel, fitOls } from "mixlab";
 * import assert from "node:assert/strict";
 * const tv = new Float64Array([1, 3, 0, 2]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"], kpiKind: "revenue" as const,
 *   controls: [], channels: [{ name: "tv", spend: tv }], kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const fit = fitOls(data, defineModelSpec({
 *   channels: [{ name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "identity" } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * }));
 * const model: FittedModel = fit;
 * model.predict(data).forEach((y, t) => assert.ok(Math.abs(y - 10 - 4 * tv[t]!) < 1e-9));
 * ```
 */
export interface FittedModel {
  /** Estimator name, e.g. `"ridge"`, `"ols"`, `"bayes"`. */
  readonly kind: string;
  /** The spec it was fitted with, with every channel's `scale` filled in. */
  readonly spec: ModelSpec;
  /** The training data. */
  readonly data: MmmData;
  /** In-sample prediction, one value per training row. */
  readonly fitted: Float64Array;
  /** Number of posterior draws (0 for point estimates). */
  readonly nDraws: number;
  /** Parameter table. */
  readonly parameters: readonly ParameterRow[];
  /** Findings from fitting (collinearity, sign constraints that bind …). */
  readonly diagnostics: readonly Diagnostic[];
  /** MCMC convergence, for models fitted by sampling. */
  readonly convergence?: Convergence;
  /**
   * Every channel's transform parameters as fitted, channel by channel (adstock, then
   * saturation): point values for classical fits, posterior mean and 90% interval for sampled
   * ones, each with how it was set.
   */
  transformParams(): readonly FittedTransformParam[];
  /** Predicted KPI for `data` (future or counterfactual spend), in KPI units. */
  predict(data: MmmData, options?: PredictOptions): Float64Array;
  /** Additive terms for `data`, in KPI units, summing to `predict(data)`. */
  decompose(data: MmmData, options?: PredictOptions): Decomposition;
  /** A plain JSON form that the model's loader turns back into an equal model. */
  toJSON(): unknown;
}

/** A mean and central 90% interval over draws. */
export interface Interval90 {
  /** Mean over the draws. */
  readonly mean: number;
  /** 5% quantile. */
  readonly lower: number;
  /** 95% quantile. */
  readonly upper: number;
}
