/**
 * Private least squares for the two mediation stages: coefficients, their covariance
 * σ²(X'X)⁻¹ with σ² = RSS / (n − p), by Cholesky on the Gram matrix.
 *
 * @module
 */
import { FitError } from "../errors.ts";
import {
  choleskyInPlace,
  choleskySolve,
  crossProduct,
  type DenseMatrix,
  gram,
  invertSpd,
} from "../_internal/linalg.ts";

/** An ordinary least squares fit. */
export interface OlsFit {
  /** Coefficients, in the column order of the design. */
  readonly coef: Float64Array;
  /** Covariance of the coefficients, p×p row-major. */
  readonly cov: Float64Array;
  /** Residual variance RSS / (n − p). */
  readonly sigma2: number;
  /** Residual degrees of freedom n − p. */
  readonly df: number;
}

/** Fits y on the columns of x (which must include an intercept column if one is wanted). */
export function olsFit(x: DenseMatrix, y: Float64Array, stage: string): OlsFit {
  const { rows: n, cols: p } = x;
  if (n <= p) {
    throw new FitError(
      `Cannot fit ${stage}: ${n} rows for ${p} coefficients`,
      { hint: "use more rows or fewer regressors" },
    );
  }
  const g = gram(x);
  const l = Float64Array.from(g);
  if (!choleskyInPlace(l, p)) {
    throw new FitError(`Cannot fit ${stage}: the regressors are collinear`, {
      hint: "drop a regressor that is a linear combination of the others",
    });
  }
  const coef = choleskySolve(l, p, crossProduct(x, y));
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < p; j++) f += (x.data[i * p + j] as number) * (coef[j] as number);
    rss += ((y[i] as number) - f) ** 2;
  }
  const df = n - p;
  const sigma2 = rss / df;
  const inv = invertSpd(g, p) as Float64Array;
  for (let k = 0; k < inv.length; k++) inv[k] = (inv[k] as number) * sigma2;
  return { coef, cov: inv, sigma2, df };
}

/** Least-squares coefficients only (no covariance), for bootstrap replicates. */
export function olsCoefficients(x: DenseMatrix, y: Float64Array): Float64Array | undefined {
  const l = gram(x);
  if (!choleskyInPlace(l, x.cols)) return undefined;
  return choleskySolve(l, x.cols, crossProduct(x, y));
}
