/**
 * Variance inflation factors: how much collinearity inflates each coefficient's variance.
 *
 * @module
 */
import { invertSpd, type MatrixLike, toDenseMatrix } from "../../_internal/linalg.ts";
import { FitError } from "../../errors.ts";
import type { Diagnostic } from "../../types.ts";

/** Options of {@link vif}. */
export interface VifOptions {
  /** Column names, one per column. @default "x1", "x2", … */
  readonly names?: readonly string[];
  /** A VIF above this gets a `"vif-high"` warning. @default 10 */
  readonly threshold?: number;
  /**
   * Whether the model has an intercept: each column is then regressed on the others plus a
   * constant (centered R²), as statsmodels `variance_inflation_factor` on `add_constant(X)`;
   * `false` regresses through the origin (uncentered R²), as statsmodels on `X` itself.
   * @default true
   */
  readonly intercept?: boolean;
}

/** One column's variance inflation factor. */
export interface VifRow {
  /** Column name. */
  readonly name: string;
  /** VIF_j = 1 / (1 − R_j²), R_j² from regressing column j on the other columns. */
  readonly vif: number;
}

/** Result of {@link vif}. */
export interface VifResult {
  /** One row per column, in column order. */
  readonly rows: readonly VifRow[];
  /** A `"vif-high"` warning for every column over the threshold. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Variance inflation factor of every column of a design: VIF_j = 1/(1 − R_j²), where R_j² comes
 * from regressing column j on all the other columns (and an intercept, by default). Computed as
 * the diagonal of the inverse correlation matrix (equal to the auxiliary regressions), and equal
 * to statsmodels `variance_inflation_factor`. Pass the design WITHOUT its intercept column.
 *
 * @param design The regressors (n rows, p ≥ 2 columns), as a dense matrix or as columns.
 * @param options Names, warning threshold, intercept.
 * @returns One VIF per column and warnings for those above the threshold.
 * @throws {RangeError} When fewer than 2 columns or 3 rows are given, names do not match the
 * columns, or (with an intercept) a column is constant.
 * @throws {FitError} When a column is a linear combination of the columns before it (R² with
 * them above 1 − 1e-12).
 *
 * @example Two correlated columns
 * ```ts
 * import { vif } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * // corr(a, b) = 16 / √(4 · 100) = 0.8 → VIF = 1 / (1 − 0.64) for both
 * const a = new Float64Array([1, -1, 1, -1]), b = new Float64Array([7, -7, 1, -1]);
 * const r = vif([a, b], { names: ["tv", "radio"] });
 * assert.ok(Math.abs(r.rows[0]!.vif - 1 / 0.36) < 1e-9);
 * assert.equal(r.diagnostics.length, 0);
 * ```
 */
export function vif(design: MatrixLike, options: VifOptions = {}): VifResult {
  const action = "compute VIF";
  const x = toDenseMatrix(design, action);
  const { rows: n, cols: p } = x;
  const { threshold = 10, intercept = true } = options;
  const names = options.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (p < 2) throw new RangeError(`Cannot ${action}: needs at least 2 columns, got ${p}`);
  if (n < 3) throw new RangeError(`Cannot ${action}: needs at least 3 rows, got ${n}`);
  if (names.length !== p) {
    throw new RangeError(`Cannot ${action}: ${names.length} names for ${p} columns`);
  }
  // cross-product matrix S of the (centered) columns
  const means = new Float64Array(p);
  if (intercept) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) means[j] = (means[j] as number) + (x.data[i * p + j] as number);
    }
    for (let j = 0; j < p; j++) means[j] = (means[j] as number) / n;
  }
  const s = new Float64Array(p * p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = (x.data[i * p + j] as number) - (means[j] as number);
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        s[a * p + b] = (s[a * p + b] as number) + (row[a] as number) * (row[b] as number);
      }
    }
  }
  // scale to a correlation matrix so the factorisation is well conditioned
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const d = s[j * p + j] as number;
    if (!(d > 0)) {
      throw new RangeError(
        `Cannot ${action}: column "${names[j]}" is ${intercept ? "constant" : "all zeros"}`,
      );
    }
    scale[j] = 1 / Math.sqrt(d);
  }
  const r = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const v = (s[a * p + b] as number) * (scale[a] as number) * (scale[b] as number);
      r[a * p + b] = v;
      r[b * p + a] = v;
    }
  }
  const dependent = firstDependentColumn(r, p);
  if (dependent >= 0) {
    throw new FitError(
      `Cannot ${action}: column "${
        names[dependent]
      }" is a linear combination of the columns before it`,
      { column: names[dependent] as string, hint: "drop it or one of the columns it combines" },
    );
  }
  const inv = invertSpd(r, p) as Float64Array;
  const rows: VifRow[] = names.map((name, j) => ({ name, vif: inv[j * p + j] as number }));
  const diagnostics: Diagnostic[] = rows.filter((v) => v.vif > threshold).map((v) => ({
    level: "warning",
    code: "vif-high",
    subject: v.name,
    message: `"${v.name}" has a variance inflation factor of ${
      v.vif.toPrecision(3)
    } (over ${threshold}): the other regressors explain ${
      (100 * (1 - 1 / v.vif)).toFixed(1)
    }% of its variation, so its coefficient is poorly determined`,
  }));
  return { rows, diagnostics };
}

/**
 * Cholesky pivots of a correlation matrix: the pivot of column j is 1 − R² of column j on the
 * columns before it. Returns the first column whose pivot is below 1e-12 (collinear up to
 * rounding), or −1.
 */
function firstDependentColumn(r: Float64Array, p: number): number {
  const l = Float64Array.from(r);
  for (let j = 0; j < p; j++) {
    let d = l[j * p + j] as number;
    for (let k = 0; k < j; k++) d -= (l[j * p + k] as number) ** 2;
    if (!(d > 1e-12)) return j;
    const ljj = Math.sqrt(d);
    for (let i = j + 1; i < p; i++) {
      let s = l[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * p + k] as number) * (l[j * p + k] as number);
      l[i * p + j] = s / ljj;
    }
  }
  return -1;
}
