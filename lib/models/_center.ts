/**
 * Centring and standardising a design for the penalised estimators: they solve on
 * `Z = (X - x̄) / s` and `y - ȳ`, so the intercept is never penalised, then map back.
 *
 * @module
 */
import { FitError } from "../errors.ts";
import type { Diagnostic } from "../types.ts";
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
  /**
   * Names of columns that are constant over the rows (e.g. a holiday dummy in a short CV fold).
   * When standardising they are kept as zero columns, so a penalised fit gives them a zero
   * coefficient instead of failing.
   */
  readonly constant: readonly string[];
}

/**
 * Centres the design's columns and response, dividing columns by their population standard
 * deviation when `standardize` is true (glmnet's and sklearn's StandardScaler convention).
 *
 * Constant columns are centred to zeros and listed in `constant`; with λ > 0 their coefficient
 * is 0, and an unpenalised fit on them is singular (the caller reports it).
 */
export function centerDesign(
  design: DesignMatrix,
  y: Float64Array,
  standardize: boolean,
): CenteredProblem {
  const n = y.length, p = design.values.length;
  const means = new Float64Array(p), scales = new Float64Array(p).fill(1);
  const z: Float64Array[] = [];
  const constant: string[] = [];
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
    const sd = Math.sqrt(ss / n);
    if (!(sd > 0)) constant.push(design.columns[j]?.name ?? String(j));
    else if (standardize) {
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
  return { n, p, means, scales, yMean, gram, xty, yss, constant };
}

/**
 * A warning per constant column (its coefficient is 0); a {@link FitError} instead when the fit
 * is unpenalised (`lambda` 0), where such a column makes the problem singular.
 */
export function constantColumnDiagnostics(problem: CenteredProblem, lambda: number): Diagnostic[] {
  if (problem.constant.length > 0 && lambda === 0) {
    const column = problem.constant[0] as string;
    throw new FitError(`Cannot fit model: column "${column}" is constant`, {
      column,
      hint: "drop it from the spec (a constant is already in the intercept) or use lambda > 0",
    });
  }
  return problem.constant.map((column) => ({
    level: "warning" as const,
    code: "constant-column",
    subject: column,
    message: `"${column}" does not vary in these rows, so its coefficient is 0`,
  }));
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

/**
 * 1 for each channel's own media column when `nonNegative`, else undefined (no constraints).
 * Columns that features add to a channel (lags, interactions, share of voice, on-air terms)
 * are free in sign: a promotion may dampen TV as well as lift it.
 */
export function mediaMask(design: DesignMatrix, nonNegative: boolean): Uint8Array | undefined {
  if (!nonNegative) return undefined;
  const mask = new Uint8Array(design.columns.length);
  design.columns.forEach((c, j) => {
    if (c.group === "media" && c.name === c.term && c.parts === undefined) mask[j] = 1;
  });
  return mask;
}
