/**
 * Applying a channel's transforms: `saturation(adstock(spend / scale))`, with optional history
 * rows that carry adstock into the series (used for forecasting and for prediction on new
 * data): the history is prepended, the whole series transformed, and the history rows dropped.
 *
 * @module
 */
import type { ChannelSpec, TransformSpec } from "../types.ts";
import { getTransform } from "./registry.ts";

/** Options of {@link applyAdstock}. */
export interface ApplyAdstockOptions {
  /**
   * Values preceding `x` in time (same units). Their carry-over flows into `x`; they are not
   * part of the result. @default undefined (rows before `x` count as zero)
   */
  readonly history?: Float64Array;
}

/**
 * Applies a resolved adstock spec to `x`, carrying over from `history` when given.
 *
 * @example Carry-over from one history row
 * ```ts
 * import { applyAdstock } from "mixlab";
 * import assert from "node:assert/strict";
 * const spec = { kind: "geometric", params: { decay: 0.5 } };
 * const y = applyAdstock(new Float64Array([0, 0]), spec, { history: new Float64Array([8]) });
 * assert.deepEqual(Array.from(y), [4, 2]);
 * ```
 */
export function applyAdstock(
  x: Float64Array,
  spec: TransformSpec,
  options: ApplyAdstockOptions = {},
): Float64Array {
  const d = getTransform(spec.kind, { family: "adstock" });
  const h = options.history;
  if (h === undefined || h.length === 0) return d.apply(x, spec.params);
  const all = new Float64Array(h.length + x.length);
  all.set(h, 0);
  all.set(x, h.length);
  return d.apply(all, spec.params).slice(h.length);
}

/**
 * Applies a resolved saturation spec to `x`.
 *
 * @example Hill at its half-saturation point
 * ```ts
 * import { applySaturation } from "mixlab";
 * import assert from "node:assert/strict";
 * const spec = { kind: "hill", params: { halfSaturation: 2, shape: 1 } };
 * assert.equal(applySaturation(new Float64Array([2]), spec)[0], 0.5);
 * ```
 */
export function applySaturation(x: Float64Array, spec: TransformSpec): Float64Array {
  return getTransform(spec.kind, { family: "saturation" }).apply(x, spec.params);
}

/** Options of {@link applyChannelTransforms}. */
export interface ApplyChannelOptions {
  /** Spend of the rows preceding `spend`, to carry adstock over. @default undefined */
  readonly history?: Float64Array;
}

/**
 * A channel's media column: `saturation(adstock(spend / scale))`. The channel's `scale` is used
 * when present, else 1 (raw spend); fitted models always store the scale they used.
 *
 * @example Geometric then Hill on scaled spend
 * ```ts
 * import { applyChannelTransforms } from "mixlab";
 * import assert from "node:assert/strict";
 * const channel = {
 *   name: "tv",
 *   scale: 10,
 *   adstock: { kind: "geometric", params: { decay: 0.5 } },
 *   saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
 * };
 * // scaled 1, 0 → adstocked 1, 0.5 → Hill 1/2, 1/3
 * const y = applyChannelTransforms(new Float64Array([10, 0]), channel);
 * assert.ok(Math.abs((y[1] as number) - 1 / 3) < 1e-15);
 * ```
 */
export function applyChannelTransforms(
  spend: Float64Array,
  channel: ChannelSpec,
  options: ApplyChannelOptions = {},
): Float64Array {
  const scale = channel.scale ?? 1;
  const scaled = spend.map((v) => v / scale);
  const history = options.history?.map((v) => v / scale);
  const adstocked = applyAdstock(scaled, channel.adstock, history ? { history } : {});
  const sat = getTransform(channel.saturation.kind, { family: "saturation" });
  return sat.apply(adstocked, channel.saturation.params, adstocked);
}
