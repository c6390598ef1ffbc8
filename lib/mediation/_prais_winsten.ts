/**
 * Private Prais-Winsten transform for a regression with AR(1) errors (Prais & Winsten 1954;
 * ρ estimated by iterated Cochrane-Orcutt, Cochrane & Orcutt 1949, JASA 44): rows are
 * quasi-differenced, z_t − ρ·z_{t−1}, and each series' first row is scaled by √(1 − ρ²), so
 * OLS on the result is feasible GLS. Series restart at every geo block.
 *
 * @module
 */
import { type DenseMatrix, fromColumns } from "../_internal/linalg.ts";
import { olsCoefficients } from "./_ols.ts";

/** The whitened problem and the estimated autocorrelation. */
export interface Whitened {
  /** Transformed design. */
  readonly x: DenseMatrix;
  /** Transformed response. */
  readonly y: Float64Array;
  /** The AR(1) coefficient of the errors. */
  readonly rho: number;
}

/**
 * Estimates ρ by iterating OLS → lag-1 residual autocorrelation → transform, and returns the
 * transformed columns. `starts[t]` is true where a new series (geo) begins.
 */
export function praisWinsten(
  columns: readonly Float64Array[],
  y: Float64Array,
  starts: Uint8Array,
): Whitened {
  const n = y.length;
  const x0 = fromColumns(columns);
  let rho = 0;
  let x = x0, yy = y;
  for (let iteration = 0; iteration < 50; iteration++) {
    const coef = olsCoefficients(x, yy);
    if (coef === undefined) break;
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = 0; j < columns.length; j++) {
        f += ((columns[j] as Float64Array)[i] as number) * (coef[j] as number);
      }
      e[i] = (y[i] as number) - f;
    }
    let num = 0, den = 0;
    for (let i = 1; i < n; i++) {
      if (starts[i] === 1) continue;
      num += (e[i] as number) * (e[i - 1] as number);
      den += (e[i - 1] as number) ** 2;
    }
    const next = Math.max(-0.99, Math.min(0.99, den > 0 ? num / den : 0));
    const done = Math.abs(next - rho) < 1e-8;
    rho = next;
    x = fromColumns(columns.map((c) => transform(c, rho, starts)));
    yy = transform(y, rho, starts);
    if (done) break;
  }
  return { x, y: yy, rho };
}

function transform(z: Float64Array, rho: number, starts: Uint8Array): Float64Array {
  const out = new Float64Array(z.length);
  const first = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < z.length; i++) {
    out[i] = i === 0 || starts[i] === 1
      ? first * (z[i] as number)
      : (z[i] as number) - rho * (z[i - 1] as number);
  }
  return out;
}
