/**
 * Ridge regression of the KPI on the design (Robyn's estimator): closed form through
 * {@link solveRidge}, with the intercept unpenalised and media coefficients optionally
 * constrained to be non-negative (exact active-set solve).
 *
 * Objective (sklearn's `Ridge(alpha=λ)` on centred data): `||y − β₀ − Zb||² + λ·||b||²`, where
 * `Z` is the design standardised by the population sd of each column when `standardize` is true
 * (as glmnet and sklearn's StandardScaler do), else the design itself. Coefficients are reported
 * in the design's own units.
 *
 * @module
 */
import type { MmmData, ModelSpec } from "../types.ts";
import { designBasis, designMatrix } from "./design_matrix.ts";
import { centerDesign, constantColumnDiagnostics, mediaMask, uncenter } from "./_center.ts";
import { solveRidge } from "./ridge_solve.ts";
import type { LinearModel } from "./linear_model.ts";
import { guardedLinearModel } from "./_guarded.ts";
import type { GuardrailLimits } from "../guardrails/limits.ts";
import { pointRows, transformRows, zeroMediaDiagnostics } from "./_rows.ts";

/** Options of {@link fitRidge}. */
export interface RidgeOptions {
  /** Penalty λ ≥ 0 (sklearn's alpha, on the standardised design by default). @default 1 */
  readonly lambda?: number;
  /** Standardise columns before penalising (coefficients are mapped back). @default true */
  readonly standardize?: boolean;
  /** Constrain media coefficients to be ≥ 0. @default true */
  readonly nonNegative?: boolean;
  /** Limits of the guardrails run on the fit (`lib/guardrails/guardrails.ts`). @default {} */
  readonly guardrails?: Partial<GuardrailLimits>;
  /**
   * Transform parameters of the spec that a tuning search chose (`"<channel>.<stage>.<param>"`),
   * reported as `"tuned"` by `transformParams()`. @default []
   */
  readonly tuned?: readonly string[];
}

/**
 * Fits a ridge MMM.
 *
 * @param data Training data.
 * @param spec Model spec (from `defineModelSpec`).
 * @param options Penalty, standardisation and sign constraints.
 * @returns The fitted model.
 * @throws {FitError} for a constant column (when standardising), a channel with no spend, or a
 * singular problem at λ = 0.
 *
 * @example Noise-free data is recovered exactly at λ = 0
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import assert from "node:assert/strict";
 * const dates = ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"];
 * const tv = new Float64Array([1, 3, 0, 2]);
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", scale: 1, adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * assert.ok(Math.abs(fit.intercept - 10) < 1e-12);
 * assert.ok(Math.abs((fit.coefficients[0] as number) - 4) < 1e-12);
 * ```
 */
export function fitRidge(data: MmmData, spec: ModelSpec, options: RidgeOptions = {}): LinearModel {
  const lambda = options.lambda ?? 1;
  if (!(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new RangeError(`Cannot fit ridge: lambda must be a finite number ≥ 0, got ${lambda}`);
  }
  const standardize = options.standardize ?? true, nonNegative = options.nonNegative ?? true;
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const problem = centerDesign(design, design.y as Float64Array, standardize);
  const constantWarnings = constantColumnDiagnostics(problem, lambda);
  const mask = mediaMask(design, nonNegative);
  const b = solveRidge(
    problem.gram,
    problem.xty,
    problem.p,
    lambda,
    mask ? { nonNegative: mask } : {},
  );
  const { intercept, coefficients } = uncenter(problem, b);
  return guardedLinearModel({
    kind: "ridge",
    basis,
    data,
    design,
    intercept,
    coefficients,
    parameters: [...pointRows(design, intercept, coefficients), ...transformRows(basis.spec)],
    diagnostics: [
      ...constantWarnings,
      ...zeroMediaDiagnostics(design, coefficients, mask),
    ],
    settings: { lambda, standardize, nonNegative },
    ...(options.tuned ? { tuned: options.tuned } : {}),
  }, options.guardrails);
}
