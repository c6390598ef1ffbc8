/**
 * Bands of a figure, each from its lower bound (inclusive) to the next one's: what the study's
 * band tables (share_checks.ts, extrapolation_checks.ts) group channels by.
 *
 * @module
 */

/** One band: its label and lower bound (inclusive; the first band's is −∞). */
export interface Band {
  readonly label: string;
  readonly from: number;
}

/**
 * The index of the band `value` falls in: the last band whose lower bound it reaches.
 *
 * @example
 * ```ts
 * import { bandIndex } from "./bands.ts";
 * const bands = [{ label: "low", from: -Infinity }, { label: "high", from: 1 }];
 * console.assert(bandIndex(bands, 0.5) === 0 && bandIndex(bands, 1) === 1);
 * ```
 */
export function bandIndex(bands: readonly Band[], value: number): number {
  let k = 0;
  for (let j = 0; j < bands.length; j++) if (value >= bands[j]!.from) k = j;
  return k;
}
