/**
 * Per-geo weighted sums of a channel's column and its derivatives, one pass over the rows: the
 * geo gradient's sums (weights all 1) and its likelihood's (weights the scaled residuals) share it.
 *
 * @example
 * ```ts
 * import { weightedGeoSums } from "./_geo_sums.ts";
 * const out = new Float64Array(2), dOut = [new Float64Array(2)];
 * weightedGeoSums(
 *   Float64Array.of(1, 1, 2, 2), Float64Array.of(1, 2, 3, 4), [Float64Array.of(1, 0, 0, 1)],
 *   2, 2, out, dOut,
 * );
 * // out = [3, 14]: geo 0 is 1·1 + 1·2, geo 1 is 2·3 + 2·4; dOut[0] = [1, 2]
 * ```
 * @module
 */

/**
 * Per geo g (rows [gT, gT + T)): `out[g]` = Σ w·s and `dOut[k][g]` = Σ w·ds[k] for each of the
 * `ds.length` derivatives. One pass serves up to three derivatives (a channel's usual free
 * parameters); each further one takes a pass of its own. Multiplying by a weight of 1 is exact,
 * so unweighted sums come out the same as a plain Σ in the same order.
 */
export function weightedGeoSums(
  w: Float64Array,
  s: Float64Array,
  ds: readonly Float64Array[],
  G: number,
  T: number,
  out: Float64Array,
  dOut: readonly Float64Array[],
): void {
  const n = ds.length;
  // absent derivatives read s again, their sums discarded: one loop serves 0 to 3 of them
  const d0 = n > 0 ? ds[0] as Float64Array : s, d1 = n > 1 ? ds[1] as Float64Array : s;
  const d2 = n > 2 ? ds[2] as Float64Array : s;
  for (let g = 0; g < G; g++) {
    const lo = g * T, hi = lo + T;
    let a = 0, b0 = 0, b1 = 0, b2 = 0;
    for (let i = lo; i < hi; i++) {
      const e = w[i] as number;
      a += e * (s[i] as number);
      b0 += e * (d0[i] as number);
      b1 += e * (d1[i] as number);
      b2 += e * (d2[i] as number);
    }
    out[g] = a;
    if (n > 0) (dOut[0] as Float64Array)[g] = b0;
    if (n > 1) (dOut[1] as Float64Array)[g] = b1;
    if (n > 2) (dOut[2] as Float64Array)[g] = b2;
    for (let k = 3; k < n; k++) {
      const d = ds[k] as Float64Array;
      let c = 0;
      for (let i = lo; i < hi; i++) c += (w[i] as number) * (d[i] as number);
      (dOut[k] as Float64Array)[g] = c;
    }
  }
}
