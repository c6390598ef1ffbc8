/**
 * Gradient boosting regression with squared loss: shallow trees fitted to residuals.
 *
 * @module
 */
import type { MatrixLike } from "../../_internal/linalg.ts";
import { Rng } from "../../rng.ts";
import {
  addTreePrediction,
  growTree,
  predictTrees,
  presortColumns,
  type TreeArrays,
  treeFromJSON,
  type TreeJson,
  treeToJSON,
} from "./_cart.ts";
import { checkFraction, checkInteger, normalise, resolveXY } from "./_settings.ts";
import type { Regressor } from "./regressor.ts";

/** Options of {@link GradientBoostingRegressor.fit}. */
export interface GradientBoostingOptions {
  /** Number of boosting stages (trees). @default 100 */
  readonly nEstimators?: number;
  /** Shrinkage: each tree's prediction is multiplied by this. @default 0.1 */
  readonly learningRate?: number;
  /** Depth of each tree. @default 3 */
  readonly maxDepth?: number;
  /** Fraction of rows drawn without replacement for each tree (stochastic boosting). @default 1 */
  readonly subsample?: number;
  /** A node with fewer rows is not split. @default 2 */
  readonly minSamplesSplit?: number;
  /** Every leaf keeps at least this many rows. @default 1 */
  readonly minSamplesLeaf?: number;
  /** Seed of the random generator (row subsamples). @default 0 */
  readonly seed?: number;
}

/** The JSON form of a {@link GradientBoostingRegressor}. */
export interface GradientBoostingJson {
  /** Always `"mixlab.gradient-boosting"`. */
  readonly format: "mixlab.gradient-boosting";
  /** Number of features. */
  readonly nFeatures: number;
  /** The initial prediction. */
  readonly init: number;
  /** The shrinkage. */
  readonly learningRate: number;
  /** Training R² after each stage. */
  readonly trainR2: readonly number[];
  /** The trees' node arrays. */
  readonly trees: readonly TreeJson[];
}

/** A fitted gradient boosting model: mean of y plus the shrunken sum of its trees. */
export class GradientBoostingRegressor implements Regressor {
  /** Number of features it was fitted on. */
  readonly nFeatures: number;
  /** Impurity decrease per feature summed over all trees, normalised (as sklearn). */
  readonly featureImportances: Float64Array;
  /** The initial prediction: the mean of the training target. */
  readonly init: number;
  /** The shrinkage applied to every tree. */
  readonly learningRate: number;
  /** Training R² after each stage. */
  readonly trainR2: Float64Array;
  readonly #trees: readonly TreeArrays[];

  /** Wraps grown trees; use {@link GradientBoostingRegressor.fit}. */
  constructor(
    trees: readonly TreeArrays[],
    nFeatures: number,
    init: number,
    learningRate: number,
    trainR2: Float64Array,
  ) {
    this.#trees = trees;
    this.nFeatures = nFeatures;
    this.init = init;
    this.learningRate = learningRate;
    this.trainR2 = trainR2;
    const sum = new Float64Array(nFeatures);
    for (const t of trees) {
      for (let j = 0; j < nFeatures; j++) sum[j] = (sum[j] as number) + (t.importance[j] as number);
    }
    this.featureImportances = normalise(sum);
  }

  /** Number of trees. */
  get nEstimators(): number {
    return this.#trees.length;
  }

  /** Plain JSON that {@link GradientBoostingRegressor.fromJSON} turns back into an equal model. */
  toJSON(): GradientBoostingJson {
    return {
      format: "mixlab.gradient-boosting",
      nFeatures: this.nFeatures,
      init: this.init,
      learningRate: this.learningRate,
      trainR2: Array.from(this.trainR2),
      trees: this.#trees.map(treeToJSON),
    };
  }

  /** Rebuilds a model from {@link GradientBoostingRegressor.toJSON} output. */
  static fromJSON(json: GradientBoostingJson): GradientBoostingRegressor {
    if (json?.format !== "mixlab.gradient-boosting") {
      throw new TypeError(
        'Cannot load gradient boosting: format is not "mixlab.gradient-boosting"',
      );
    }
    return new GradientBoostingRegressor(
      json.trees.map(treeFromJSON),
      json.nFeatures,
      json.init,
      json.learningRate,
      Float64Array.from(json.trainR2),
    );
  }

  /** Predictions for the rows of `x`. */
  predict(x: MatrixLike): Float64Array {
    return predictTrees(
      "predict with gradient boosting",
      this.#trees,
      this.nFeatures,
      x,
      this.init,
      this.learningRate,
    );
  }

  /**
   * Fits least-squares gradient boosting (Friedman, 2001; stochastic variant 2002): starting from
   * the mean of y, each stage fits a depth-limited regression tree to the current residuals and
   * adds `learningRate ×` its prediction. With `subsample = 1` it is deterministic and equal to
   * scikit-learn's `GradientBoostingRegressor(loss="squared_error")` with the same stages,
   * learning rate and depth (barring exact ties between splits).
   *
   * @param x The design: n rows × p features, as a dense row-major matrix or as columns.
   * @param y The target, one value per row.
   * @param options Stages, shrinkage, depth, subsample, seed.
   * @returns The fitted model.
   * @throws {RangeError} When shapes disagree, values are not finite, or an option is out of range.
   *
   * @example Boosting stumps on a step
   * ```ts
   * import { GradientBoostingRegressor } from "mixlab/models/trees";
   * import assert from "node:assert/strict";
   * const x = Float64Array.from({ length: 10 }, (_, i) => i);
   * const y = x.map((v) => (v < 5 ? 0 : 1));
   * const gb = GradientBoostingRegressor.fit([x], y, { nEstimators: 1, learningRate: 0.5, maxDepth: 1 });
   * // mean 0.5, one stump with leaves −0.5 and +0.5, shrunk by half
   * assert.deepEqual(Array.from(gb.predict([new Float64Array([0, 9])])), [0.25, 0.75]);
   * ```
   */
  static fit(
    x: MatrixLike,
    y: Float64Array,
    options: GradientBoostingOptions = {},
  ): GradientBoostingRegressor {
    const action = "fit gradient boosting";
    const m = resolveXY(action, x, y);
    const {
      nEstimators = 100,
      learningRate = 0.1,
      maxDepth = 3,
      subsample = 1,
      minSamplesSplit = 2,
      minSamplesLeaf = 1,
      seed = 0,
    } = options;
    checkInteger(action, "nEstimators", nEstimators, 1);
    if (!(learningRate > 0 && Number.isFinite(learningRate))) {
      throw new RangeError(`Cannot ${action}: learningRate must be positive, got ${learningRate}`);
    }
    checkInteger(action, "maxDepth", maxDepth, 1, true);
    checkFraction(action, "subsample", subsample);
    checkInteger(action, "minSamplesSplit", minSamplesSplit, 2);
    checkInteger(action, "minSamplesLeaf", minSamplesLeaf, 1);
    const n = m.rows;
    const rng = new Rng(seed);
    let init = 0;
    for (const v of y) init += v;
    init /= n;
    let sst = 0;
    for (const v of y) sst += (v - init) ** 2;
    const settings = { maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures: m.cols };
    const current = new Float64Array(n).fill(init);
    const residual = new Float64Array(n);
    const nDraw = Math.max(1, Math.floor(subsample * n));
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const trees: TreeArrays[] = [];
    const presorted = presortColumns(m);
    const trainR2 = new Float64Array(nEstimators);
    for (let s = 0; s < nEstimators; s++) {
      for (let i = 0; i < n; i++) residual[i] = (y[i] as number) - (current[i] as number);
      let samples: Int32Array;
      if (nDraw < n) {
        // partial Fisher–Yates: the first nDraw entries are a sample without replacement
        for (let i = 0; i < nDraw; i++) {
          const j = i + rng.int(n - i), t = all[i] as number;
          all[i] = all[j] as number;
          all[j] = t;
        }
        samples = all.slice(0, nDraw);
      } else {
        samples = Int32Array.from(all);
      }
      const tree = growTree(m, residual, samples, presorted, settings);
      trees.push(tree);
      addTreePrediction(tree, m, learningRate, current);
      let sse = 0;
      for (let i = 0; i < n; i++) sse += ((y[i] as number) - (current[i] as number)) ** 2;
      trainR2[s] = 1 - sse / sst;
    }
    return new GradientBoostingRegressor(trees, m.cols, init, learningRate, trainR2);
  }
}
