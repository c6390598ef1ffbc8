/**
 * The Breusch–Pagan test for heteroscedasticity of residuals.
 *
 * @module
 */
import chisquareCdf from "@stdlib/dist-chisquare-cdf";
import fCdf from "@stdlib/dist-f-cdf";
import {
  type DenseMatrix,
  leastSquares,
  type MatrixLike,
  toDenseMatrix,
} from "../../_internal/linalg.ts";
import { FitError } from "../../errors.ts";
import { checkResiduals, mean } from "./_checks.ts";

/** Options of {@link breuschPagan}. */
export interface BreuschPaganOptions {
  /**
   * Koenker's studentized version (LM = n·R² of e² on the regressors), robust to non-normal
   * errors; statsmodels' `het_breuschpagan` default (`robust=True`) and R `lmtest::bptest`'s.
   * `false` gives the original test (LM = ESS/2 of e²/mean(e²) on the regressors).
   * @default true
   */
  readonly studentize?: boolean;
}

/** Result of {@link breuschPagan}. */
export interface BreuschPaganResult {
  /** The Lagrange multiplier statistic. */
  readonly statistic: number;
  /** P(χ²_df > LM): small values mean the residual variance changes with the regressors. */
  readonly pValue: number;
  /** Degrees of freedom: the number of regressors. */
  readonly df: number;
  /** F statistic of the auxiliary regression (same in both versions). */
  readonly fStatistic: number;
  /** P(F_{df, n−df−1} > F). */
  readonly fPValue: number;
}

/**
 * Breusch–Pagan test (Breusch & Pagan, 1979; studentized by Koenker, 1981), as statsmodels
 * `het_breuschpagan(resid, add_constant(regressors), robust)`: the squared residuals are
 * regressed on an intercept and the regressors. Pass the regressors WITHOUT a constant column;
 * the intercept is added here. P-values from @stdlib's χ² and F CDFs.
 *
 * @param residuals Residuals, one per row.
 * @param regressors The variables the variance may depend on (n rows, k columns), as a dense
 * matrix or as columns.
 * @param options Studentized or original version.
 * @returns LM statistic and p-value, and the auxiliary F test.
 * @throws {RangeError} When shapes disagree, there are not more rows than k + 1, or a residual
 * is not finite.
 * @throws {FitError} When the regressors are collinear (with each other or the intercept).
 *
 * @example Variance growing with x is detected
 * ```ts
 * import { breuschPagan } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const x = Float64Array.from({ length: 40 }, (_, i) => i);
 * const e = x.map((v, i) => (i % 2 === 0 ? 1 : -1) * (1 + v));
 * assert.ok(breuschPagan(e, [x]).pValue < 0.01);
 * ```
 */
export function breuschPagan(
  residuals: Float64Array,
  regressors: MatrixLike,
  options: BreuschPaganOptions = {},
): BreuschPaganResult {
  const action = "run the Breusch-Pagan test";
  const { studentize = true } = options;
  const z = toDenseMatrix(regressors, action);
  const n = residuals.length, k = z.cols;
  if (z.rows !== n) {
    throw new RangeError(`Cannot ${action}: ${n} residuals but ${z.rows} regressor rows`);
  }
  if (k < 1) throw new RangeError(`Cannot ${action}: needs at least one regressor`);
  checkResiduals(action, residuals, k + 2);
  const y = residuals.map((e) => e * e);
  const yMean = mean(y);
  if (!studentize) { for (let i = 0; i < n; i++) y[i] = (y[i] as number) / yMean; }
  const fit = fitWithIntercept(z, y, action);
  const lm = studentize ? n * fit.rSquared : fit.ess / 2;
  const dfResid = n - k - 1;
  const fStatistic = (fit.ess / k) / (fit.ssr / dfResid);
  return {
    statistic: lm,
    pValue: 1 - chisquareCdf(lm, k),
    df: k,
    fStatistic,
    fPValue: 1 - fCdf(fStatistic, k, dfResid),
  };
}

interface AuxiliaryFit {
  readonly ess: number;
  readonly ssr: number;
  readonly rSquared: number;
}

function fitWithIntercept(z: DenseMatrix, y: Float64Array, action: string): AuxiliaryFit {
  const n = z.rows, p = z.cols + 1;
  const data = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    data[i * p] = 1;
    for (let j = 0; j < z.cols; j++) data[i * p + j + 1] = z.data[i * z.cols + j] as number;
  }
  let beta: Float64Array;
  try {
    beta = leastSquares({ rows: n, cols: p, data }, y);
  } catch (cause) {
    throw new FitError(
      `Cannot ${action}: the regressors are collinear`,
      { hint: "drop regressors that are constant or combinations of others" },
      { cause },
    );
  }
  const yMean = mean(y);
  let ssr = 0, sst = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let j = 0; j < p; j++) fitted += (data[i * p + j] as number) * (beta[j] as number);
    ssr += ((y[i] as number) - fitted) ** 2;
    sst += ((y[i] as number) - yMean) ** 2;
  }
  return { ess: sst - ssr, ssr, rSquared: 1 - ssr / sst };
}
