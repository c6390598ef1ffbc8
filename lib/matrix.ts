/**
 * The matrix shapes that estimators, diagnostics and mediation take: a dense row-major
 * matrix, or equal-length columns.
 *
 * @module
 */

/**
 * A dense row-major matrix.
 *
 * @example A 2×2 identity
 * ```ts
 * import type { DenseMatrix } from "mixlab/core";
 * import assert from "node:assert/strict";
 * const eye: DenseMatrix = { rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) };
 * assert.equal(eye.data[1 * eye.cols + 1], 1);
 * ```
 */
export interface DenseMatrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** `data[i * cols + j]` is row i, column j. */
  readonly data: Float64Array;
}

/**
 * A matrix given either as a {@link DenseMatrix} or as equal-length columns.
 *
 * @example Two columns of three rows
 * ```ts
 * import type { MatrixLike } from "mixlab/core";
 * import assert from "node:assert/strict";
 * const x: MatrixLike = [new Float64Array([1, 2, 3]), new Float64Array([0, 1, 0])];
 * assert.equal(x.length, 2);
 * ```
 */
export type MatrixLike = DenseMatrix | readonly Float64Array[];
