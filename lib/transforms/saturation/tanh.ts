/**
 * Tanh saturation `tanh(x / c)` (pymc-marketing `tanh_saturation` b·tanh(x/(b·c)) with the
 * maximum b carried by the model's coefficient).
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { param } from "../_util.ts";
import { tanhRatio, tanhRatioGradient } from "./_tanh_ratio.ts";

/**
 * Tanh saturation `y = tanh(x / scale)`.
 *
 * @param x Non-negative input (not modified).
 * @param params The scale c > 0: the response is tanh(1) ≈ 76% of its maximum at x = c.
 * @param out Optional array of the same length to write into.
 * @returns The saturated series in [0, 1).
 *
 * @example tanh(1) at the scale
 * ```ts
 * import { tanhSaturation } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = tanhSaturation(new Float64Array([0, 3]), { scale: 3 });
 * assert.deepEqual(Array.from(y), [0, Math.tanh(1)]);
 * ```
 */
export function tanhSaturation(
  x: Float64Array,
  params: { readonly scale: number },
  out?: Float64Array,
): Float64Array {
  return tanhRatio(x, 1, params.scale, out);
}

/** What `scale` means, in which units, and why its tuning range stops where it does. */
const SCALE_DOC = "saturation input (spend in units of its mean, after carryover) at which the " +
  "response is 76% of its maximum; below 0.6 an always-on channel's column is nearly " +
  "constant (issue 12); logistic λ = 2/scale";

/** Registry descriptor of {@link tanhSaturation} (kind `"tanh"`). */
export const TANH: TransformDescriptor = {
  kind: "tanh",
  family: "saturation",
  doc: "tanh(x/c), maximum 1 (pymc-marketing tanh_saturation)",
  params: { scale: { lower: 0.6, upper: 20, default: 1, min: 1e-6, max: 1e6, doc: SCALE_DOC } },
  apply: (x, p, out) => tanhSaturation(x, { scale: param(p, "scale") }, out),
  gradient(x, p) {
    const c = param(p, "scale");
    return { scale: tanhRatioGradient(x, 1, c, -1, c * c) };
  },
};
