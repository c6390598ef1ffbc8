/**
 * Checks the enumerated load options once, at the edge, with errors that list the allowed
 * values; the checks after this trust them.
 *
 * @module
 */
import { DATE_FORMATS } from "./date_format.ts";
import type { LoadOptions } from "./load_options.ts";

const MISSING = ["error", "interpolate", "forward-fill", "zero", "drop"] as const;
const DUPLICATES = ["error", "first", "last", "sum", "mean"] as const;

function oneOf(value: unknown, allowed: readonly string[], key: string): void {
  if (value !== undefined && !allowed.includes(value as string)) {
    throw new RangeError(
      `Cannot load data: ${key} must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got "${
        String(value)
      }"`,
    );
  }
}

/** Throws a RangeError for any enumerated option outside its allowed values. */
export function checkLoadOptions(options: LoadOptions): void {
  oneOf(options.dateFormat, DATE_FORMATS, "dateFormat");
  oneOf(options.duplicates, DUPLICATES, "duplicates");
  oneOf(options.missing?.kpi, MISSING, "missing.kpi");
  oneOf(options.missing?.spend, MISSING, "missing.spend");
  oneOf(options.missing?.controls, MISSING, "missing.controls");
  oneOf(options.aggregate, ["weekly"], "aggregate");
  oneOf(options.weekStart, ["monday", "sunday"], "weekStart");
  oneOf(options.controlAggregation, ["mean", "sum"], "controlAggregation");
  oneOf(options.columns?.kpiKind, ["revenue", "conversions"], "columns.kpiKind");
  oneOf(options.outliers?.method, ["iqr", "robust-z"], "outliers.method");
  oneOf(options.outliers?.action, ["flag", "winsorize", "dummy"], "outliers.action");
  const perChannel = options.parametersPerChannel;
  if (perChannel !== undefined && !(Number.isInteger(perChannel) && perChannel >= 1)) {
    throw new RangeError(
      `Cannot load data: parametersPerChannel must be a whole number ≥ 1, got ${perChannel}`,
    );
  }
  const threshold = options.outliers?.threshold;
  if (threshold !== undefined && !(threshold > 0)) {
    throw new RangeError(`Cannot load data: outliers.threshold must be > 0, got ${threshold}`);
  }
}
