/**
 * The interface shared by the tree-based regressors.
 *
 * @module
 */
import type { MatrixLike } from "../../_internal/linalg.ts";

/** A fitted regressor on a numeric design: rows are observations, columns features. */
export interface Regressor {
  /** Number of features (columns) it was fitted on. */
  readonly nFeatures: number;
  /**
   * Impurity-based feature importances: each feature's share of the total decrease of squared
   * error over all splits (sums to 1 unless no split was made).
   */
  readonly featureImportances: Float64Array;
  /** Predictions for the rows of `x` (a dense row-major matrix or a list of columns). */
  predict(x: MatrixLike): Float64Array;
}
