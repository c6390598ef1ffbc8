/**
 * Applying a channel's transforms: `saturation(adstock(spend / scale) / gain)`, with optional
 * history rows that carry adstock into the series (used for forecasting and for prediction on
 * new data): the history is prepended, the whole series transformed, and the history rows
 * dropped.
 *
 * **The saturation input is in units of the channel's reference spend, after carryover.** The
 * adstocked series is divided by the adstock's gain (the level a constant input of 1 settles
 * at: 1/(1−decay) for Robyn's geometric, 1 for normalised adstocks), so spend held at `scale`
 * (by default the channel's mean training spend) reaches an input of exactly 1 whatever the
 * carryover. A saturation parameter such as Hill's `halfSaturation` therefore means the same
 * thing for every decay: 1 = half saturated at the channel's average weekly spend. Without the
 * division, the adstocked level grows as 1/(1−decay), so a long decay pushed any fixed
 * half-saturation point far below the data and flattened the media column into a copy of the
 * intercept (issue 12). Meridian scales media by a reference level and normalises its adstock
 * weights to sum 1 (`meridian/model/adstock_hill.py`); this is the same idea for any adstock.
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
 * import { applyAdstock } from "mixlab/transforms";
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
 * The gain of a resolved adstock spec: the level that a constant input of 1 settles at (the
 * sum of its lag weights).
 *
 * @example Robyn's geometric adstock settles at 1/(1 − decay)
 * ```ts
 * import { adstockGain } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * assert.equal(adstockGain({ kind: "geometric", params: { decay: 0.5 } }), 2);
 * assert.equal(adstockGain({ kind: "geometric-normalized", params: { decay: 0.5, maxLag: 4 } }), 1);
 * ```
 */
export function adstockGain(spec: TransformSpec): number {
  const d = getTransform(spec.kind, { family: "adstock" });
  return (d.gain as NonNullable<typeof d.gain>)(spec.params);
}

/** Options of {@link saturationInput}. */
export interface SaturationInputOptions {
  /** Spend of the rows preceding `spend`, to carry adstock over. @default undefined */
  readonly history?: Float64Array;
}

/**
 * A channel's saturation input: `adstock(spend / scale) / gain`, in units of the channel's
 * reference spend after carryover (see the module doc). The channel's `scale` is used when
 * present, else 1 (raw spend).
 *
 * @example A constant spend at the scale gives 1 once carryover has settled
 * ```ts
 * import { saturationInput } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const channel = {
 *   name: "tv",
 *   scale: 100,
 *   adstock: { kind: "geometric", params: { decay: 0.5 } },
 *   saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
 * };
 * const u = saturationInput(new Float64Array(60).fill(100), channel);
 * assert.ok(Math.abs((u[59] as number) - 1) < 1e-12);
 * assert.equal(u[0], 0.5); // the first week has no carryover yet
 * ```
 */
export function saturationInput(
  spend: Float64Array,
  channel: ChannelSpec,
  options: SaturationInputOptions = {},
): Float64Array {
  const scale = (channel.scale ?? 1) * adstockGain(channel.adstock);
  const adstocked = applyAdstock(
    spend,
    channel.adstock,
    options.history ? { history: options.history } : {},
  );
  for (let t = 0; t < adstocked.length; t++) adstocked[t] = (adstocked[t] as number) / scale;
  return adstocked;
}

/**
 * Applies a resolved saturation spec to `x`.
 *
 * @example Hill at its half-saturation point
 * ```ts
 * import { applySaturation } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const spec = { kind: "hill", params: { halfSaturation: 2, shape: 1 } };
 * assert.equal(applySaturation(new Float64Array([2]), spec)[0], 0.5);
 * ```
 */
export function applySaturation(x: Float64Array, spec: TransformSpec): Float64Array {
  return getTransform(spec.kind, { family: "saturation" }).apply(x, spec.params);
}

/**
 * A channel's media column: `saturation(adstock(spend / scale) / gain)` (see
 * {@link saturationInput}). The channel's `scale` is used when present, else 1 (raw spend);
 * fitted models always store the scale they used.
 *
 * @example Geometric then Hill on scaled spend
 * ```ts
 * import { applyChannelTransforms } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const channel = {
 *   name: "tv",
 *   scale: 10,
 *   adstock: { kind: "geometric", params: { decay: 0.5 } },
 *   saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
 * };
 * // scaled 1, 0 → adstocked 1, 0.5 → over the gain 2: 0.5, 0.25 → Hill 1/3, 1/5
 * const y = applyChannelTransforms(new Float64Array([10, 0]), channel);
 * assert.ok(Math.abs((y[1] as number) - 1 / 5) < 1e-15);
 * ```
 */
export function applyChannelTransforms(
  spend: Float64Array,
  channel: ChannelSpec,
  options: SaturationInputOptions = {},
): Float64Array {
  const u = saturationInput(spend, channel, options);
  const sat = getTransform(channel.saturation.kind, { family: "saturation" });
  return sat.apply(u, channel.saturation.params, u);
}
