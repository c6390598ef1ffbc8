/**
 * Scoring one method's answer on one set against the set's truth over the training weeks, and
 * the figures the study reports over many such scores:
 * - median absolute ROAS error, `|estimate / truth − 1|`, over every channel of every set;
 * - the share of channels more than 50% off, and of those the share a warning names (a warning
 *   whose subject is the channel: where a number would mislead, the product must say so);
 * - median absolute mROAS error (the return of the next unit at +1% spend), which rests only on
 *   the curve where the spend moves, while an always-on channel's ROAS also rests on the curve
 *   below its lowest spend, which the KPI series does not show;
 * - 90% interval coverage of the true ROAS, over channels whose method gave an interval, and of
 *   the true mROAS;
 * - the share of fits where a guardrail (a diagnostic of level "warning") fired;
 * - the median error restricted to sets where `ols-true` is within 3% on every channel;
 * - the largest ratio of estimated to true effect share among fits without a warning (issue 12:
 *   no channel should get more than twice its true share unwarned);
 * - the median seconds per fit (the only figure that changes between identical runs).
 *
 * @module
 */
import type { GeneratedSet } from "./generators/truth.ts";
import type { MethodEstimate } from "./method.ts";

/** One channel of a scored fit. */
export interface ChannelScore {
  /** Channel name. */
  readonly name: string;
  /** True ROAS. */
  readonly trueRoas: number;
  /** Estimated ROAS. */
  readonly roas: number;
  /** estimate / truth − 1. */
  readonly error: number;
  /** Estimated mROAS ÷ true mROAS − 1, where the method reports an mROAS. */
  readonly mroasError?: number;
  /** Whether the method's 90% mROAS interval covers the true mROAS, where it gave one. */
  readonly mroasCovered?: boolean;
  /** Share of the estimated contribution below the lowest observed input, where measured. */
  readonly extrapolation?: number;
  /** 90% interval, when the method gave one. */
  readonly ci90?: readonly [number, number];
  /** True effect share. */
  readonly trueShare: number;
  /** Estimated effect share. */
  readonly share: number;
}

/** One method on one set. */
export interface FitScore {
  /** Set id. */
  readonly set: string;
  /** Generator of the set. */
  readonly generator: string;
  /** Method name. */
  readonly method: string;
  /** Per channel (empty when the fit failed). */
  readonly channels: readonly ChannelScore[];
  /** Warning codes raised. */
  readonly warnings: readonly string[];
  /** The error message when the method threw. */
  readonly failure?: string;
  /** Wall-clock seconds of the fit. */
  readonly seconds: number;
}

/** Scores an estimate against the set's truth. */
export function scoreFit(
  set: GeneratedSet,
  method: string,
  estimate: MethodEstimate,
  seconds: number,
): FitScore {
  const channels = set.truth.channels.map((t): ChannelScore => {
    const e = estimate.channels.find((c) => c.name === t.name);
    if (!e) throw new Error(`Cannot score ${method} on ${set.id}: no estimate for "${t.name}"`);
    return {
      name: t.name,
      trueRoas: t.roas,
      roas: e.roas,
      error: e.roas / t.roas - 1,
      ...(e.mroas === undefined ? {} : { mroasError: e.mroas / t.mroas - 1 }),
      ...(e.extrapolation === undefined ? {} : { extrapolation: e.extrapolation }),
      ...(e.mroasCi90 === undefined
        ? {}
        : { mroasCovered: e.mroasCi90[0] <= t.mroas && t.mroas <= e.mroasCi90[1] }),
      trueShare: t.effectShare,
      share: e.effectShare,
      ...(e.roasCi90 ? { ci90: e.roasCi90 } : {}),
    };
  });
  return {
    set: set.id,
    generator: set.generator,
    method,
    channels,
    warnings: estimate.warnings,
    seconds,
  };
}

/** A fit that threw. */
export function failedFit(
  set: GeneratedSet,
  method: string,
  error: unknown,
  seconds: number,
): FitScore {
  const message = error instanceof Error ? error.message : String(error);
  return {
    set: set.id,
    generator: set.generator,
    method,
    channels: [],
    warnings: [],
    failure: message.split("\n")[0] as string,
    seconds,
  };
}

/** The study's figures over a group of fits (null where nothing was measured). */
export interface Figures {
  /** Fits in the group. */
  readonly fits: number;
  /** Fits that threw. */
  readonly failed: number;
  /** Channel estimates scored. */
  readonly channels: number;
  /** Median |ROAS error|. */
  readonly medianAbsError: number | null;
  /** Share of channels more than 50% off. */
  readonly over50: number | null;
  /** Of the channels more than 50% off, the share named by a warning on the channel. */
  readonly over50Named: number | null;
  /** Median |mROAS error| over the channels with an mROAS. */
  readonly medianAbsMroasError: number | null;
  /** Share of the channels with a 90% mROAS interval whose interval covers the true mROAS. */
  readonly mroasCoverage90: number | null;
  /** Channels with a 90% interval. */
  readonly withInterval: number;
  /** Share of those whose interval covers the truth. */
  readonly coverage90: number | null;
  /** Share of fits with a warning. */
  readonly warned: number | null;
  /** Sets (in the group) where ols-true is within 3% on every channel. */
  readonly easySets: number;
  /** Median |ROAS error| over those sets. */
  readonly medianAbsErrorEasy: number | null;
  /** Largest estimated ÷ true effect share among fits without a warning. */
  readonly maxShareRatioUnwarned: number | null;
}

/** The median of `v`; null when it is empty. */
export function median(v: readonly number[]): number | null {
  if (v.length === 0) return null;
  const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] as number : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Median seconds per fit. */
export function medianSeconds(fits: readonly FitScore[]): number | null {
  return median(fits.map((f) => f.seconds));
}

/**
 * Figures over `fits`; `easy` is the set of ids where ols-true is within 3% on every channel.
 */
export function figures(fits: readonly FitScore[], easy: ReadonlySet<string>): Figures {
  const ok = fits.filter((f) => f.failure === undefined);
  const channels = ok.flatMap((f) => f.channels);
  const abs = channels.map((c) => Math.abs(c.error));
  const misses = ok.flatMap((f) =>
    f.channels.filter((c) => Math.abs(c.error) > 0.5).map((c) =>
      f.warnings.some((w) => w.endsWith(`:${c.name}`))
    )
  );
  const mroas = channels.flatMap((c) => c.mroasError === undefined ? [] : [Math.abs(c.mroasError)]);
  const mroasCi = channels.flatMap((c) => c.mroasCovered === undefined ? [] : [c.mroasCovered]);
  const withCi = channels.filter((c) => c.ci90 !== undefined);
  const covered = withCi.filter((c) => c.ci90![0] <= c.trueRoas && c.trueRoas <= c.ci90![1]);
  const easyFits = ok.filter((f) => easy.has(f.set));
  const unwarned = ok.filter((f) => f.warnings.length === 0);
  const ratios = unwarned.flatMap((f) => f.channels.map((c) => c.share / c.trueShare));
  return {
    fits: fits.length,
    failed: fits.length - ok.length,
    channels: channels.length,
    medianAbsError: median(abs),
    over50: abs.length === 0 ? null : abs.filter((a) => a > 0.5).length / abs.length,
    over50Named: misses.length === 0 ? null : misses.filter((n) => n).length / misses.length,
    medianAbsMroasError: median(mroas),
    mroasCoverage90: mroasCi.length === 0 ? null : mroasCi.filter((v) => v).length / mroasCi.length,
    withInterval: withCi.length,
    coverage90: withCi.length === 0 ? null : covered.length / withCi.length,
    warned: ok.length === 0 ? null : ok.filter((f) => f.warnings.length > 0).length / ok.length,
    easySets: easyFits.length,
    medianAbsErrorEasy: median(easyFits.flatMap((f) => f.channels.map((c) => Math.abs(c.error)))),
    maxShareRatioUnwarned: ratios.length === 0 ? null : Math.max(...ratios),
  };
}

/** Ids of the sets where `ols-true` fits every channel's ROAS within `tolerance` (3%). */
export function easySets(fits: readonly FitScore[], tolerance = 0.03): Set<string> {
  return new Set(
    fits.filter((f) =>
      f.method === "ols-true" && f.failure === undefined &&
      f.channels.every((c) => Math.abs(c.error) <= tolerance)
    ).map((f) => f.set),
  );
}
