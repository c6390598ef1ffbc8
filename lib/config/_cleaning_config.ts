/**
 * The config's `cleaning` section: how prep treats empty cells, duplicate dates, outliers, null
 * markers and formatted numbers.
 *
 * @module
 */
import type { DuplicatePolicy, NumberFormat } from "../prep/load_options.ts";
import type { MissingPolicy } from "../prep/missing_values.ts";
import type { OutlierAction, OutlierMethod } from "../prep/outliers.ts";
import { fail, type Json, number, object, oneOf, strings } from "./_config_reader.ts";

/** How prep cleans the data before fitting; every choice is recorded in the quality report. */
export interface CleaningConfig {
  /** Empty cells per role: `error` (the default), `interpolate`, `forward-fill`, `zero`, `drop`. */
  readonly missing: {
    readonly kpi: MissingPolicy;
    readonly spend: MissingPolicy;
    readonly controls: MissingPolicy;
  };
  /** Several rows for one date: `error` (the default), `first`, `last`, `sum`, `mean`. */
  readonly duplicates: DuplicatePolicy;
  /** Outlier rule, or undefined for none. */
  readonly outliers?: {
    readonly method: OutlierMethod;
    readonly threshold?: number;
    readonly action: OutlierAction;
    /** Columns to check, as named in the file. */
    readonly columns: readonly string[];
  };
  /** Cell texts that mean "empty" (then the missing-value policy applies). */
  readonly nullValues: readonly string[];
  /** How to read numbers written with separators or currency symbols. */
  readonly numberFormat?: NumberFormat;
}

const MISSING_POLICIES = ["error", "interpolate", "forward-fill", "zero", "drop"] as const;
const DUPLICATE_POLICIES = ["error", "first", "last", "sum", "mean"] as const;

/**
 * `cleaning`: rejects empty cells and duplicate dates and treats no outliers by default.
 * `columns` are the KPI, spend, exposure and control columns (the KPI first) outliers may name.
 */
export function parseCleaning(value: unknown, columns: readonly string[]): CleaningConfig {
  const o = value === undefined ? {} : object(value, "cleaning", [
    "missing",
    "duplicates",
    "outliers",
    "nullValues",
    "numberFormat",
  ]);
  const m = o.missing === undefined
    ? {}
    : object(o.missing, "cleaning.missing", ["kpi", "spend", "controls"]);
  const policy = (role: "kpi" | "spend" | "controls"): MissingPolicy =>
    m[role] === undefined ? "error" : oneOf(m[role], `cleaning.missing.${role}`, MISSING_POLICIES);
  const outliers = o.outliers === undefined ? undefined : parseOutliers(o.outliers, columns);
  const numberFormat = o.numberFormat === undefined ? undefined : parseNumberFormat(o.numberFormat);
  return {
    missing: { kpi: policy("kpi"), spend: policy("spend"), controls: policy("controls") },
    duplicates: o.duplicates === undefined
      ? "error"
      : oneOf(o.duplicates, "cleaning.duplicates", DUPLICATE_POLICIES),
    nullValues: o.nullValues === undefined ? [] : strings(o.nullValues, "cleaning.nullValues"),
    ...(outliers ? { outliers } : {}),
    ...(numberFormat ? { numberFormat } : {}),
  };
}

/** `cleaning.outliers`: IQR flags on the KPI by default. */
function parseOutliers(value: unknown, columns: readonly string[]): CleaningConfig["outliers"] {
  const x: Json = object(value, "cleaning.outliers", ["method", "threshold", "action", "columns"]);
  const targets = x.columns === undefined
    ? [columns[0] as string]
    : strings(x.columns, "cleaning.outliers.columns");
  targets.forEach((c, i) => {
    if (!columns.includes(c)) {
      fail(
        `cleaning.outliers.columns[${i}]`,
        `must be the KPI, a spend or a control column, got "${c}"`,
      );
    }
  });
  return {
    method: x.method === undefined
      ? "iqr"
      : oneOf(x.method, "cleaning.outliers.method", ["iqr", "robust-z"]),
    action: x.action === undefined
      ? "flag"
      : oneOf(x.action, "cleaning.outliers.action", ["flag", "winsorize", "dummy"]),
    columns: targets,
    ...(x.threshold === undefined
      ? {}
      : { threshold: number(x.threshold, "cleaning.outliers.threshold", 1e-9) }),
  };
}

/** `cleaning.numberFormat`: thousands and decimal separators, currency symbols. */
function parseNumberFormat(value: unknown): NumberFormat {
  const f = object(value, "cleaning.numberFormat", ["thousands", "decimal", "currency"]);
  return {
    ...(f.thousands === undefined ? {} : {
      thousands: oneOf(f.thousands, "cleaning.numberFormat.thousands", [",", ".", " ", "'"]),
    }),
    ...(f.decimal === undefined
      ? {}
      : { decimal: oneOf(f.decimal, "cleaning.numberFormat.decimal", [".", ","]) }),
    ...(f.currency === undefined
      ? {}
      : { currency: strings(f.currency, "cleaning.numberFormat.currency") }),
  };
}
