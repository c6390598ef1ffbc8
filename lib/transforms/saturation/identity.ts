/**
 * The identity "saturation": no diminishing returns, the media column is the adstocked scaled
 * spend itself (Meridian's `none` media transform). Useful for linear baselines and tests.
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";

/** Registry descriptor of the identity saturation (kind `"identity"`): `y = x`. */
export const IDENTITY: TransformDescriptor = {
  kind: "identity",
  family: "saturation",
  doc: "no saturation: y = x (Meridian's none)",
  params: {},
  apply(x, _p, out) {
    if (out === undefined) return Float64Array.from(x);
    if (out.length !== x.length) {
      throw new RangeError(
        `Cannot apply transform: "out" has length ${out.length}, expected ${x.length}`,
      );
    }
    out.set(x);
    return out;
  },
  gradient: () => ({}),
};
