/**
 * Ordinary least squares with classical inference: coefficients by QR, standard errors from
 * `σ̂²(X'X)⁻¹` with `σ̂² = RSS / (n − p − 1)`, t statistics, two-sided p-values from Student's t
 * (@stdlib) and confidence intervals. The same numbers as statsmodels' `OLS(y, add_constant(X))`.
 *
 * @module
 */
import tCdf from "@stdlib/dist-t-cdf";
import tQuantile from "@stdlib/dist-t-quantile";
import { FitError } from "../errors.ts";
import type { Diagnostic, MmmData, ModelSpec, ParameterRow } from "../types.ts";
import { fromColumns, gram, invertSpd, leastSquares } from "../_internal/linalg.ts";
import { designBasis, designMatrix } from "./design_matrix.ts";
import type { LinearModel } from "./linear_model.ts";
import { guardedLinearModel } from "./_guarded.ts";
import type { GuardrailLimits } from "../guardrails/limits.ts";
import { transformRows, zeroMediaDiagnostics } from "./_rows.ts";
import { centerDesign, mediaMask } from "./_center.ts";
import { solveRidge } from "./ridge_solve.ts";

/** Options of {@link fitOls}. */
export interface OlsOptions {
  /** Confidence level of the intervals. @default 0.95 */
  readonly level?: number;
  /**
   * Constrain media coefficients to be ≥ 0 (exact, by the active-set solver). Coefficients held
   * at 0 get no standard error; the others' inference is conditional on that active set (OLS on
   * the remaining columns). @default false
   */
  readonly nonNegative?: boolean;
  /** Limits of the guardrails run on the fit (`lib/guardrails/guardrails.ts`). @default {} */
  readonly guardrails?: Partial<GuardrailLimits>;
}

/**
 * Fits an MMM by ordinary least squares. Without sign constraints (the default, as classical
 * inference assumes) a negative media coefficient is reported as a diagnostic.
 *
 * @param data Training data.
 * @param spec Model spec.
 * @param options Interval level.
 * @returns The fitted model; its parameter rows carry `stdError`, `lower`, `upper` and `pValue`.
 * @throws {FitError} when there are not more rows than coefficients or the design is collinear.
 *
 * @example A perfect line has zero standard errors
 * ```ts
 * import { defineModelSpec, fitOls } from "mixlab";
 * import assert from "node:assert/strict";
 * const price = new Float64Array([1, 2, 4, 3, 5]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"],
 *   kpiKind: "revenue" as const, channels: [],
 *   controls: [{ name: "price", values: price }],
 *   kpi: { name: "sales", values: price.map((p) => 7 - 2 * p) },
 * };
 * const spec = defineModelSpec({ channels: [], controls: ["price"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const fit = fitOls(data, spec);
 * assert.ok(Math.abs((fit.coefficients[0] as number) + 2) < 1e-12);
 * ```
 */
export function fitOls(data: MmmData, spec: ModelSpec, options: OlsOptions = {}): LinearModel {
  const level = options.level ?? 0.95, nonNegative = options.nonNegative ?? false;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot fit OLS: level must be in (0, 1), got ${level}`);
  }
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const y = design.y as Float64Array, p = design.values.length;
  // Columns kept free: all, or (non-negative media) those the constrained solution leaves > 0.
  let keep = design.values.map((_, j) => j);
  const mask = mediaMask(design, nonNegative);
  if (mask !== undefined) {
    const problem = centerDesign(design, y, false);
    const b = solveRidge(problem.gram, problem.xty, p, 0, { nonNegative: mask });
    keep = keep.filter((j) => mask[j] !== 1 || (b[j] as number) > 0);
  }
  const core = olsCore(design.values, keep, y, level);
  const coefficients = new Float64Array(p);
  keep.forEach((j, k) => (coefficients[j] = core.beta[k + 1] as number));
  const names = design.columns.map((c) => c.name);
  const rows: ParameterRow[] = [core.rows[0] as ParameterRow];
  names.forEach((name, j) => {
    const k = keep.indexOf(j);
    rows.push(k >= 0 ? { ...(core.rows[k + 1] as ParameterRow), name } : { name, estimate: 0 });
  });
  const diagnostics: Diagnostic[] = zeroMediaDiagnostics(design, coefficients, mask);
  design.columns.forEach((c, j) => {
    if (c.group === "media" && c.name === c.term && (coefficients[j] as number) < 0) {
      diagnostics.push({
        level: "warning",
        code: "media-negative",
        subject: c.name,
        message: `Channel "${c.name}" has a negative OLS coefficient; consider the ` +
          "nonNegative option or fitRidge, or check collinearity with other terms",
      });
    }
  });
  return guardedLinearModel({
    kind: "ols",
    basis,
    data,
    design,
    intercept: core.beta[0] as number,
    coefficients,
    parameters: [...rows, ...transformRows(basis.spec)],
    diagnostics,
    settings: { level, nonNegative, sigma: Math.sqrt(core.sigma2), dfResidual: core.df },
  }, options.guardrails);
}

/** OLS with an intercept on the columns `keep` of `values`: estimates and inference rows. */
function olsCore(
  values: readonly Float64Array[],
  keep: readonly number[],
  y: Float64Array,
  level: number,
): { beta: Float64Array; rows: ParameterRow[]; sigma2: number; df: number } {
  const n = y.length, p = keep.length + 1, df = n - p;
  if (df <= 0) {
    throw new FitError(`Cannot fit OLS: ${n} rows for ${p} coefficients`, {
      hint: "use more rows, fewer terms, or a penalised estimator (fitRidge)",
    });
  }
  const x = fromColumns([
    new Float64Array(n).fill(1),
    ...keep.map((j) => values[j] as Float64Array),
  ]);
  const inv = invertSpd(gram(x), p);
  if (inv === undefined) {
    throw new FitError("Cannot fit OLS: the design columns are collinear", {
      hint: "remove collinear columns or use fitRidge",
    });
  }
  const beta = leastSquares(x, y);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < p; j++) f += (x.data[i * p + j] as number) * (beta[j] as number);
    rss += ((y[i] as number) - f) ** 2;
  }
  const sigma2 = rss / df, q = tQuantile(1 - (1 - level) / 2, df);
  const rows = Array.from(beta, (estimate, j): ParameterRow => {
    const se = Math.sqrt(sigma2 * (inv[j * p + j] as number));
    const row: ParameterRow = {
      name: "intercept",
      estimate,
      stdError: se,
      lower: estimate - q * se,
      upper: estimate + q * se,
    };
    const t = estimate / se;
    return Number.isFinite(t) ? { ...row, pValue: 2 * (1 - tCdf(Math.abs(t), df)) } : row;
  });
  return { beta, rows, sigma2, df };
}
