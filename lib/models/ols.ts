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
import { LinearModel } from "./linear_model.ts";
import { transformRows } from "./_rows.ts";

/** Options of {@link fitOls}. */
export interface OlsOptions {
  /** Confidence level of the intervals. @default 0.95 */
  readonly level?: number;
}

/**
 * Fits an MMM by ordinary least squares (no penalty, no sign constraints: classical inference
 * needs the unconstrained estimator; a negative media coefficient is reported as a diagnostic).
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
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot fit OLS: level must be in (0, 1), got ${level}`);
  }
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const y = design.y as Float64Array, n = y.length, p = design.values.length + 1;
  const df = n - p;
  if (df <= 0) {
    throw new FitError(`Cannot fit OLS: ${n} rows for ${p} coefficients`, {
      hint: "use more rows, fewer terms, or a penalised estimator (fitRidge)",
    });
  }
  const x = fromColumns([new Float64Array(n).fill(1), ...design.values]);
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
  const names = ["intercept", ...design.columns.map((c) => c.name)];
  const rows: ParameterRow[] = names.map((name, j) => {
    const estimate = beta[j] as number, se = Math.sqrt(sigma2 * (inv[j * p + j] as number));
    const row: ParameterRow = {
      name,
      estimate,
      stdError: se,
      lower: estimate - q * se,
      upper: estimate + q * se,
    };
    const t = estimate / se;
    return Number.isFinite(t) ? { ...row, pValue: 2 * (1 - tCdf(Math.abs(t), df)) } : row;
  });
  const coefficients = beta.slice(1);
  const diagnostics: Diagnostic[] = [];
  design.columns.forEach((c, j) => {
    if (c.group === "media" && (coefficients[j] as number) < 0) {
      diagnostics.push({
        level: "warning",
        code: "media-negative",
        subject: c.name,
        message: `Channel "${c.name}" has a negative OLS coefficient; consider fitRidge with ` +
          "non-negative media, or check collinearity with other terms",
      });
    }
  });
  return new LinearModel({
    kind: "ols",
    basis,
    data,
    design,
    intercept: beta[0] as number,
    coefficients,
    parameters: [...rows, ...transformRows(basis.spec)],
    diagnostics,
    settings: { level, sigma: Math.sqrt(sigma2), dfResidual: df },
  });
}
