/**
 * Logistic saturation `(1 - e^{-λx}) / (1 + e^{-λx})` = `tanh(λx/2)` (pymc-marketing
 * `logistic_saturation`): 0 at 0, concave, tending to 1.
 *
 * @module
 */
import type { TransformDescriptor } from "../descriptor.ts";
import { param } from "../_util.ts";
import { tanhRatio, tanhRatioGradient } from "./_tanh_ratio.ts";

/**
 * Logistic saturation `y = (1 - e^{-λx}) / (1 + e^{-λx})`.
 *
 * @param x Non-negative input (not modified).
 * @param params The steepness λ > 0.
 * @param out Optional array of the same length to write into.
 * @returns The saturated series in [0, 1).
 *
 * @example λ = 2 (anchors.md §6, vector 11)
 * ```ts
 * import { logisticSaturation } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const y = logisticSaturation(new Float64Array([0, 0.5, 1, 2]), { lambda: 2 });
 * assert.ok(Math.abs((y[1] as number) - 0.462117) < 1e-6);
 * ```
 */
export function logisticSaturation(
  x: Float64Array,
  params: { readonly lambda: number },
  out?: Float64Array,
): Float64Array {
  return tanhRatio(x, params.lambda / 2, 1, out);
}

/** What `lambda` means, in which units, and why its tuning range stops where it does. */
const LAMBDA_DOC = "steepness per unit of saturation input (spend in units of its mean, after " +
  "carryover); the response reaches 76% of its maximum at 2/λ. The range stops at 3.3: " +
  "steeper, an always-on channel's column is nearly constant (issue 12)";

/** Registry descriptor of {@link logisticSaturation} (kind `"logistic"`). */
export const LOGISTIC: TransformDescriptor = {
  kind: "logistic",
  family: "saturation",
  doc: "logistic (1-e^(-λx))/(1+e^(-λx)) (pymc-marketing)",
  params: {
    lambda: {
      lower: 0.1,
      upper: 3.3,
      default: 1,
      min: 1e-6,
      max: 1e3,
      doc: LAMBDA_DOC,
      edges: {
        lower: "at its smallest λ the logistic is nearly a straight line through zero over the " +
          "spend seen: the data may want a curve that rises faster than a line (an S-shape, " +
          "which Hill can draw), and for a channel never dark a line credits the part below " +
          "its lowest spend at the marginal return, so its ROAS is then likely too high",
        upper: "at its largest λ the logistic is nearly flat across the spend seen",
      },
    },
  },
  apply: (x, p, out) => logisticSaturation(x, { lambda: param(p, "lambda") }, out),
  gradient: (x, p) => ({ lambda: tanhRatioGradient(x, param(p, "lambda") / 2, 1, 1, 2) }),
};
