/**
 * Michaelis-Menten saturation `x / (k + x)`, normalised to a maximum of 1 so the model's
 * coefficient carries the scale (pymc-marketing `michaelis_menten` with α = 1).
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { output, param } from "../_util.ts";

/**
 * Michaelis-Menten saturation `y = x / (k + x)`.
 *
 * @param x Non-negative input (not modified).
 * @param params The half-saturation point k > 0.
 * @param out Optional array of the same length to write into.
 * @returns The saturated series in [0, 1).
 *
 * @example Half the maximum at k
 * ```ts
 * import { michaelisMentenSaturation } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = michaelisMentenSaturation(new Float64Array([0, 2, 6]), { halfSaturation: 2 });
 * assert.deepEqual(Array.from(y), [0, 0.5, 0.75]);
 * ```
 */
export function michaelisMentenSaturation(
  x: Float64Array,
  params: { readonly halfSaturation: number },
  out?: Float64Array,
): Float64Array {
  const n = x.length, y = output(n, out), k = params.halfSaturation;
  for (let t = 0; t < n; t++) {
    const v = x[t] as number;
    y[t] = v / (k + v);
  }
  return y;
}

/** What `halfSaturation` means, in which units, and why its tuning range stops where it does. */
const HALF_SATURATION_DOC =
  "saturation input (spend in units of its mean, after carryover) at which the " +
  "response is half its maximum; below 0.3 an always-on channel's column is nearly " +
  "constant (issue 12)";

/** Registry descriptor of {@link michaelisMentenSaturation} (kind `"michaelis-menten"`). */
export const MICHAELIS_MENTEN: TransformDescriptor = {
  kind: "michaelis-menten",
  family: "saturation",
  doc: "Michaelis-Menten x/(k+x), maximum 1",
  params: {
    halfSaturation: {
      lower: 0.3,
      upper: 5,
      default: 1,
      min: 1e-6,
      max: 1e6,
      doc: HALF_SATURATION_DOC,
    },
  },
  apply: (x, p, out) =>
    michaelisMentenSaturation(x, { halfSaturation: param(p, "halfSaturation") }, out),
  gradient(x, p) {
    const k = param(p, "halfSaturation"), n = x.length, g = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const v = x[t] as number;
      g[t] = -v / ((k + v) * (k + v));
    }
    return { halfSaturation: g };
  },
};
