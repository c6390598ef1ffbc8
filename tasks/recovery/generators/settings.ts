/**
 * Settings shared by the generators, and how a parameter is drawn: from a range (uniform), or a
 * fixed value per channel.
 *
 * @module
 */
import type { Prng } from "./prng.ts";
import type { SpendPattern } from "./spend.ts";

/** A parameter: uniform on `[lo, hi]`, or one fixed value per channel (`{ each: [...] }`). */
export type Draw = readonly [number, number] | { readonly each: readonly number[] };

/** The value of `spec` for channel `c` (draws from `rng` only for a range). */
export function draw(rng: Prng, spec: Draw, c: number): number {
  if ("each" in spec) {
    const v = spec.each[c];
    if (v === undefined) throw new RangeError(`Cannot draw: no value for channel ${c + 1}`);
    return v;
  }
  return rng.between(spec[0], spec[1]);
}

/** What every generator takes. */
export interface CommonSettings {
  /** Weeks of data. */
  readonly weeks: number;
  /** Final weeks kept out of the modelling window. @default 13 */
  readonly holdoutWeeks?: number;
  /** First week (ISO, a Monday). @default "2021-01-04" */
  readonly start?: string;
  /** Channel names. */
  readonly channels: readonly string[];
  /** Target ROAS per channel. @default drawn on [0.8, 3.5] */
  readonly roas?: Draw;
  /** Mean weekly spend per channel. @default drawn log-uniformly on [5,000, 25,000] */
  readonly spendLevels?: readonly number[];
  /** Spend pattern, for all channels or per channel. */
  readonly spend: SpendPattern | readonly SpendPattern[];
  /** Correlation between the channels' spend fluctuations, in [0, 1). */
  readonly correlation: number;
  /** Noise standard deviation as a share of the mean KPI. */
  readonly noise: number;
  /** Media's share of the KPI over the window. */
  readonly mediaShare: number;
  /** Include a price control. @default true */
  readonly price?: boolean;
  /** Include a promo flag. @default true */
  readonly promo?: boolean;
  /** Number of event dummies. @default 0 */
  readonly events?: number;
}

/** The settings with defaults applied and per-channel draws made (ROAS, spend level). */
export interface ResolvedCommon {
  /** Weeks. */
  readonly weeks: number;
  /** Window weeks (weeks − holdout). */
  readonly windowWeeks: number;
  /** Start date. */
  readonly start: string;
  /** Patterns per channel. */
  readonly patterns: readonly SpendPattern[];
  /** ROAS targets per channel. */
  readonly roas: readonly number[];
  /** Spend levels per channel. */
  readonly levels: readonly number[];
}

/** Applies defaults and draws ROAS targets and spend levels (in that order) from `rng`. */
export function resolveCommon(rng: Prng, s: CommonSettings): ResolvedCommon {
  const k = s.channels.length;
  if (k < 1) throw new RangeError("Cannot generate: no channels");
  const holdout = s.holdoutWeeks ?? 13;
  if (!(s.weeks - holdout >= 52)) {
    throw new RangeError(
      `Cannot generate: ${s.weeks} weeks leave under 52 weeks after the holdout`,
    );
  }
  if (!(s.correlation >= 0 && s.correlation < 1)) {
    throw new RangeError(`Cannot generate: correlation must be in [0, 1), got ${s.correlation}`);
  }
  if (!(s.mediaShare > 0 && s.mediaShare < 1)) {
    throw new RangeError(`Cannot generate: mediaShare must be in (0, 1), got ${s.mediaShare}`);
  }
  const patterns = typeof s.spend === "string" ? Array(k).fill(s.spend) : [...s.spend];
  if (patterns.length !== k) {
    throw new RangeError(`Cannot generate: ${patterns.length} spend patterns for ${k} channels`);
  }
  const roasSpec = s.roas ?? [0.8, 3.5];
  const roas = s.channels.map((_, c) => draw(rng, roasSpec, c));
  const levels = s.spendLevels
    ? [...s.spendLevels]
    : s.channels.map(() => Math.round(Math.exp(rng.between(Math.log(5000), Math.log(25000)))));
  return {
    weeks: s.weeks,
    windowWeeks: s.weeks - holdout,
    start: s.start ?? "2021-01-04",
    patterns,
    roas,
    levels,
  };
}
