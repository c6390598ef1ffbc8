/**
 * Random forest regression: bootstrap samples and random feature subsets per split.
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

/** Options of {@link RandomForestRegressor.fit}. */
export interface RandomForestOptions {
  /** Number of trees. @default 100 */
  readonly nTrees?: number;
  /**
   * Fraction of the features examined at each split: max(1, floor(maxFeatures · p)) of them,
   * drawn afresh per split (Breiman's p/3 rule for regression by default). @default 1 / 3
   */
  readonly maxFeatures?: number;
  /** Fit each tree on a bootstrap sample (n rows drawn with replacement). @default true */
  readonly bootstrap?: boolean;
  /** Maximum tree depth. @default Infinity */
  readonly maxDepth?: number;
  /** A node with fewer rows is not split. @default 2 */
  readonly minSamplesSplit?: number;
  /** Every leaf keeps at least this many rows. @default 1 */
  readonly minSamplesLeaf?: number;
  /** Seed of the random generator (bootstrap rows and feature subsets). @default 0 */
  readonly seed?: number;
}

/** The JSON form of a {@link RandomForestRegressor}. */
export interface RandomForestJson {
  /** Always `"mixlab.random-forest"`. */
  readonly format: "mixlab.random-forest";
  /** Number of features. */
  readonly nFeatures: number;
  /** The trees' node arrays. */
  readonly trees: readonly TreeJson[];
  /** Out-of-bag predictions (null for rows no tree left out). */
  readonly oobPrediction?: readonly (number | null)[];
}

/** A fitted random forest: the prediction is the mean of its trees'. */
export class RandomForestRegressor implements Regressor {
  /** Number of features it was fitted on. */
  readonly nFeatures: number;
  /** Mean over trees of each tree's normalised impurity decrease, normalised again (as sklearn). */
  readonly featureImportances: Float64Array;
  /**
   * Out-of-bag prediction per training row: the mean over the trees whose bootstrap sample left
   * the row out (NaN for a row every tree saw); undefined without bootstrap.
   */
  readonly oobPrediction: Float64Array | undefined;
  readonly #trees: readonly TreeArrays[];

  /** Wraps grown trees; use {@link RandomForestRegressor.fit}. */
  constructor(trees: readonly TreeArrays[], nFeatures: number, oobPrediction?: Float64Array) {
    this.#trees = trees;
    this.nFeatures = nFeatures;
    this.oobPrediction = oobPrediction;
    const sum = new Float64Array(nFeatures);
    let used = 0;
    for (const t of trees) {
      if (t.left.length === 1) continue;
      const imp = normalise(Float64Array.from(t.importance));
      for (let j = 0; j < nFeatures; j++) sum[j] = (sum[j] as number) + (imp[j] as number);
      used++;
    }
    this.featureImportances = used > 0 ? normalise(sum.map((v) => v / used)) : sum;
  }

  /** Number of trees. */
  get nTrees(): number {
    return this.#trees.length;
  }

  /** Plain JSON that {@link RandomForestRegressor.fromJSON} turns back into an equal forest. */
  toJSON(): RandomForestJson {
    return {
      format: "mixlab.random-forest",
      nFeatures: this.nFeatures,
      trees: this.#trees.map(treeToJSON),
      ...(this.oobPrediction
        ? { oobPrediction: Array.from(this.oobPrediction, (v) => (Number.isNaN(v) ? null : v)) }
        : {}),
    };
  }

  /** Rebuilds a forest from {@link RandomForestRegressor.toJSON} output. */
  static fromJSON(json: RandomForestJson): RandomForestRegressor {
    if (json?.format !== "mixlab.random-forest") {
      throw new TypeError('Cannot load random forest: format is not "mixlab.random-forest"');
    }
    const oob = json.oobPrediction
      ? Float64Array.from(json.oobPrediction, (v) => v ?? NaN)
      : undefined;
    return new RandomForestRegressor(json.trees.map(treeFromJSON), json.nFeatures, oob);
  }

  /** Predictions for the rows of `x`: the mean of the trees' predictions. */
  predict(x: MatrixLike): Float64Array {
    const trees = this.#trees;
    return predictTrees(
      "predict with the random forest",
      trees,
      this.nFeatures,
      x,
      0,
      1 / trees.length,
    );
  }

  /**
   * Fits a random forest of least-squares regression trees (Breiman, 2001): every tree is grown
   * to full depth (by default) on a bootstrap sample of the rows, examining a random subset of
   * the features at each split. Reproducible: the same seed gives the same forest.
   *
   * @param x The design: n rows × p features, as a dense row-major matrix or as columns.
   * @param y The target, one value per row.
   * @param options Number of trees, feature fraction, bootstrap, tree limits, seed.
   * @returns The fitted forest, with out-of-bag predictions when bootstrapping.
   * @throws {RangeError} When shapes disagree, values are not finite, or an option is out of range.
   *
   * @example A forest fits a step and ranks the feature that matters first
   * ```ts
   * import { RandomForestRegressor } from "mixlab/models/trees";
   * import assert from "node:assert/strict";
   * const a = Float64Array.from({ length: 60 }, (_, i) => i % 10);
   * const b = Float64Array.from({ length: 60 }, (_, i) => (i * 7) % 13);
   * const y = a.map((v) => (v < 5 ? 0 : 10));
   * const rf = RandomForestRegressor.fit([a, b], y, { nTrees: 20, maxFeatures: 1, seed: 1 });
   * assert.deepEqual(Array.from(rf.predict([new Float64Array([2, 8]), new Float64Array([3, 3])])), [0, 10]);
   * assert.ok(rf.featureImportances[0]! > 0.99);
   * ```
   */
  static fit(
    x: MatrixLike,
    y: Float64Array,
    options: RandomForestOptions = {},
  ): RandomForestRegressor {
    const action = "fit a random forest";
    const m = resolveXY(action, x, y);
    const {
      nTrees = 100,
      maxFeatures = 1 / 3,
      bootstrap = true,
      maxDepth = Infinity,
      minSamplesSplit = 2,
      minSamplesLeaf = 1,
      seed = 0,
    } = options;
    checkInteger(action, "nTrees", nTrees, 1);
    checkFraction(action, "maxFeatures", maxFeatures);
    checkInteger(action, "maxDepth", maxDepth, 0, true);
    checkInteger(action, "minSamplesSplit", minSamplesSplit, 2);
    checkInteger(action, "minSamplesLeaf", minSamplesLeaf, 1);
    const rng = new Rng(seed);
    const n = m.rows;
    const settings = {
      maxDepth,
      minSamplesSplit,
      minSamplesLeaf,
      maxFeatures: Math.max(1, Math.floor(maxFeatures * m.cols)),
      rng,
    };
    const trees: TreeArrays[] = [];
    const presorted = presortColumns(m);
    const samples = new Int32Array(n);
    const inBag = new Uint8Array(n);
    const oobSum = new Float64Array(n), oobCount = new Int32Array(n);
    const one = new Float64Array(1);
    for (let t = 0; t < nTrees; t++) {
      inBag.fill(0);
      for (let i = 0; i < n; i++) {
        const row = bootstrap ? rng.int(n) : i;
        samples[i] = row;
        inBag[row] = 1;
      }
      const tree = growTree(m, y, samples, presorted, settings);
      trees.push(tree);
      if (!bootstrap) continue;
      for (let i = 0; i < n; i++) {
        if (inBag[i] === 1) continue;
        one[0] = 0;
        addTreePrediction(
          tree,
          { rows: 1, cols: m.cols, data: m.data.subarray(i * m.cols, (i + 1) * m.cols) },
          1,
          one,
        );
        oobSum[i] = (oobSum[i] as number) + (one[0] as number);
        oobCount[i] = (oobCount[i] as number) + 1;
      }
    }
    const oob = bootstrap
      ? oobSum.map((s, i) => (oobCount[i] as number) > 0 ? s / (oobCount[i] as number) : NaN)
      : undefined;
    return new RandomForestRegressor(trees, m.cols, oob);
  }
}
