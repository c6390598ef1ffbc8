/**
 * How well the two share guardrails (`share-mismatch`, `credit-uncertain`) separate channels by
 * their true over-crediting: each channel of each fit falls in a band of estimated ÷ true effect
 * share (under-credited below 0.8, sound 0.8–1.25, over-credited 1.25–2, blown up above 2), and
 * the table counts, per band, the channels a share warning names. Issue 12 asks that every channel
 * above 2× its true share be named; alarms in the sound band are the price.
 *
 * @module
 */
import { type Band, bandIndex } from "./bands.ts";
import type { FitScore } from "./score.ts";
import { type BandColumns, of } from "./table.ts";

/** The bands of estimated ÷ true effect share, lower bound inclusive. */
export const SHARE_BANDS: readonly Band[] = [
  { label: "< 0.8×", from: -Infinity },
  { label: "0.8–1.25×", from: 0.8 },
  { label: "1.25–2×", from: 1.25 },
  { label: "> 2×", from: 2 },
];

/** Channels of one band and how many each share warning named. */
export interface ShareBandCount {
  /** The band's label. */
  readonly band: string;
  /** Channels in the band. */
  readonly channels: number;
  /** Of those, named by `share-mismatch`. */
  readonly shareMismatch: number;
  /** Of those, named by `credit-uncertain`. */
  readonly creditUncertain: number;
  /** Of those, in a fit with any warning (on this channel, another one or the whole model). */
  readonly anyWarning: number;
}

/**
 * Counts, per band of estimated ÷ true effect share, the channels of `fits` (failed fits are
 * skipped) and those a share warning names (`code:channel` in the fit's warnings).
 *
 * @example
 * ```ts
 * import { shareBandCounts } from "./share_checks.ts";
 * const fit = {
 *   set: "s", generator: "robyn", method: "m", seconds: 1,
 *   warnings: ["credit-uncertain:tv"],
 *   channels: [
 *     { name: "tv", trueRoas: 1, roas: 2.5, error: 1.5, trueShare: 0.2, share: 0.5 },
 *     { name: "radio", trueRoas: 1, roas: 0.7, error: -0.3, trueShare: 0.8, share: 0.5 },
 *   ],
 * };
 * const counts = shareBandCounts([fit]);
 * console.assert(counts[3]!.channels === 1 && counts[3]!.creditUncertain === 1);
 * console.assert(counts[0]!.channels === 1 && counts[0]!.creditUncertain === 0);
 * ```
 */
export function shareBandCounts(fits: readonly FitScore[]): ShareBandCount[] {
  const counts = SHARE_BANDS.map((b) => ({
    band: b.label,
    channels: 0,
    shareMismatch: 0,
    creditUncertain: 0,
    anyWarning: 0,
  }));
  for (const f of fits) {
    if (f.failure !== undefined) continue;
    for (const c of f.channels) {
      const k = counts[bandIndex(SHARE_BANDS, c.share / c.trueShare)]!;
      k.channels++;
      if (f.warnings.includes(`share-mismatch:${c.name}`)) k.shareMismatch++;
      if (f.warnings.includes(`credit-uncertain:${c.name}`)) k.creditUncertain++;
      if (f.warnings.length > 0) k.anyWarning++;
    }
  }
  return counts;
}

/** The share table's columns: each band's channels and how many each share warning named. */
export const SHARE_COLUMNS: BandColumns<ShareBandCount> = {
  header: [
    "est./true share",
    "channels",
    "share-mismatch",
    "credit-uncertain",
    "either",
    "in a warned fit",
  ],
  cells: (c) => [
    c.band,
    String(c.channels),
    of(c.shareMismatch, c.channels),
    of(c.creditUncertain, c.channels),
    of(c.shareMismatch + c.creditUncertain, c.channels),
    of(c.anyWarning, c.channels),
  ],
};
