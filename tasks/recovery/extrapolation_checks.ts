/**
 * What the share of a channel's contribution credited below its lowest observed input (the
 * `extrapolated-effect` guardrail's measure on the reported fit: its contribution's minimum ÷
 * mean) says about its errors: each channel of each fit falls in a band of that share, and the
 * table gives per band the median |ROAS error|, the median |mROAS error|, the share of channels
 * more than 50% off, and how many the `extrapolated-effect` warning named. ROAS rests on the
 * curve below the lowest input, mROAS only on the curve where the spend moves, so the two errors
 * part as the share grows.
 *
 * @module
 */
import { type Band, bandIndex } from "./bands.ts";
import { type FitScore, median } from "./score.ts";
import { type BandColumns, of, pct } from "./table.ts";

/** The bands of the extrapolation share, lower bound inclusive. */
export const EXTRAPOLATION_BANDS: readonly Band[] = [
  { label: "< 0.2", from: -Infinity },
  { label: "0.2–0.4", from: 0.2 },
  { label: "0.4–0.6", from: 0.4 },
  { label: "≥ 0.6", from: 0.6 },
];

/** The channels of one band and their errors. */
export interface ExtrapolationBand {
  /** The band's label. */
  readonly band: string;
  /** Channels in the band. */
  readonly channels: number;
  /** Median |ROAS error| (null for an empty band). */
  readonly medianAbsError: number | null;
  /** Median |mROAS error| over the band's channels with an mROAS. */
  readonly medianAbsMroasError: number | null;
  /** Channels more than 50% off. */
  readonly over50: number;
  /** Channels the `extrapolated-effect` warning named. */
  readonly named: number;
}

/**
 * Groups the channels of `fits` that carry a measured extrapolation share (failed fits skipped)
 * by band of that share.
 *
 * @example
 * ```ts
 * import { extrapolationBands } from "./extrapolation_checks.ts";
 * const fit = {
 *   set: "s", generator: "robyn", method: "m", seconds: 1,
 *   warnings: ["extrapolated-effect:tv"],
 *   channels: [
 *     { name: "tv", trueRoas: 1, roas: 2, error: 1, mroasError: 0.1, extrapolation: 0.7, trueShare: 0.5, share: 0.6 },
 *     { name: "radio", trueRoas: 1, roas: 1.1, error: 0.1, mroasError: 0.2, extrapolation: 0, trueShare: 0.5, share: 0.4 },
 *   ],
 * };
 * const bands = extrapolationBands([fit]);
 * console.assert(bands[3]!.channels === 1 && bands[3]!.named === 1 && bands[3]!.over50 === 1);
 * console.assert(bands[0]!.medianAbsMroasError === 0.2);
 * ```
 */
export function extrapolationBands(fits: readonly FitScore[]): ExtrapolationBand[] {
  const groups = EXTRAPOLATION_BANDS.map(() =>
    [] as { c: FitScore["channels"][number]; f: FitScore }[]
  );
  for (const f of fits) {
    if (f.failure !== undefined) continue;
    for (const c of f.channels) {
      if (c.extrapolation === undefined) continue;
      groups[bandIndex(EXTRAPOLATION_BANDS, c.extrapolation)]!.push({ c, f });
    }
  }
  return groups.map((g, j) => ({
    band: EXTRAPOLATION_BANDS[j]!.label,
    channels: g.length,
    medianAbsError: median(g.map(({ c }) => Math.abs(c.error))),
    medianAbsMroasError: median(
      g.flatMap(({ c }) => (c.mroasError === undefined ? [] : [Math.abs(c.mroasError)])),
    ),
    over50: g.filter(({ c }) => Math.abs(c.error) > 0.5).length,
    named: g.filter(({ c, f }) => f.warnings.includes(`extrapolated-effect:${c.name}`)).length,
  }));
}

/** The table's columns: each band's channels, median errors, misses and warnings. */
export const EXTRAPOLATION_COLUMNS: BandColumns<ExtrapolationBand> = {
  header: [
    "below lowest input",
    "channels",
    "median |err|",
    "median |mROAS err|",
    ">50% off",
    "extrapolated-effect",
  ],
  cells: (b) => [
    b.band,
    String(b.channels),
    pct(b.medianAbsError),
    pct(b.medianAbsMroasError),
    of(b.over50, b.channels),
    of(b.named, b.channels),
  ],
};
