/**
 * The `log(1 + x)` saturation: concave and unbounded, with no parameter. It is the media
 * transform of the log-log (elasticity) specification.
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { output } from "../_util.ts";

/**
 * `y = log(1 + x)`.
 *
 * @param x Non-negative input (not modified).
 * @param out Optional array of the same length to write into.
 * @returns The transformed series.
 *
 * @example log(1 + (e - 1)) = 1
 * ```ts
 * import { log1pSaturation } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * assert.equal(log1pSaturation(new Float64Array([0, Math.E - 1]))[1], 1);
 * ```
 */
export function log1pSaturation(x: Float64Array, out?: Float64Array): Float64Array {
  const n = x.length, y = output(n, out);
  for (let t = 0; t < n; t++) y[t] = Math.log1p(x[t] as number);
  return y;
}

/** Registry descriptor of {@link log1pSaturation} (kind `"log1p"`). */
export const LOG1P: TransformDescriptor = {
  kind: "log1p",
  family: "saturation",
  doc: "log(1+x), no parameters (the log-log specification's media transform)",
  params: {},
  apply: (x, _p, out) => log1pSaturation(x, out),
  gradient: () => ({}),
};
