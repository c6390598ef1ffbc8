/**
 * The one facade over linear algebra. Hot paths (ridge fits inside tuning) use the hand-written
 * Cholesky routines here on plain `Float64Array`s; everything else goes through ml-matrix, which
 * no other module imports. Matrices are row-major `Float64Array`s with explicit dimensions.
 *
 * @module
 */
import { Matrix, QrDecomposition, SingularValueDecomposition } from "ml-matrix";
import type { DenseMatrix, MatrixLike } from "../matrix.ts";

export type { DenseMatrix, MatrixLike };

/** Makes a zero matrix. */
export function zeros(rows: number, cols: number): DenseMatrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Builds a row-major matrix from columns of equal length. */
export function fromColumns(columns: readonly Float64Array[]): DenseMatrix {
  const cols = columns.length;
  const rows = cols === 0 ? 0 : (columns[0] as Float64Array).length;
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const c = columns[j] as Float64Array;
    for (let i = 0; i < rows; i++) data[i * cols + j] = c[i] as number;
  }
  return { rows, cols, data };
}

/** Column j of a matrix as a new array. */
export function column(m: DenseMatrix, j: number): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data[i * m.cols + j] as number;
  return out;
}

/** X'X (p×p, row-major) of an n×p matrix. */
export function gram(x: DenseMatrix, out = new Float64Array(x.cols * x.cols)): Float64Array {
  const { rows: n, cols: p, data } = x;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let a = 0; a < p; a++) {
      const xa = data[o + a] as number;
      if (xa === 0) continue;
      for (let b = a; b < p; b++) {
        out[a * p + b] = (out[a * p + b] as number) + xa * (data[o + b] as number);
      }
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) out[a * p + b] = out[b * p + a] as number;
  return out;
}

/** X'y of an n×p matrix and an n-vector. */
export function crossProduct(
  x: DenseMatrix,
  y: Float64Array,
  out = new Float64Array(x.cols),
): Float64Array {
  const { rows: n, cols: p, data } = x;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number, o = i * p;
    for (let a = 0; a < p; a++) out[a] = (out[a] as number) + (data[o + a] as number) * yi;
  }
  return out;
}

/**
 * In-place Cholesky factorisation of a symmetric positive definite p×p matrix: on success the
 * lower triangle of `a` holds L with A = L L' and the function returns true; it returns false
 * when A is not positive definite.
 */
export function choleskyInPlace(a: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j] as number;
    for (let k = 0; k < j; k++) d -= (a[j * p + k] as number) ** 2;
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (a[i * p + k] as number) * (a[j * p + k] as number);
      a[i * p + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L L' x = b given the factor from {@link choleskyInPlace}; writes x into `out`. */
export function choleskySolve(
  l: Float64Array,
  p: number,
  b: Float64Array,
  out = new Float64Array(p),
): Float64Array {
  for (let i = 0; i < p; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (out[k] as number);
    out[i] = s / (l[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = out[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (out[k] as number);
    out[i] = s / (l[i * p + i] as number);
  }
  return out;
}

/** Inverse of a symmetric positive definite p×p matrix, or undefined when it is singular. */
export function invertSpd(a: Float64Array, p: number): Float64Array | undefined {
  const l = Float64Array.from(a);
  if (!choleskyInPlace(l, p)) return undefined;
  const inv = new Float64Array(p * p), e = new Float64Array(p), col = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    choleskySolve(l, p, e, col);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i] as number;
  }
  return inv;
}

/** Least-squares solution of X b = y by QR (ml-matrix); for tall, full-rank X. */
export function leastSquares(x: DenseMatrix, y: Float64Array): Float64Array {
  const m = new Matrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) m.set(i, j, x.data[i * x.cols + j] as number);
  }
  const qr = new QrDecomposition(m);
  const sol = qr.solve(Matrix.columnVector(Array.from(y)));
  return Float64Array.from(sol.to1DArray());
}

/** Singular values of a matrix, largest first (ml-matrix SVD). */
export function singularValues(x: DenseMatrix): Float64Array {
  const m = new Matrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) m.set(i, j, x.data[i * x.cols + j] as number);
  }
  return Float64Array.from(
    new SingularValueDecomposition(m, {
      computeLeftSingularVectors: false,
      computeRightSingularVectors: false,
    }).diagonal,
  );
}

/**
 * The {@link DenseMatrix} of a {@link MatrixLike} (columns are copied into a new matrix).
 * `action` starts the error message, e.g. `"compute VIF"`.
 */
export function toDenseMatrix(x: MatrixLike, action: string): DenseMatrix {
  if (!Array.isArray(x)) {
    const m = x as DenseMatrix;
    if (m.data.length !== m.rows * m.cols) {
      throw new RangeError(
        `Cannot ${action}: the matrix has ${m.data.length} values, not rows × cols = ${
          m.rows * m.cols
        }`,
      );
    }
    return m;
  }
  const columns = x as readonly Float64Array[];
  const rows = columns[0]?.length ?? 0;
  columns.forEach((c, j) => {
    if (c.length !== rows) {
      throw new RangeError(
        `Cannot ${action}: column ${j} has ${c.length} rows but column 0 has ${rows}`,
      );
    }
  });
  return fromColumns(columns);
}
