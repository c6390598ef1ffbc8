/**
 * The shared types every part of mixlab speaks: the data that leaves prep ({@link MmmData}),
 * the frozen model description ({@link ModelSpec}) and the one interface every estimator
 * returns ({@link FittedModel}).
 *
 * Conventions that hold for all of them:
 * - Numeric columns are `Float64Array`, one per variable, all of the same length (the rows).
 * - Dates are ISO `yyyy-mm-dd` strings, ascending within a geo.
 * - Inside lib/, NaN is a bug: prep rejects missing values before an `MmmData` exists.
 *
 * @module
 */

/** A named numeric column. */
export interface NamedSeries {
  /** The column name as the user wrote it (escape it before putting it in HTML). */
  readonly name: string;
  /** One value per row. */
  readonly values: Float64Array;
}

/** A named text column: a season, an episode type, a series name … */
export interface TextSeries {
  /** The column name as the user wrote it (escape it before putting it in HTML). */
  readonly name: string;
  /** One label per row. */
  readonly values: readonly string[];
}

/** One paid media channel: its spend, and optionally an exposure metric (impressions, reach). */
export interface ChannelData {
  /** Channel name, as the user wrote it. */
  readonly name: string;
  /** Spend per row in money units; never negative. */
  readonly spend: Float64Array;
  /** Optional exposure per row (impressions, clicks, GRPs). */
  readonly exposure?: Float64Array;
}

/** What the KPI measures: money (ROAS is reported) or a count (CPA is reported). */
export type KpiKind = "revenue" | "conversions";

/**
 * The one typed value that leaves prep: everything downstream takes it.
 *
 * National data has one row per date. Panel data has a `geo` label per row; rows are sorted by
 * geo, then by date, and every geo has the same dates.
 */
export interface MmmData {
  /** ISO dates, one per row. */
  readonly dates: readonly string[];
  /** The KPI the model explains. */
  readonly kpi: NamedSeries;
  /** Revenue or conversions. */
  readonly kpiKind: KpiKind;
  /** Paid media channels in the user's order. */
  readonly channels: readonly ChannelData[];
  /** Control variables (price, promotions, holidays …), already numeric. */
  readonly controls: readonly NamedSeries[];
  /** Text columns a model may enter as categories (dummies, fixed effects, event-type flags). */
  readonly categories?: readonly TextSeries[];
  /** Optional geo label per row, for panel data. */
  readonly geo?: { readonly name: string; readonly values: readonly string[] };
  /** Optional population per row (one positive value per geo), for panel data. */
  readonly population?: NamedSeries;
}

/** A transform's kind and its parameter values: the serializable form of a transform. */
export interface TransformSpec {
  /** Registered name, e.g. `"geometric"`, `"hill"`. */
  readonly kind: string;
  /** Parameter values by name, e.g. `{ decay: 0.5 }`. */
  readonly params: Readonly<Record<string, number>>;
}

/** How one channel enters a model: adstock first, then saturation, on spend divided by `scale`. */
export interface ChannelSpec {
  /** Channel name; must match a channel of the data. */
  readonly name: string;
  /** Carryover transform. */
  readonly adstock: TransformSpec;
  /** Diminishing-returns transform. */
  readonly saturation: TransformSpec;
  /**
   * Spend divisor applied before the transforms, so saturation parameters are in fixed units
   * (1 = this much spend per row). When absent, the mean spend of the training data is used and
   * stored in the fit.
   */
  readonly scale?: number;
}

/** Deterministic baseline terms of a model. */
export interface BaselineSpec {
  /** Fourier pairs of yearly seasonality (0 = none). */
  readonly yearlyFourier: number;
  /** Trend shape. */
  readonly trend: "none" | "linear" | "quadratic";
  /** Dates (ISO) of one-week events/holidays; each name becomes a 0/1 regressor. */
  readonly events: Readonly<Record<string, readonly string[]>>;
  /** Month-of-year dummies, January the reference (term `seasonality`). */
  readonly monthOfYear?: boolean;
  /** Week-of-month dummies (week k holds days 7k−6 … 7k of the row's first day), week 1 the reference. */
  readonly weekOfMonth?: boolean;
  /**
   * Controls of the data entered Box-Cox transformed instead of as they are: name → λ, or
   * `"auto"` for the maximum-likelihood λ on the training rows.
   */
  readonly boxCox?: Readonly<Record<string, number | "auto">>;
  /**
   * Text columns (`MmmData.categories`) as one-hot dummies: name → reference level (no
   * dummy), or null for the first level in sorted order. One term per column.
   */
  readonly categoricals?: Readonly<Record<string, string | null>>;
  /**
   * Grouping columns (a text column, or the data's geo column) with one intercept per level
   * (the first level in sorted order is the reference). One term per column.
   */
  readonly fixedEffects?: readonly string[];
  /** Event-type flags: text column → levels, one 0/1 column per level (e.g. "Premiere"). */
  readonly eventFlags?: Readonly<Record<string, readonly string[]>>;
  /**
   * Lagged copies (in rows) of a channel's media column or a control: name → lags. A channel's
   * lags add to its contribution.
   */
  readonly lags?: Readonly<Record<string, readonly number[]>>;
  /**
   * Products of two columns: a channel's media column or a control, times a control. With a
   * channel, the product adds to that channel's contribution.
   */
  readonly interactions?: readonly (readonly [string, string])[];
  /**
   * Share of voice per channel: channel → a control holding competitors' spend; the column
   * `own / (own + competitors)` adds to the channel's contribution.
   */
  readonly shareOfVoice?: Readonly<Record<string, string>>;
  /**
   * Total media spend (divided by its mean weekly training value) as one column; each channel's
   * share of it adds to that channel's contribution.
   */
  readonly totalSpend?: boolean;
  /**
   * Channels with an on-air term: 1 in rows with spend, 0 in zero-spend rows (a zero-spend
   * indicator, coded so that it belongs to the channel). It follows a plan's zeros.
   */
  readonly zeroSpend?: readonly string[];
}

/** A frozen description of a media mix model: what goes in and how it is transformed. */
export interface ModelSpec {
  /** Media channels and their transforms. */
  readonly channels: readonly ChannelSpec[];
  /** Names of controls of the data that enter the model linearly. */
  readonly controls: readonly string[];
  /** Trend, seasonality and events. */
  readonly baseline: BaselineSpec;
  /** `linear`: KPI on transformed media. `log-log`: log KPI on log1p media (elasticities). */
  readonly specification: "linear" | "log-log";
}

/** Which part of the model a decomposition term belongs to. */
export type TermGroup =
  | "intercept"
  | "trend"
  | "seasonality"
  | "event"
  | "control"
  | "media";

/** One additive term of a decomposition, in KPI units per row. */
export interface Term {
  /** Channel, control, event name, or `"intercept"`, `"trend"`, `"seasonality"`. */
  readonly name: string;
  /** The group the term belongs to. */
  readonly group: TermGroup;
  /** Contribution per row in KPI units. */
  readonly values: Float64Array;
}

/** The additive split of a prediction: `fitted[t] = Σ terms[i].values[t]`. */
export interface Decomposition {
  /** Dates of the rows. */
  readonly dates: readonly string[];
  /** The additive terms. */
  readonly terms: readonly Term[];
  /** The prediction, equal to the sum of the terms. */
  readonly fitted: Float64Array;
}

/**
 * A lift test: the incremental KPI an experiment measured for a channel over a period (a geo
 * holdout, a conversion-lift study). Tuning scores candidates by how close they come to it
 * (MAPE.LIFT); the Bayesian model adds it to the likelihood with its standard error.
 */
export interface LiftTest {
  /** The channel tested. */
  readonly channel: string;
  /** First date of the test (ISO, inclusive). */
  readonly start: string;
  /** Last date of the test (ISO, inclusive). */
  readonly end: string;
  /** Measured incremental KPI over the period (non-zero). */
  readonly lift: number;
  /** Standard error of the measured lift, in KPI units (required by the Bayesian model). */
  readonly standardError?: number;
}

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
