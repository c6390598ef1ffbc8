/**
 * Private checks of tree inputs and settings, shared by the tree, forest and boosting fits.
 *
 * @module
 */
import { type DenseMatrix, type MatrixLike, toDenseMatrix } from "../../_internal/linalg.ts";

/** Checks a design and a target of matching size with finite values; returns the matrix. */
export function resolveXY(action: string, x: MatrixLike, y: Float64Array): DenseMatrix {
  const m = toDenseMatrix(x, action);
  if (m.rows !== y.length) {
    throw new RangeError(`Cannot ${action}: x has ${m.rows} rows but y has ${y.length} values`);
  }
  if (m.rows < 2) throw new RangeError(`Cannot ${action}: needs at least 2 rows, got ${m.rows}`);
  if (m.cols < 1) throw new RangeError(`Cannot ${action}: x has no columns`);
  checkFinite(action, "x", m.data);
  checkFinite(action, "y", y);
  return m;
}

/** Checks the design to predict on has the training number of features. */
export function resolveX(action: string, x: MatrixLike, nFeatures: number): DenseMatrix {
  const m = toDenseMatrix(x, action);
  if (m.cols !== nFeatures) {
    throw new RangeError(
      `Cannot ${action}: the model was fitted on ${nFeatures} features, x has ${m.cols}`,
    );
  }
  checkFinite(action, "x", m.data);
  return m;
}

function checkFinite(action: string, name: string, v: Float64Array): void {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      throw new RangeError(
        `Cannot ${action}: ${name} has a non-finite value ${v[i]} at index ${i}`,
      );
    }
  }
}

/** Throws unless `value` is an integer ≥ min (Infinity allowed when `infinite`). */
export function checkInteger(
  action: string,
  name: string,
  value: number,
  min: number,
  infinite = false,
): void {
  if (infinite && value === Infinity) return;
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(
      `Cannot ${action}: ${name} must be an integer of at least ${min}, got ${value}`,
    );
  }
}

/** Throws unless 0 < value ≤ 1. */
export function checkFraction(action: string, name: string, value: number): void {
  if (!(value > 0 && value <= 1)) {
    throw new RangeError(`Cannot ${action}: ${name} must be in (0, 1], got ${value}`);
  }
}

/** Scales a non-negative vector to sum 1 (left as zeros when it sums to 0). */
export function normalise(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x;
  return s > 0 ? v.map((x) => x / s) : v;
}
