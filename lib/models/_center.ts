/**
 * Centring and standardising a design for the penalised estimators: they solve on
 * `Z = (X - x̄) / s` and `y - ȳ`, so the intercept is never penalised, then map back.
 *
 * @module
 */
import { FitError } from "../errors.ts";
import type { DesignMatrix } from "./design_matrix.ts";

/** The centred (and possibly standardised) problem of a design. */
export interface CenteredProblem {
  /** Rows. */
  readonly n: number;
  /** Columns. */
  readonly p: number;
  /** Column means x̄. */
  readonly means: Float64Array;
  /** Column divisors s (population sd when standardising, else 1). */
  readonly scales: Float64Array;
  /** Mean of the response ȳ. */
  readonly yMean: number;
  /** `Z'Z`, p×p row-major. */
  readonly gram: Float64Array;
  /** `Z'(y - ȳ)`. */
  readonly xty: Float64Array;
  /** `Σ (y - ȳ)²`. */
  readonly yss: number;
}

/**
 * Centres the design's columns and response, dividing columns by their population standard
 * deviation when `standardize` is true (glmnet's and sklearn's StandardScaler convention).
 *
 * @throws {FitError} when standardising a constant column.
 */
export function centerDesign(
  design: DesignMatrix,
  y: Float64Array,
  standardize: boolean,
): CenteredProblem {
  const n = y.length, p = design.values.length;
  const means = new Float64Array(p), scales = new Float64Array(p).fill(1);
  const z: Float64Array[] = [];
  for (let j = 0; j < p; j++) {
    const col = design.values[j] as Float64Array;
    let m = 0;
    for (let i = 0; i < n; i++) m += col[i] as number;
    m /= n;
    means[j] = m;
    const c = new Float64Array(n);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = (col[i] as number) - m;
      c[i] = v;
      ss += v * v;
    }
    if (standardize) {
      const sd = Math.sqrt(ss / n);
      if (!(sd > 0)) {
        const column = design.columns[j]?.name ?? String(j);
        throw new FitError(`Cannot fit model: column "${column}" is constant`, {
          column,
          hint: "drop it from the spec (a constant is already in the intercept)",
        });
      }
      scales[j] = sd;
      for (let i = 0; i < n; i++) c[i] = (c[i] as number) / sd;
    }
    z.push(c);
  }
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i] as number;
  yMean /= n;
  const yc = y.map((v) => v - yMean);
  let yss = 0;
  for (let i = 0; i < n; i++) yss += (yc[i] as number) ** 2;
  const gram = new Float64Array(p * p), xty = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    const za = z[a] as Float64Array;
    let s = 0;
    for (let i = 0; i < n; i++) s += (za[i] as number) * (yc[i] as number);
    xty[a] = s;
    for (let b = a; b < p; b++) {
      const zb = z[b] as Float64Array;
      let g = 0;
      for (let i = 0; i < n; i++) g += (za[i] as number) * (zb[i] as number);
      gram[a * p + b] = g;
      gram[b * p + a] = g;
    }
  }
  return { n, p, means, scales, yMean, gram, xty, yss };
}

/** Maps coefficients on Z back to X's units: `β_j = b_j / s_j`, `β₀ = ȳ − Σ x̄_j β_j`. */
export function uncenter(
  problem: CenteredProblem,
  b: Float64Array,
): { intercept: number; coefficients: Float64Array } {
  const coefficients = new Float64Array(problem.p);
  let intercept = problem.yMean;
  for (let j = 0; j < problem.p; j++) {
    const beta = (b[j] as number) / (problem.scales[j] as number);
    coefficients[j] = beta;
    intercept -= (problem.means[j] as number) * beta;
  }
  return { intercept, coefficients };
}

/** 1 for media columns when `nonNegative`, else undefined (no constraints). */
export function mediaMask(design: DesignMatrix, nonNegative: boolean): Uint8Array | undefined {
  if (!nonNegative) return undefined;
  const mask = new Uint8Array(design.columns.length);
  design.columns.forEach((c, j) => {
    if (c.group === "media") mask[j] = 1;
  });
  return mask;
}
