/**
 * Conjugate Bayesian linear regression (Normal-Inverse-Gamma), in closed form. With the KPI
 * standardised (`y_s = (y − ȳ)/s_y`) and the design centred and standardised (`Z`):
 *
 *   y_s = c + Z b + ε,  ε ~ N(0, σ²),  p(c) ∝ 1,  b | σ² ~ N(0, σ²·g²·I),  σ² ~ IG(a₀, b₀)
 *
 * Posterior (Gelman et al., BDA3 §14.2, with the flat intercept integrated out by centring):
 * `V = (Z'Z + I/g²)⁻¹`, `m = V·Z'y_s`, `a = a₀ + (n − 1)/2`, `b = b₀ + (y_s'y_s − m'V⁻¹m)/2`;
 * each coefficient is Student-t with `2a` degrees of freedom, location `m_j` and scale²
 * `(b/a)·V_jj`; `c | σ² ~ N(0, σ²/n)`. The posterior mean of b is ridge's solution with
 * λ = 1/g² (on the standardised design). Everything is mapped back to KPI and design units.
 * The conjugate model has no sign constraints.
 *
 * @module
 */
import tQuantile from "@stdlib/dist-t-quantile";
import { FitError } from "../errors.ts";
import { Rng } from "../rng.ts";
import type { MmmData, ModelSpec, ParameterRow } from "../types.ts";
import { choleskyInPlace, invertSpd } from "../_internal/linalg.ts";
import { designBasis, designMatrix } from "./design_matrix.ts";
import { centerDesign, constantColumnDiagnostics } from "./_center.ts";
import { LinearModel } from "./linear_model.ts";
import { transformRows } from "./_rows.ts";

/** Options of {@link fitBayesLinear}. */
export interface BayesLinearOptions {
  /** Prior sd g of standardised coefficients, in units of σ. @default 1 */
  readonly priorScale?: number;
  /** Shape a₀ of the inverse-gamma prior on σ² (standardised KPI). @default 0.01 */
  readonly priorShape?: number;
  /** Rate b₀ of the inverse-gamma prior on σ² (standardised KPI). @default 0.01 */
  readonly priorRate?: number;
  /** Credible level of the intervals. @default 0.9 */
  readonly level?: number;
  /** Posterior draws to generate (for `predict(data, { draw })`). @default 1000 */
  readonly nDraws?: number;
  /** Seed of the draws. @default 0 */
  readonly seed?: number;
}

/**
 * Fits a conjugate Bayesian linear MMM.
 *
 * @param data Training data.
 * @param spec Model spec.
 * @param options Prior, credible level and draws.
 * @returns The fitted model: posterior means as estimates, posterior sds as `stdError`,
 * equal-tailed credible intervals as `lower`/`upper`, and `nDraws` posterior draws.
 * @throws {FitError} when the KPI or a column is constant.
 *
 * @example Draws are reproducible by seed
 * ```ts
 * import { defineModelSpec, fitBayesLinear } from "mixlab";
 * import assert from "node:assert/strict";
 * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: new Float64Array([11, 13, 10, 12, 16, 14]) },
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const a = fitBayesLinear(data, spec, { nDraws: 10, seed: 3 });
 * const b = fitBayesLinear(data, spec, { nDraws: 10, seed: 3 });
 * assert.deepEqual(a.predict(data, { draw: 9 }), b.predict(data, { draw: 9 }));
 * ```
 */
export function fitBayesLinear(
  data: MmmData,
  spec: ModelSpec,
  options: BayesLinearOptions = {},
): LinearModel {
  const g = options.priorScale ?? 1,
    a0 = options.priorShape ?? 0.01,
    b0 = options.priorRate ?? 0.01;
  const level = options.level ?? 0.9, nDraws = options.nDraws ?? 1000, seed = options.seed ?? 0;
  if (!(g > 0) || !(a0 > 0) || !(b0 > 0) || !(level > 0 && level < 1)) {
    throw new RangeError(
      "Cannot fit Bayesian linear model: priorScale, priorShape, priorRate must be > 0 and level in (0, 1)",
    );
  }
  if (!Number.isInteger(nDraws) || nDraws < 0) {
    throw new RangeError(
      `Cannot fit Bayesian linear model: nDraws must be a whole number ≥ 0, got ${nDraws}`,
    );
  }
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const y = design.y as Float64Array, n = y.length;
  const problem = centerDesign(design, y, true), p = problem.p;
  const sy = Math.sqrt(problem.yss / n);
  if (!(sy > 0)) {
    throw new FitError(`Cannot fit Bayesian linear model: KPI "${data.kpi.name}" is constant`, {
      column: data.kpi.name,
    });
  }
  // Standardised problem: Z'Z as is, Z'y_s = Z'(y − ȳ)/s_y, y_s'y_s = n.
  const precision = Float64Array.from(problem.gram);
  for (let j = 0; j < p; j++) precision[j * p + j] = (precision[j * p + j] as number) + 1 / (g * g);
  const v = invertSpd(precision, p);
  if (v === undefined) throw new FitError("Cannot fit Bayesian linear model: singular posterior");
  const zy = problem.xty.map((x) => x / sy), m = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += (v[i * p + j] as number) * (zy[j] as number);
    m[i] = s;
  }
  let quad = 0; // m'V⁻¹m = m'Z'y_s
  for (let j = 0; j < p; j++) quad += (m[j] as number) * (zy[j] as number);
  const aN = a0 + (n - 1) / 2, bN = b0 + (n - quad) / 2, nu = 2 * aN;
  const q = tQuantile(1 - (1 - level) / 2, nu), sdFactor = Math.sqrt(nu / (nu - 2));
  const sx = problem.scales, u = problem.means.map((x, j) => x / (sx[j] as number));
  const coefficients = m.map((b, j) => sy * b / (sx[j] as number));
  let um = 0, uvu = 0;
  for (let i = 0; i < p; i++) {
    um += (u[i] as number) * (m[i] as number);
    for (let j = 0; j < p; j++) {
      uvu += (u[i] as number) * (v[i * p + j] as number) * (u[j] as number);
    }
  }
  const intercept = problem.yMean - sy * um;
  const row = (name: string, estimate: number, scale: number): ParameterRow => ({
    name,
    estimate,
    stdError: scale * sdFactor,
    lower: estimate - q * scale,
    upper: estimate + q * scale,
  });
  const rows: ParameterRow[] = [
    row("intercept", intercept, sy * Math.sqrt((bN / aN) * (1 / n + uvu))),
    ...design.columns.map((c, j) =>
      row(
        c.name,
        coefficients[j] as number,
        (sy / (sx[j] as number)) * Math.sqrt((bN / aN) * (v[j * p + j] as number)),
      )
    ),
  ];
  const draws = nDraws > 0
    ? drawPosterior(v, m, aN, bN, { n, sy, sx, u, yMean: problem.yMean }, nDraws, seed)
    : undefined;
  return new LinearModel({
    kind: "bayes-linear",
    basis,
    data,
    design,
    intercept,
    coefficients,
    parameters: [...rows, ...transformRows(basis.spec)],
    diagnostics: constantColumnDiagnostics(problem, 1),
    settings: {
      priorScale: g,
      priorShape: a0,
      priorRate: b0,
      level,
      seed,
      sigma: sy * Math.sqrt(bN / (aN - 1)),
    },
    ...(draws ? { draws } : {}),
  });
}

function drawPosterior(
  v: Float64Array,
  m: Float64Array,
  aN: number,
  bN: number,
  units: { n: number; sy: number; sx: Float64Array; u: Float64Array; yMean: number },
  nDraws: number,
  seed: number,
): { intercept: Float64Array; coefficients: Float64Array } {
  const p = m.length, l = Float64Array.from(v);
  choleskyInPlace(l, p);
  const rng = new Rng(seed), z = new Float64Array(p), b = new Float64Array(p);
  const intercept = new Float64Array(nDraws), coefficients = new Float64Array(nDraws * p);
  for (let d = 0; d < nDraws; d++) {
    const sigma = Math.sqrt(bN / rng.gamma(aN));
    for (let j = 0; j < p; j++) z[j] = rng.normal();
    let ub = 0;
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += (l[i * p + k] as number) * (z[k] as number);
      b[i] = (m[i] as number) + sigma * s;
      ub += (units.u[i] as number) * (b[i] as number);
      coefficients[d * p + i] = units.sy * (b[i] as number) / (units.sx[i] as number);
    }
    const c = sigma / Math.sqrt(units.n) * rng.normal();
    intercept[d] = units.yMean + units.sy * (c - ub);
  }
  return { intercept, coefficients };
}
