/**
 * Permutation feature importance: how much a fitted model's R² drops when one feature's values
 * are shuffled.
 *
 * @module
 */
import type { MatrixLike } from "../../_internal/linalg.ts";
import { Rng } from "../../rng.ts";
import { checkInteger, resolveXY } from "./_settings.ts";

/** Anything with a `predict` on a design matrix. */
export interface Predictor {
  /** Predictions for the rows of `x`. */
  predict(x: MatrixLike): Float64Array;
}

/** Options of {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** Shuffles per feature. @default 5 */
  readonly nRepeats?: number;
  /** Seed of the shuffles. @default 0 */
  readonly seed?: number;
  /** Feature names, one per column. @default "x1", "x2", … */
  readonly names?: readonly string[];
}

/** One feature's permutation importance. */
export interface PermutationImportanceRow {
  /** Feature name. */
  readonly name: string;
  /** Mean drop of R² over the repeats. */
  readonly mean: number;
  /** Standard deviation of the drop over the repeats (population, as sklearn). */
  readonly sd: number;
}

/**
 * Permutation importance (Breiman, 2001; as scikit-learn `permutation_importance` with the R²
 * score): for each feature, shuffle its column `nRepeats` times, and record the baseline R²
 * minus the R² of the predictions on the shuffled data. Computed on held-out rows it measures
 * what the model relies on, without the bias of impurity importances towards features with many
 * distinct values.
 *
 * @param model A fitted model with `predict`.
 * @param x The rows to score on (n × p), as a dense row-major matrix or as columns.
 * @param y Their targets.
 * @param options Repeats, seed, names.
 * @returns One row per feature, in column order.
 * @throws {RangeError} When shapes disagree or an option is out of range.
 *
 * @example A feature the model ignores has zero importance
 * ```ts
 * import { RegressionTree, permutationImportance } from "mixlab/models/trees";
 * import assert from "node:assert/strict";
 * const a = Float64Array.from({ length: 30 }, (_, i) => i), b = a.map((v) => (v * 7) % 5);
 * const tree = RegressionTree.fit([a, b], a); // y = a: the tree splits on a only
 * const [ia, ib] = permutationImportance(tree, [a, b], a, { names: ["a", "b"] });
 * assert.ok(ia!.mean > 0.5);
 * assert.equal(ib!.mean, 0);
 * ```
 */
export function permutationImportance(
  model: Predictor,
  x: MatrixLike,
  y: Float64Array,
  options: PermutationImportanceOptions = {},
): PermutationImportanceRow[] {
  const action = "compute permutation importance";
  const m = resolveXY(action, x, y);
  const { nRepeats = 5, seed = 0 } = options;
  checkInteger(action, "nRepeats", nRepeats, 1);
  const names = options.names ?? Array.from({ length: m.cols }, (_, j) => `x${j + 1}`);
  if (names.length !== m.cols) {
    throw new RangeError(`Cannot ${action}: ${names.length} names for ${m.cols} columns`);
  }
  const n = m.rows, p = m.cols;
  const rng = new Rng(seed);
  const baseline = r2(y, model.predict(m));
  const data = Float64Array.from(m.data);
  const shuffled = { rows: n, cols: p, data };
  const order = Array.from({ length: n }, (_, i) => i);
  const original = new Float64Array(n);
  return names.map((name, j) => {
    for (let i = 0; i < n; i++) original[i] = data[i * p + j] as number;
    const drops = new Float64Array(nRepeats);
    for (let r = 0; r < nRepeats; r++) {
      rng.shuffle(order);
      for (let i = 0; i < n; i++) data[i * p + j] = original[order[i] as number] as number;
      drops[r] = baseline - r2(y, model.predict(shuffled));
    }
    for (let i = 0; i < n; i++) data[i * p + j] = original[i] as number;
    let mean = 0;
    for (const d of drops) mean += d;
    mean /= nRepeats;
    let ss = 0;
    for (const d of drops) ss += (d - mean) ** 2;
    return { name, mean, sd: Math.sqrt(ss / nRepeats) };
  });
}

function r2(y: Float64Array, yHat: Float64Array): number {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length;
  let sse = 0, sst = 0;
  for (let i = 0; i < y.length; i++) {
    sse += ((y[i] as number) - (yHat[i] as number)) ** 2;
    sst += ((y[i] as number) - mean) ** 2;
  }
  return 1 - sse / sst;
}
