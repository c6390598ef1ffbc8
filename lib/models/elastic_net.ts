/**
 * Lasso and elastic net MMMs by coordinate descent ({@link solveElasticNet}), with sklearn's
 * objective on the (by default standardised) design:
 * `1/(2n)·||y − β₀ − Zb||² + λ·(ρ·||b||₁ + (1 − ρ)/2·||b||²)`; the intercept is not penalised.
 * {@link elasticNetPath} fits a decreasing λ grid with warm starts.
 *
 * @module
 */
import type { MmmData, ModelSpec } from "../types.ts";
import { JUPYTER_DISPLAY } from "../display/jupyter.ts";
import { type Cell, table } from "../display/table.ts";
import { designBasis, designMatrix } from "./design_matrix.ts";
import {
  centerDesign,
  type CenteredProblem,
  constantColumnDiagnostics,
  mediaMask,
  uncenter,
} from "./_center.ts";
import { solveElasticNet } from "./elastic_net_solve.ts";
import type { LinearModel } from "./linear_model.ts";
import { guardedLinearModel } from "./_guarded.ts";
import type { GuardrailLimits } from "../guardrails/limits.ts";
import { pointRows, transformRows, zeroMediaDiagnostics } from "./_rows.ts";

/** Options of {@link fitElasticNet}. */
export interface ElasticNetOptions {
  /** Penalty λ ≥ 0 (sklearn's alpha). @default 1 */
  readonly lambda?: number;
  /** Mix ρ of the L1 penalty: 1 = lasso, 0 = ridge (on sklearn's 1/(2n) scale). @default 0.5 */
  readonly l1Ratio?: number;
  /** Standardise columns (population sd) before penalising. @default true */
  readonly standardize?: boolean;
  /** Constrain media coefficients to be ≥ 0. @default true */
  readonly nonNegative?: boolean;
  /** Coordinate-descent stopping tolerance (relative). @default 1e-12 */
  readonly tolerance?: number;
  /** Limits of the guardrails run on the fit (`lib/guardrails/guardrails.ts`). @default {} */
  readonly guardrails?: Partial<GuardrailLimits>;
}

function scaled(problem: CenteredProblem): { g: Float64Array; c: Float64Array } {
  const n = problem.n;
  return { g: problem.gram.map((v) => v / n), c: problem.xty.map((v) => v / n) };
}

function checkMix(lambda: number, l1Ratio: number): void {
  if (!(lambda >= 0) || !Number.isFinite(lambda) || !(l1Ratio >= 0 && l1Ratio <= 1)) {
    throw new RangeError(
      `Cannot fit elastic net: need lambda ≥ 0 and l1Ratio in [0, 1], got ${lambda} and ${l1Ratio}`,
    );
  }
}

/**
 * Fits an elastic-net (or lasso, `l1Ratio: 1`) MMM.
 *
 * @param data Training data.
 * @param spec Model spec.
 * @param options Penalty, mix, standardisation and sign constraints.
 * @returns The fitted model, of kind `"lasso"` when `l1Ratio` is 1, else `"elastic-net"`.
 *
 * @example A large penalty keeps only the intercept
 * ```ts
 * import { defineModelSpec, fitElasticNet } from "mixlab";
 * import assert from "node:assert/strict";
 * const tv = new Float64Array([1, 3, 0, 2]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + v) },
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const fit = fitElasticNet(data, spec, { lambda: 100, l1Ratio: 1 });
 * assert.equal(fit.coefficients[0], 0);
 * assert.equal(fit.intercept, 11.5);
 * ```
 */
export function fitElasticNet(
  data: MmmData,
  spec: ModelSpec,
  options: ElasticNetOptions = {},
): LinearModel {
  const lambda = options.lambda ?? 1, l1Ratio = options.l1Ratio ?? 0.5;
  checkMix(lambda, l1Ratio);
  const standardize = options.standardize ?? true, nonNegative = options.nonNegative ?? true;
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const problem = centerDesign(design, design.y as Float64Array, standardize);
  const constantWarnings = constantColumnDiagnostics(problem, lambda);
  const mask = mediaMask(design, nonNegative);
  const { g, c } = scaled(problem);
  const { coefficients: b, sweeps } = solveElasticNet(g, c, problem.p, lambda, {
    l1Ratio,
    ...(mask ? { nonNegative: mask } : {}),
    tolerance: options.tolerance ?? 1e-12,
  });
  const { intercept, coefficients } = uncenter(problem, b);
  return guardedLinearModel({
    kind: l1Ratio === 1 ? "lasso" : "elastic-net",
    basis,
    data,
    design,
    intercept,
    coefficients,
    parameters: [...pointRows(design, intercept, coefficients), ...transformRows(basis.spec)],
    diagnostics: [...constantWarnings, ...zeroMediaDiagnostics(design, coefficients, mask)],
    settings: { lambda, l1Ratio, standardize, nonNegative, sweeps },
  }, options.guardrails);
}

/** Options of {@link elasticNetPath}. */
export interface ElasticNetPathOptions {
  /** Mix ρ of the L1 penalty. @default 1 (lasso) */
  readonly l1Ratio?: number;
  /** Number of λ values. @default 100 */
  readonly nLambdas?: number;
  /** Smallest λ as a share of the largest (sklearn's eps). @default 1e-3 */
  readonly lambdaMinRatio?: number;
  /** Explicit decreasing λ values (overrides the grid). @default undefined */
  readonly lambdas?: readonly number[];
  /** Standardise columns before penalising. @default true */
  readonly standardize?: boolean;
  /** Constrain media coefficients to be ≥ 0. @default true */
  readonly nonNegative?: boolean;
}

/** Coefficients along a λ path, displayed as a table. */
export class ElasticNetPath {
  /** λ values, decreasing. */
  readonly lambdas: Float64Array;
  /** Intercept per λ. */
  readonly intercepts: Float64Array;
  /** Coefficients per λ, in the design's units (one array of p per λ). */
  readonly coefficients: readonly Float64Array[];
  /** Design column names. */
  readonly columns: readonly string[];

  /** Wraps a computed path; use {@link elasticNetPath}. */
  constructor(
    lambdas: Float64Array,
    intercepts: Float64Array,
    coefficients: readonly Float64Array[],
    columns: readonly string[],
  ) {
    this.lambdas = lambdas;
    this.intercepts = intercepts;
    this.coefficients = coefficients;
    this.columns = columns;
  }

  /** Number of non-zero coefficients at each λ. */
  get nonZero(): Int32Array {
    return Int32Array.from(this.coefficients, (b) => b.filter((v) => v !== 0).length);
  }

  /** Shows the path as a table (one row per λ). */
  [JUPYTER_DISPLAY](): Record<string, string> {
    const nz = this.nonZero;
    const rows = Array.from(this.lambdas, (l, k) => {
      const row: Record<string, Cell> = { lambda: l, nonZero: nz[k] as number };
      this.columns.forEach((
        c,
        j,
      ) => (row[c] = (this.coefficients[k] as Float64Array)[j] as number));
      return row;
    });
    const t = table(rows, { caption: "Elastic-net path" });
    return { "text/html": t.toHtml(), "text/plain": t.toText() };
  }
}

/**
 * Fits the elastic net along a decreasing λ grid with warm starts. The default grid is
 * sklearn's: `λ_max = max_j |Z_j'(y − ȳ)| / (n·max(ρ, 1e-3))` (the smallest λ with all
 * coefficients 0), then `nLambdas` values geometrically down to `λ_max·lambdaMinRatio`.
 *
 * @example The first λ of the grid zeroes every coefficient
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { elasticNetPath } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const tv = new Float64Array([1, 3, 0, 2]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + v) },
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const path = elasticNetPath(data, spec, { nLambdas: 5 });
 * assert.equal(path.nonZero[0], 0);
 * assert.equal(path.nonZero[4], 1);
 * ```
 */
export function elasticNetPath(
  data: MmmData,
  spec: ModelSpec,
  options: ElasticNetPathOptions = {},
): ElasticNetPath {
  const l1Ratio = options.l1Ratio ?? 1;
  checkMix(0, l1Ratio);
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const problem = centerDesign(design, design.y as Float64Array, options.standardize ?? true);
  const mask = mediaMask(design, options.nonNegative ?? true);
  const { g, c } = scaled(problem);
  let lambdas: Float64Array;
  if (options.lambdas) {
    lambdas = Float64Array.from(options.lambdas);
  } else {
    const count = options.nLambdas ?? 100, ratio = options.lambdaMinRatio ?? 1e-3;
    if (!(count >= 1) || !Number.isInteger(count) || !(ratio > 0 && ratio < 1)) {
      throw new RangeError(
        `Cannot build lambda grid: need a whole nLambdas ≥ 1 and lambdaMinRatio in (0, 1), got ${count} and ${ratio}`,
      );
    }
    let cmax = 0;
    for (let j = 0; j < problem.p; j++) cmax = Math.max(cmax, Math.abs(c[j] as number));
    const top = cmax / Math.max(l1Ratio, 1e-3);
    lambdas = Float64Array.from(
      { length: count },
      (_, k) => count === 1 ? top : top * Math.pow(ratio, k / (count - 1)),
    );
  }
  const b = new Float64Array(problem.p), intercepts = new Float64Array(lambdas.length);
  const coefficients: Float64Array[] = [];
  lambdas.forEach((lambda, k) => {
    checkMix(lambda, l1Ratio);
    solveElasticNet(g, c, problem.p, lambda, {
      l1Ratio,
      start: b,
      out: b,
      ...(mask ? { nonNegative: mask } : {}),
    });
    const u = uncenter(problem, b);
    intercepts[k] = u.intercept;
    coefficients.push(u.coefficients);
  });
  return new ElasticNetPath(
    lambdas,
    intercepts,
    coefficients,
    design.columns.map((col) => col.name),
  );
}
