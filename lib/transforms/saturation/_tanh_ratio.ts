/**
 * The curve behind two saturations: logistic `tanh(λx/2)` and tanh `tanh(x/c)` are the same
 * tanh of the input times a rate, under two parametrisations. The rate is given as `a / b` so
 * each keeps its own arithmetic, bit for bit (`x·(λ/2)` for logistic, `x/c` for tanh).
 *
 * @module
 */
import { output } from "../_util.ts";

/** `y = tanh(x·a/b)` per row, into `out` when given. */
export function tanhRatio(x: Float64Array, a: number, b: number, out?: Float64Array): Float64Array {
  const n = x.length, y = output(n, out);
  for (let t = 0; t < n; t++) y[t] = Math.tanh(((x[t] as number) * a) / b);
  return y;
}

/**
 * `∂y/∂θ` per row for `y = tanh(x·a/b)`, when the argument's derivative in the parameter θ is
 * `x·da/db`: `(x·da/db)·(1 − y²)`.
 */
export function tanhRatioGradient(
  x: Float64Array,
  a: number,
  b: number,
  da: number,
  db: number,
): Float64Array {
  const n = x.length, g = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const v = x[t] as number, y = Math.tanh((v * a) / b);
    g[t] = ((v * da) / db) * (1 - y * y);
  }
  return g;
}
