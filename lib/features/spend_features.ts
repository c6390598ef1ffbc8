/**
 * Spend-derived features: share of voice and zero-spend indicators.
 *
 * @module
 */

/**
 * Share of voice: own spend / (own + competitor spend) per row, 0 when both are 0.
 *
 * @example Half the voice
 * ```ts
 * import { shareOfVoice } from "mixlab";
 * import assert from "node:assert/strict";
 * const sov = shareOfVoice(new Float64Array([50, 0, 0]), new Float64Array([50, 10, 0]));
 * assert.deepEqual(Array.from(sov), [0.5, 0, 0]);
 * ```
 */
export function shareOfVoice(own: Float64Array, competitor: Float64Array): Float64Array {
  if (own.length !== competitor.length) {
    throw new RangeError(
      `Cannot compute share of voice: lengths differ (${own.length} and ${competitor.length})`,
    );
  }
  return own.map((v, i) => {
    const total = v + (competitor[i] as number);
    return total > 0 ? v / total : 0;
  });
}

/**
 * 1 in rows without spend, else 0 (lets a model give dark weeks their own level).
 *
 * @example Dark weeks
 * ```ts
 * import { zeroSpendIndicator } from "mixlab";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(zeroSpendIndicator(new Float64Array([0, 5, 0]))), [1, 0, 1]);
 * ```
 */
export function zeroSpendIndicator(spend: Float64Array): Float64Array {
  return spend.map((v) => v === 0 ? 1 : 0);
}
