/**
 * Private engine of the two-stage estimators: fits both stages by OLS, then makes replicates of
 * any effect functional of the two coefficient vectors by moving-block bootstrap (both stages
 * refitted on the same resampled rows) or by Monte Carlo draws from each stage's asymptotic
 * normal.
 *
 * @module
 */
import type { Diagnostic } from "../types.ts";
import { Rng } from "../rng.ts";
import { choleskyInPlace, type DenseMatrix } from "../_internal/linalg.ts";
import { olsCoefficients, type OlsFit, olsFit } from "./_ols.ts";
import { movingBlockIndices } from "./block_bootstrap.ts";

/** Inputs of {@link runTwoStage}. */
export interface TwoStageProblem {
  /** Stage-1 design (with intercept column). */
  readonly x1: DenseMatrix;
  /** Stage-1 response (the mediator). */
  readonly y1: Float64Array;
  /** Stage-2 design (with intercept column). */
  readonly x2: DenseMatrix;
  /** Stage-2 response (the KPI). */
  readonly y2: Float64Array;
  /** Names for fit errors. */
  readonly stage1Name: string;
  /** Names for fit errors. */
  readonly stage2Name: string;
}

/** Replicate settings. */
export interface ReplicateSettings {
  /** `"none"` fits only. */
  readonly method: "none" | "bootstrap" | "monte-carlo";
  /** Number of replicates. */
  readonly replicates: number;
  /** Bootstrap block length, when given. */
  readonly blockLength: number | undefined;
  /** Seed. */
  readonly seed: number;
}

/** Fits and replicates. */
export interface TwoStageRun {
  /** Stage-1 fit. */
  readonly fit1: OlsFit;
  /** Stage-2 fit. */
  readonly fit2: OlsFit;
  /** values[q][r]: quantity q of replicate r (only the first `used` replicates are valid). */
  readonly values: readonly Float64Array[];
  /** Replicates that were computed. */
  readonly used: number;
  /** Findings (dropped replicates). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Fits both stages and evaluates `evaluate(coef1, coef2, out)` (which writes `quantities`
 * numbers into `out`) on every replicate.
 */
export function runTwoStage(
  problem: TwoStageProblem,
  settings: ReplicateSettings,
  quantities: number,
  evaluate: (coef1: Float64Array, coef2: Float64Array, out: Float64Array) => void,
): TwoStageRun {
  const { x1, y1, x2, y2 } = problem;
  const fit1 = olsFit(x1, y1, problem.stage1Name);
  const fit2 = olsFit(x2, y2, problem.stage2Name);
  const reps = settings.method === "none" ? 0 : settings.replicates;
  const values = Array.from({ length: quantities }, () => new Float64Array(reps));
  const out = new Float64Array(quantities);
  const diagnostics: Diagnostic[] = [];
  let used = 0;
  const record = (c1: Float64Array, c2: Float64Array) => {
    evaluate(c1, c2, out);
    for (let q = 0; q < quantities; q++) (values[q] as Float64Array)[used] = out[q] as number;
    used++;
  };
  const rng = new Rng(settings.seed);
  const n = x1.rows, p1 = x1.cols, p2 = x2.cols;
  if (settings.method === "bootstrap") {
    const rx1 = { rows: n, cols: p1, data: new Float64Array(n * p1) };
    const rx2 = { rows: n, cols: p2, data: new Float64Array(n * p2) };
    const ry1 = new Float64Array(n), ry2 = new Float64Array(n);
    let failed = 0;
    for (let r = 0; r < reps; r++) {
      const idx = movingBlockIndices(
        n,
        settings.blockLength === undefined ? { rng } : { rng, blockLength: settings.blockLength },
      );
      resampleRows(x1, idx, rx1.data);
      resampleRows(x2, idx, rx2.data);
      for (let i = 0; i < n; i++) {
        ry1[i] = y1[idx[i] as number] as number;
        ry2[i] = y2[idx[i] as number] as number;
      }
      const c1 = olsCoefficients(rx1, ry1), c2 = olsCoefficients(rx2, ry2);
      if (c1 === undefined || c2 === undefined) {
        failed++;
        continue;
      }
      record(c1, c2);
    }
    if (failed > 0) {
      diagnostics.push({
        level: "warning",
        code: "bootstrap-singular",
        message:
          `${failed} of ${reps} bootstrap replicates had collinear regressors and were dropped`,
      });
    }
  } else if (settings.method === "monte-carlo") {
    const l1 = lowerCholesky(fit1.cov, p1), l2 = lowerCholesky(fit2.cov, p2);
    const e1 = new Float64Array(p1), e2 = new Float64Array(p2);
    const c1 = new Float64Array(p1), c2 = new Float64Array(p2);
    for (let r = 0; r < reps; r++) {
      drawNormal(fit1.coef, l1, rng, e1, c1);
      drawNormal(fit2.coef, l2, rng, e2, c2);
      record(c1, c2);
    }
  }
  return { fit1, fit2, values, used, diagnostics };
}

function resampleRows(x: DenseMatrix, idx: Int32Array, out: Float64Array): void {
  const p = x.cols;
  for (let i = 0; i < idx.length; i++) {
    const src = (idx[i] as number) * p;
    for (let j = 0; j < p; j++) out[i * p + j] = x.data[src + j] as number;
  }
}

function lowerCholesky(cov: Float64Array, p: number): Float64Array {
  const l = Float64Array.from(cov);
  choleskyInPlace(l, p);
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) l[i * p + j] = 0;
  return l;
}

/** out = mean + L·e with e ~ N(0, I). */
function drawNormal(
  mean: Float64Array,
  l: Float64Array,
  rng: Rng,
  e: Float64Array,
  out: Float64Array,
): void {
  const p = mean.length;
  for (let i = 0; i < p; i++) e[i] = rng.normal();
  for (let i = 0; i < p; i++) {
    let s = mean[i] as number;
    for (let j = 0; j <= i; j++) s += (l[i * p + j] as number) * (e[j] as number);
    out[i] = s;
  }
}
