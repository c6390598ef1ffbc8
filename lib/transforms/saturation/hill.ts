/**
 * Hill saturation `x^a / (x^a + k^a)` with the half-saturation point k in fixed units of scaled
 * spend (Meridian `HillTransformer(ec, slope)`, pymc-marketing `hill_function`), and the
 * power-Hill form `x^a / (x^a + 1)` (k = 1). Robyn's Hill measures k as a share γ of the maximum
 * adstocked spend; {@link robynHillInflexion} converts γ into k for a given series.
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { output, param } from "../_util.ts";

/** Parameters of {@link hillSaturation}. */
export interface HillParams {
  /** k > 0: the input (scaled spend) at which the response is half its maximum. */
  readonly halfSaturation: number;
  /** a > 0: slope; above 1 the curve is S-shaped, at or below 1 it is concave. */
  readonly shape: number;
}

/**
 * Hill saturation `y = x^a / (x^a + k^a)`: 0 at 0, 0.5 at k, tending to 1.
 *
 * @param x Non-negative input (not modified).
 * @param params Half-saturation k and shape a.
 * @param out Optional array of the same length to write into.
 * @returns The saturated series in [0, 1).
 *
 * @example Robyn's test vector with inflexion 50 (anchors.md §6, vector 6)
 * ```ts
 * import { hillSaturation } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = hillSaturation(new Float64Array([10, 20, 50, 100]), { halfSaturation: 50, shape: 2 });
 * assert.equal(y[2], 0.5);
 * assert.ok(Math.abs((y[3] as number) - 0.8) < 1e-12);
 * ```
 */
export function hillSaturation(
  x: Float64Array,
  params: HillParams,
  out?: Float64Array,
): Float64Array {
  const n = x.length, y = output(n, out), k = params.halfSaturation, a = params.shape;
  for (let t = 0; t < n; t++) {
    const v = x[t] as number;
    y[t] = v > 0 ? 1 / (1 + Math.pow(k / v, a)) : 0;
  }
  return y;
}

/**
 * Robyn's Hill inflexion (v3.12, R/R/transformation.R `saturation_hill`): `γ · max(x)`, to pass
 * as `halfSaturation`. It depends on the series it is computed from, so compute it once (on the
 * training window's adstocked, scaled spend) and keep the number.
 *
 * @example γ = 0.5 of a maximum of 100 is 50
 * ```ts
 * import { robynHillInflexion } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * assert.equal(robynHillInflexion(new Float64Array([10, 20, 50, 100]), 0.5), 50);
 * ```
 */
export function robynHillInflexion(x: Float64Array, gamma: number): number {
  let max = -Infinity;
  for (let t = 0; t < x.length; t++) if ((x[t] as number) > max) max = x[t] as number;
  return gamma * max;
}

function hillGradient(x: Float64Array, k: number, a: number): Record<string, Float64Array> {
  const n = x.length, gk = new Float64Array(n), ga = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const v = x[t] as number;
    if (!(v > 0)) continue;
    // y = r/(1+r), r = (x/k)^a: dy/dr = 1/(1+r)^2, dr/da = r ln(x/k), dr/dk = -a r / k
    const r = Math.pow(v / k, a), d = 1 / ((1 + r) * (1 + r));
    ga[t] = d * r * Math.log(v / k);
    gk[t] = -d * a * r / k;
  }
  return { halfSaturation: gk, shape: ga };
}

const SHAPE_DOC = "slope a; above 1 the curve is S-shaped; Robyn's alpha range 0.5-3";

/** Registry descriptor of {@link hillSaturation} (kind `"hill"`). */
export const HILL: TransformDescriptor = {
  kind: "hill",
  family: "saturation",
  doc: "Hill x^a/(x^a+k^a) with k in scaled-spend units (Meridian, pymc-marketing)",
  params: {
    halfSaturation: {
      lower: 0.4,
      upper: 5,
      default: 1,
      min: 1e-6,
      max: 1e6,
      doc: "saturation input (spend in units of its mean, after carryover) at which the " +
        "response is half its maximum; Robyn's gamma 0.3-1 of the maximum is about 0.5-5 in " +
        "these units. The range starts at 0.4: lower, with shape 3, an always-on channel's " +
        "column is nearly constant (issue 12; tests/transforms/saturation_range_test.ts)",
      edges: {
        lower: "Hill is past its half-saturation over nearly all the spend seen",
        upper: "with its half-saturation at 5 times the mean spend, Hill barely bends over the " +
          "spend seen",
      },
    },
    shape: {
      lower: 0.5,
      upper: 3,
      default: 1,
      min: 0.01,
      max: 10,
      doc: SHAPE_DOC,
      edges: {
        lower: "the most concave Hill searched, steepest at zero spend",
        upper: "the steepest S-shape searched: the response switches on over a narrow band of " +
          "spend",
      },
    },
  },
  apply: (x, p, out) =>
    hillSaturation(
      x,
      { halfSaturation: param(p, "halfSaturation"), shape: param(p, "shape") },
      out,
    ),
  gradient: (x, p) => hillGradient(x, param(p, "halfSaturation"), param(p, "shape")),
};

/**
 * Power-Hill saturation `y = x^a / (x^a + 1)`: Hill with the half-saturation point fixed at 1
 * (mean scaled spend), so only the shape is free.
 *
 * @param x Non-negative input (not modified).
 * @param params The shape a.
 * @param out Optional array of the same length to write into.
 * @returns The saturated series in [0, 1).
 *
 * @example Half saturation at 1
 * ```ts
 * import { powerHillSaturation } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = powerHillSaturation(new Float64Array([1, 2]), { shape: 2 });
 * assert.deepEqual(Array.from(y), [0.5, 0.8]);
 * ```
 */
export function powerHillSaturation(
  x: Float64Array,
  params: { readonly shape: number },
  out?: Float64Array,
): Float64Array {
  return hillSaturation(x, { halfSaturation: 1, shape: params.shape }, out);
}

/** Registry descriptor of {@link powerHillSaturation} (kind `"power-hill"`). */
export const POWER_HILL: TransformDescriptor = {
  kind: "power-hill",
  family: "saturation",
  doc: "x^a/(x^a+1): Hill with half saturation at mean scaled spend",
  params: {
    shape: { lower: 0.5, upper: 3, default: 1, min: 0.01, max: 10, doc: SHAPE_DOC },
  },
  apply: (x, p, out) => powerHillSaturation(x, { shape: param(p, "shape") }, out),
  gradient: (x, p) => ({ shape: hillGradient(x, 1, param(p, "shape")).shape as Float64Array }),
};
