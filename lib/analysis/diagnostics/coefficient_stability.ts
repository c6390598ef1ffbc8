/**
 * Coefficient stability: refit on rolling windows and see how much each coefficient moves.
 *
 * @module
 */
import type { RowRange } from "../cv.ts";
import type { Diagnostic, ParameterRow } from "../../types.ts";

/** What a window's fit returns: coefficients by name, or a fitted model's parameter table. */
export type WindowCoefficients = Readonly<Record<string, number>> | readonly ParameterRow[];

/** Options of {@link coefficientStability}. */
export interface CoefficientStabilityOptions {
  /** Rows in every window. */
  readonly windowSize: number;
  /** Rows the window moves between fits. @default max(1, floor(windowSize / 4)) */
  readonly step?: number;
  /** A coefficient whose coefficient of variation exceeds this gets a warning. @default 0.5 */
  readonly cvThreshold?: number;
}

/** One window's fit. */
export interface StabilityWindow {
  /** The rows fitted. */
  readonly rows: RowRange;
  /** Coefficients by name. */
  readonly coefficients: Readonly<Record<string, number>>;
}

/** Summary of one coefficient across windows. */
export interface StabilityRow {
  /** Coefficient name. */
  readonly name: string;
  /** Mean across windows. */
  readonly mean: number;
  /** Sample standard deviation across windows (n − 1). */
  readonly sd: number;
  /** Coefficient of variation sd / |mean| (Infinity when the mean is 0 and sd is not). */
  readonly cv: number;
  /** Smallest value. */
  readonly min: number;
  /** Largest value. */
  readonly max: number;
  /** Whether the coefficient takes both signs across windows. */
  readonly signChanges: boolean;
}

/** Result of {@link coefficientStability}. */
export interface CoefficientStabilityResult {
  /** Every window's coefficients, oldest first. */
  readonly windows: readonly StabilityWindow[];
  /** One row per coefficient, in the order of the first window. */
  readonly summary: readonly StabilityRow[];
  /** `"coefficient-unstable"` warnings (cv over the threshold, or a sign change). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Fits a model on rolling windows of consecutive rows and summarises how every coefficient
 * varies (mean, sd, coefficient of variation, range, sign changes). The windows are aligned to
 * the end: the last window ends at the last row. The fit function is given each window's rows
 * and returns coefficients by name (or a `FittedModel`'s `parameters`).
 *
 * @param nRows Rows in the data.
 * @param fit Fits the rows of one window and returns its coefficients.
 * @param options Window size, step, warning threshold.
 * @returns The per-window coefficients, their summary and warnings.
 * @throws {RangeError} When the window does not fit in the rows, or windows return different
 * coefficient names.
 *
 * @example A drifting coefficient
 * ```ts
 * import { coefficientStability } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const r = coefficientStability(8, (rows) => ({ tv: rows.start + 1, price: -2 }), {
 *   windowSize: 6,
 *   step: 1,
 * });
 * // windows start at rows 0, 1, 2 → tv = 1, 2, 3: mean 2, sd 1, cv 0.5
 * assert.deepEqual(r.summary.map((s) => [s.name, s.mean, s.sd, s.cv]), [
 *   ["tv", 2, 1, 0.5],
 *   ["price", -2, 0, 0],
 * ]);
 * ```
 */
export function coefficientStability(
  nRows: number,
  fit: (rows: RowRange) => WindowCoefficients,
  options: CoefficientStabilityOptions,
): CoefficientStabilityResult {
  const action = "check coefficient stability";
  const { windowSize, cvThreshold = 0.5 } = options;
  const step = options.step ?? Math.max(1, Math.floor(windowSize / 4));
  for (const [name, v] of [["nRows", nRows], ["windowSize", windowSize], ["step", step]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`Cannot ${action}: ${name} must be a positive integer, got ${v}`);
    }
  }
  if (windowSize > nRows) {
    throw new RangeError(
      `Cannot ${action}: windowSize ${windowSize} is more than the ${nRows} rows`,
    );
  }
  const windows: StabilityWindow[] = [];
  for (let start = (nRows - windowSize) % step; start + windowSize <= nRows; start += step) {
    const rows = { start, end: start + windowSize };
    windows.push({ rows, coefficients: toRecord(fit(rows)) });
  }
  const names = Object.keys((windows[0] as StabilityWindow).coefficients);
  const summary = names.map((name) => {
    const values = windows.map((w) => {
      const v = w.coefficients[name];
      if (v === undefined) {
        throw new RangeError(
          `Cannot ${action}: the window at rows ${w.rows.start}-${
            w.rows.end - 1
          } has no coefficient "${name}"`,
        );
      }
      return v;
    });
    return summarise(name, values);
  });
  const diagnostics: Diagnostic[] = summary
    .filter((s) => s.signChanges || s.cv > cvThreshold)
    .map((s) => ({
      level: "warning",
      code: "coefficient-unstable",
      subject: s.name,
      message: s.signChanges
        ? `"${s.name}" changes sign across windows (from ${s.min.toPrecision(3)} to ${
          s.max.toPrecision(3)
        }): the data do not pin down its effect`
        : `"${s.name}" varies across windows by ${(100 * s.cv).toFixed(0)}% of its mean (over ${
          100 * cvThreshold
        }%): its effect is not stable over time`,
    }));
  return { windows, summary, diagnostics };
}

function toRecord(c: WindowCoefficients): Readonly<Record<string, number>> {
  if (!Array.isArray(c)) return c as Readonly<Record<string, number>>;
  return Object.fromEntries((c as readonly ParameterRow[]).map((p) => [p.name, p.estimate]));
}

function summarise(name: string, values: readonly number[]): StabilityRow {
  const k = values.length;
  let mean = 0, min = Infinity, max = -Infinity;
  for (const v of values) {
    mean += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  mean /= k;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = k > 1 ? Math.sqrt(ss / (k - 1)) : 0;
  const cv = sd === 0 ? 0 : sd / Math.abs(mean);
  return { name, mean, sd, cv, min, max, signChanges: min < 0 && max > 0 };
}
