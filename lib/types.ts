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

/**
 * One paid media channel: its spend, and optionally an exposure metric (impressions, reach).
 *
 * @example One channel's weekly spend
 * ```ts
 * import type { ChannelData } from "mixlab";
 * import assert from "node:assert/strict";
 * const tv: ChannelData = { name: "tv", spend: new Float64Array([100, 0, 250]) };
 * assert.equal(tv.spend.length, 3);
 * ```
 */
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
 *
 * @example Two weeks of national data, one channel
 * ```ts
 * import type { MmmData } from "mixlab";
 * import assert from "node:assert/strict";
 * const data: MmmData = {
 *   dates: ["2024-01-01", "2024-01-08"], kpi: { name: "sales", values: new Float64Array([120, 135]) },
 *   kpiKind: "revenue", channels: [{ name: "tv", spend: new Float64Array([10, 20]) }], controls: [],
 * };
 * assert.equal(data.channels[0]!.spend.length, data.dates.length);
 * ```
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

/**
 * A transform's kind and its parameter values: the serializable form of a transform.
 *
 * @example A geometric adstock that keeps half of last week
 * ```ts
 * import { defineModelSpec, type TransformSpec } from "mixlab";
 * import assert from "node:assert/strict";
 * const adstock: TransformSpec = { kind: "geometric", params: { decay: 0.5 } };
 * assert.deepEqual(defineModelSpec({ channels: [{ name: "tv", adstock }] }).channels[0]!.adstock, adstock);
 * ```
 */
export interface TransformSpec {
  /** Registered name, e.g. `"geometric"`, `"hill"`. */
  readonly kind: string;
  /** Parameter values by name, e.g. `{ decay: 0.5 }`. */
  readonly params: Readonly<Record<string, number>>;
}

/**
 * How one channel enters a model: adstock first, then saturation, on spend divided by `scale`.
 *
 * @example A channel with defaults filled in
 * ```ts
 * import { type ChannelSpec, defineModelSpec } from "mixlab";
 * import assert from "node:assert/strict";
 * const tv: ChannelSpec = defineModelSpec({ channels: [{ name: "tv" }] }).channels[0]!;
 * assert.equal(typeof tv.saturation.kind, "string");
 * ```
 */
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

/**
 * A frozen description of a media mix model: what goes in and how it is transformed.
 *
 * @example Built by defineModelSpec
 * ```ts
 * import { defineModelSpec, type ModelSpec } from "mixlab";
 * import assert from "node:assert/strict";
 * const spec: ModelSpec = defineModelSpec({ channels: [{ name: "tv" }, { name: "radio" }] });
 * assert.deepEqual(spec.channels.map((c) => c.name), ["tv", "radio"]);
 * ```
 */
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

/**
 * The additive split of a prediction: `fitted[t] = Σ terms[i].values[t]`.
 *
 * @example The terms sum to the prediction
 * ```ts
 * import { type Decomposition, defineModelSpec, fitOls } from "mixlab";
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
 * const d: Decomposition = fit.decompose(data);
 * d.fitted.forEach((y, t) => assert.ok(Math.abs(d.terms.reduce((s, x) => s + x.values[t]!, 0) - y) < 1e-9));
 * ```
 */
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
 *
 * @example A four-week geo holdout on tv
 * ```ts
 * import type { LiftTest } from "mixlab";
 * import assert from "node:assert/strict";
 * const test: LiftTest = { channel: "tv", start: "2024-03-04", end: "2024-03-25", lift: 1.2e4, standardError: 3e3 };
 * assert.ok(test.lift / test.standardError! > 2);
 * ```
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

export type {
  Convergence,
  Diagnostic,
  FittedModel,
  FittedTransformParam,
  Interval90,
  ParameterRow,
  PredictOptions,
  TransformParamStatus,
} from "./fitted_model.ts";
export type { DenseMatrix, MatrixLike } from "./matrix.ts";
