/**
 * The transform parameters of a spec as a fitted model reports them
 * ({@link FittedModel.transformParams}): one entry per channel, stage and parameter, in spec
 * order, with how each value was set.
 *
 * @module
 */
import type { FittedTransformParam, ModelSpec, TransformParamStatus } from "../types.ts";
import { paramKey } from "./param_key.ts";

/**
 * The spec's transform parameters as point values; `status` says how each was set from its
 * tuning key `"<channel>.<stage>.<param>"`.
 *
 * @param spec The fitted spec.
 * @param status How a parameter was set. @default every parameter "fixed"
 * @returns One entry per channel, stage and parameter, in spec order.
 *
 * @example A tuned decay beside fixed Hill parameters
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { specTransformParams } from "mixlab/models/fitted_params.ts";
 * import assert from "node:assert/strict";
 * const spec = defineModelSpec({ channels: ["tv"] });
 * const params = specTransformParams(spec, (key) => key === "tv.adstock.decay" ? "tuned" : "fixed");
 * assert.deepEqual(params.map((p) => `${p.name}:${p.status}`), [
 *   "decay:tuned", "halfSaturation:fixed", "shape:fixed",
 * ]);
 * ```
 */
export function specTransformParams(
  spec: ModelSpec,
  status: (key: string) => TransformParamStatus = () => "fixed",
): FittedTransformParam[] {
  return spec.channels.flatMap((ch) =>
    (["adstock", "saturation"] as const).flatMap((stage) =>
      Object.entries(ch[stage].params).map(([name, value]): FittedTransformParam => ({
        channel: ch.name,
        stage,
        kind: ch[stage].kind,
        name,
        value,
        status: status(paramKey(ch.name, stage, name)),
      }))
    )
  );
}
