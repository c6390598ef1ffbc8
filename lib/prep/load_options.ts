/**
 * The options shared by {@link loadCsv} and {@link loadParquet}: which columns play which role,
 * how to read values, and the cleaning policies (all recorded in the data quality report).
 *
 * @module
 */
import type { KpiKind } from "../types.ts";
import type { DateFormat } from "./date_format.ts";
import type { MissingPolicy } from "./missing_values.ts";
import type { OutlierAction, OutlierMethod } from "./outliers.ts";

/** One channel's columns. */
export interface ChannelColumns {
  /** Channel name used downstream. */
  readonly name: string;
  /** Spend column. */
  readonly spend: string;
  /** Optional exposure column (impressions, clicks, GRPs). */
  readonly exposure?: string;
}

/** Which column plays which role. */
export interface ColumnMapping {
  /** Date column. */
  readonly date: string;
  /** KPI column. */
  readonly kpi: string;
  /** What the KPI measures. @default "revenue" */
  readonly kpiKind?: KpiKind;
  /** Paid media channels. */
  readonly channels: readonly ChannelColumns[];
  /** Control columns. @default [] */
  readonly controls?: readonly string[];
  /**
   * Text columns kept as labels (`MmmData.categories`) for categorical dummies, fixed effects
   * and event-type flags; numbers in them are read as text. @default []
   */
  readonly categories?: readonly string[];
  /** Geo column, for panel data. @default undefined */
  readonly geo?: string;
  /**
   * Population column, for panel data (one positive value per geo; requires `geo`).
   * @default undefined
   */
  readonly population?: string;
}

/** How to read numbers written with thousands separators, currency symbols or decimal commas. */
export interface NumberFormat {
  /** Thousands separator to remove ("1,200" → 1200). @default undefined */
  readonly thousands?: "," | "." | " " | "'";
  /** Decimal separator. @default "." */
  readonly decimal?: "." | ",";
  /** Currency symbols to remove ("$1,200"). @default [] */
  readonly currency?: readonly string[];
}

/** Missing-value policy per role. */
export interface MissingPolicies {
  /** KPI. @default "error" */
  readonly kpi?: MissingPolicy;
  /** Spend and exposure columns. @default "error" */
  readonly spend?: MissingPolicy;
  /** Control columns. @default "error" */
  readonly controls?: MissingPolicy;
}

/** What to do with several rows for one date (per geo). */
export type DuplicatePolicy = "error" | "first" | "last" | "sum" | "mean";

/** Outlier treatment, applied after every check passed. */
export interface OutlierPolicy {
  /** Detection method. @default "iqr" */
  readonly method?: OutlierMethod;
  /** Fence multiplier. @default 1.5 for iqr, 3.5 for robust-z */
  readonly threshold?: number;
  /** Treatment. @default "flag" */
  readonly action?: OutlierAction;
  /** Columns to check (names as in the file). @default [the KPI column] */
  readonly columns?: readonly string[];
}

/** A loader option that an error's hint may ask the reader to set. */
export type LoadOptionName =
  | "missing.kpi"
  | "missing.spend"
  | "missing.controls"
  | "duplicates"
  | "outliers.columns"
  | "numberFormat"
  | "nullValues"
  | "aggregate";

/** Options of {@link loadCsv} and {@link loadParquet}. */
export interface LoadOptions {
  /** Which column plays which role. */
  readonly columns: ColumnMapping;
  /** Date format; detected when the values decide it, else an error asks for it. @default undefined */
  readonly dateFormat?: DateFormat;
  /** Explicit number format for values like "1,200" or "$1,200". @default undefined */
  readonly numberFormat?: NumberFormat;
  /** Cell texts that mean "missing" (e.g. "n/a"); otherwise such text is an error. @default [] */
  readonly nullValues?: readonly string[];
  /** Missing-value policy per role. @default all "error" */
  readonly missing?: MissingPolicies;
  /** Duplicate-date policy. @default "error" */
  readonly duplicates?: DuplicatePolicy;
  /** Aggregate daily rows to weeks starting on `weekStart`. @default undefined (rows must be weekly) */
  readonly aggregate?: "weekly";
  /** First day of a week when aggregating. @default "monday" */
  readonly weekStart?: "monday" | "sunday";
  /** How controls are aggregated to weeks (KPI, spend and exposure are summed). @default "mean" */
  readonly controlAggregation?: "mean" | "sum";
  /** Outlier treatment. @default undefined (none) */
  readonly outliers?: OutlierPolicy;
  /**
   * Parameters a model estimates per channel (coefficient plus transform parameters), used by
   * the too-few-rows check: rows per geo must exceed 1 + channels × this + controls.
   * @default 3
   */
  readonly parametersPerChannel?: number;
  /**
   * How error hints name a loader option. A front end whose users write other keys maps each
   * option to its own key (the `mmm` config: `missing.kpi` → `cleaning.missing.kpi`), or to
   * `undefined` when its users cannot set it; the hint then says to fix the export instead.
   * @default the option's own name
   */
  readonly optionName?: (option: LoadOptionName) => string | undefined;
}
