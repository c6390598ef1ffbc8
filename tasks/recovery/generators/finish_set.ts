/**
 * The last two steps every generator takes once its media are drawn: the baseline (from the
 * root generator's fork 3) and the assembled set with its noise (fork 4).
 *
 * @module
 */
import { type BaselineOptions, generateBaseline, weeklyDates } from "./baseline.ts";
import type { Prng } from "./prng.ts";
import { assembleSet, type ChannelModel, type GeneratedSet } from "./truth.ts";

/** What a generator has drawn before its baseline. */
export interface MediaDraw {
  /** Set id. */
  readonly id: string;
  /** Generator name. */
  readonly generator: string;
  /** Seed. */
  readonly seed: number;
  /** First week (ISO). */
  readonly start: string;
  /** Number of weeks. */
  readonly weeks: number;
  /** Modelling window: the first `windowWeeks` weeks. */
  readonly windowWeeks: number;
  /** Spend per channel, in the order of `channels`. */
  readonly spends: readonly Float64Array[];
  /** Channel models. */
  readonly channels: readonly ChannelModel[];
  /** Target media share of the noise-free KPI over the window, in (0, 1). */
  readonly mediaShare: number;
  /** Noise standard deviation as a share of the mean noise-free KPI. */
  readonly noise: number;
}

/** Draws the baseline and assembles the set. */
export function finishSet(
  root: Prng,
  media: MediaDraw,
  baseline: Omit<BaselineOptions, "dates">,
): GeneratedSet {
  const dates = weeklyDates(media.start, media.weeks);
  return assembleSet({
    id: media.id,
    generator: media.generator,
    seed: media.seed,
    dates,
    windowWeeks: media.windowWeeks,
    spends: media.spends,
    channels: media.channels,
    baseline: generateBaseline(root.fork(3), { dates, ...baseline }),
    baselineKind: baseline.kind,
    mediaShare: media.mediaShare,
    noise: media.noise,
    rng: root.fork(4),
  });
}
