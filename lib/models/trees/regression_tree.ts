/**
 * A CART regression tree (least squares), split for split the same as scikit-learn's
 * `DecisionTreeRegressor`.
 *
 * @module
 */
import type { MatrixLike } from "../../_internal/linalg.ts";
import { addTreePrediction, growTree, presortColumns, type TreeArrays } from "./_cart.ts";
import { checkInteger, normalise, resolveX, resolveXY } from "./_settings.ts";
import type { Regressor } from "./regressor.ts";

/** Options of {@link RegressionTree.fit}. */
export interface RegressionTreeOptions {
  /** Maximum depth (the root is depth 0). @default Infinity */
  readonly maxDepth?: number;
  /** A node with fewer rows is not split. @default 2 */
  readonly minSamplesSplit?: number;
  /** Every leaf keeps at least this many rows. @default 1 */
  readonly minSamplesLeaf?: number;
}

/**
 * A fitted regression tree. Nodes are stored in pre-order in flat arrays; a leaf has
 * `left[i] = -1`.
 */
export class RegressionTree implements Regressor {
  /** Number of features it was fitted on. */
  readonly nFeatures: number;
  /** Normalised impurity decrease per feature. */
  readonly featureImportances: Float64Array;
  /** Depth of the deepest leaf. */
  readonly depth: number;
  /** Split feature per node (−1 for leaves). */
  readonly feature: Int32Array;
  /** Split threshold per node: rows with x ≤ threshold go left. */
  readonly threshold: Float64Array;
  /** Left child per node (−1 for leaves). */
  readonly left: Int32Array;
  /** Right child per node (−1 for leaves). */
  readonly right: Int32Array;
  /** Mean target of the training rows in each node. */
  readonly value: Float64Array;
  readonly #tree: TreeArrays;

  /** Wraps grown tree arrays; use {@link RegressionTree.fit}. */
  constructor(tree: TreeArrays, nFeatures: number) {
    this.#tree = tree;
    this.nFeatures = nFeatures;
    this.featureImportances = normalise(Float64Array.from(tree.importance));
    this.depth = tree.depth;
    this.feature = tree.feature;
    this.threshold = tree.threshold;
    this.left = tree.left;
    this.right = tree.right;
    this.value = tree.value;
  }

  /** Number of leaves. */
  get nLeaves(): number {
    let k = 0;
    for (const l of this.left) if (l < 0) k++;
    return k;
  }

  /** Predictions for the rows of `x`. */
  predict(x: MatrixLike): Float64Array {
    const m = resolveX("predict with the regression tree", x, this.nFeatures);
    const out = new Float64Array(m.rows);
    addTreePrediction(this.#tree, m, 1, out);
    return out;
  }

  /**
   * Fits a least-squares regression tree (Breiman et al., 1984, CART). With all features
   * examined at every split, the tree is deterministic and equal to scikit-learn's
   * `DecisionTreeRegressor` with the same `max_depth`, `min_samples_split` and
   * `min_samples_leaf`, unless two splits tie exactly in quality (sklearn then picks by its random
   * feature order, this tree by column order).
   *
   * @param x The design: n rows × p features, as a dense row-major matrix or as columns.
   * @param y The target, one value per row.
   * @param options Depth and size limits.
   * @returns The fitted tree.
   * @throws {RangeError} When shapes disagree, values are not finite, or an option is out of range.
   *
   * @example A step function is recovered exactly
   * ```ts
   * import { RegressionTree } from "mixlab/models/trees";
   * import assert from "node:assert/strict";
   * const x = Float64Array.from({ length: 20 }, (_, i) => i);
   * const y = x.map((v) => (v < 7 ? 1 : v < 15 ? 4 : 2));
   * const tree = RegressionTree.fit([x], y);
   * assert.deepEqual(Array.from(tree.predict([new Float64Array([0, 6.4, 6.6, 14.4, 14.6])])), [1, 1, 4, 4, 2]);
   * assert.equal(tree.nLeaves, 3);
   * ```
   */
  static fit(
    x: MatrixLike,
    y: Float64Array,
    options: RegressionTreeOptions = {},
  ): RegressionTree {
    const action = "fit a regression tree";
    const m = resolveXY(action, x, y);
    const { maxDepth = Infinity, minSamplesSplit = 2, minSamplesLeaf = 1 } = options;
    checkInteger(action, "maxDepth", maxDepth, 0, true);
    checkInteger(action, "minSamplesSplit", minSamplesSplit, 2);
    checkInteger(action, "minSamplesLeaf", minSamplesLeaf, 1);
    const samples = Int32Array.from({ length: m.rows }, (_, i) => i);
    const tree = growTree(m, y, samples, presortColumns(m), {
      maxDepth,
      minSamplesSplit,
      minSamplesLeaf,
      maxFeatures: m.cols,
    });
    return new RegressionTree(tree, m.cols);
  }
}
