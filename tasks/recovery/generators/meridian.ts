/**
 * The Meridian / Jin et al. 2017-style generator: media divided by the median of its non-zero
 * values (Meridian) or by its maximum (PyMC-Marketing), a finite-window adstock whose weights
 * sum to 1 (geometric or Meridian's binomial; Meridian's default max_lag 8, i.e. a 9-week
 * window), then Hill(ec, slope) — slope 1 is Meridian's default for media — or logistic
 * saturation, with each channel's coefficient set through its ROI (Meridian's ROI prior
 * parameterisation; Zhang et al. 2024). The baseline is Meridian's time-varying intercept
 * (knots) or a trend, plus seasonality and controls (see normalized_transforms.ts and
 * baseline.ts for the formulas and sources).
 *
 * @module
 */
import { finishSet } from "./finish_set.ts";
import {
  logisticCurve,
  maxValue,
  medianNonZero,
  normalizedWeights,
  windowAdstock,
} from "./normalized_transforms.ts";
import { hillCurve } from "./robyn_transforms.ts";
import { Prng } from "./prng.ts";
import { type CommonSettings, type Draw, draw, resolveCommon } from "./settings.ts";
import { generateSpends } from "./spend.ts";
import {
  type ChannelModel,
  type GeneratedSet,
  type MediaScale,
  type TrueSaturation,
} from "./truth.ts";

/** Settings of {@link meridianSet}. */
export interface MeridianSettings extends CommonSettings {
  /** Adstock decay function. */
  readonly adstock: "geometric" | "binomial";
  /** Adstock α. @default [0.2, 0.7] (geometric), [0.1, 0.5] (binomial) */
  readonly alpha?: Draw;
  /** Lags with weight, lag 0 included. @default 9 (Meridian's max_lag 8) */
  readonly window?: number;
  /** Media scaling. @default "median-nonzero" (Meridian) */
  readonly scaling?: "median-nonzero" | "max";
  /** Saturation. */
  readonly saturation: "hill" | "logistic";
  /** Hill ec, in units of scaled media. @default [0.5, 2] */
  readonly ec?: Draw;
  /** Hill slope. @default { each: 1 for every channel } (Meridian's default) */
  readonly slope?: Draw;
  /** Logistic λ, per unit of scaled media. @default [0.5, 2.5] */
  readonly lambda?: Draw;
  /** Baseline kind. @default "knots" */
  readonly baseline?: "knots" | "trend";
}

/** Generates a Meridian-style data set; the same id, seed and settings give the same numbers. */
export function meridianSet(id: string, seed: number, s: MeridianSettings): GeneratedSet {
  const root = new Prng(seed), params = root.fork(1);
  const common = resolveCommon(params, s);
  const n = common.weeks, w = common.windowWeeks, window = s.window ?? 9;
  const alphas = s.channels.map((_, c) =>
    draw(params, s.alpha ?? (s.adstock === "geometric" ? [0.2, 0.7] : [0.1, 0.5]), c)
  );
  const saturations = s.channels.map((_, c): TrueSaturation =>
    s.saturation === "hill"
      ? {
        kind: "hill",
        inflexion: draw(params, s.ec ?? [0.5, 2], c),
        shape: draw(params, s.slope ?? { each: s.channels.map(() => 1) }, c),
      }
      : { kind: "logistic", lambda: draw(params, s.lambda ?? [0.5, 2.5], c) }
  );
  const spends = generateSpends(root.fork(2), {
    weeks: n,
    levels: common.levels,
    patterns: common.patterns,
    correlation: s.correlation,
  });
  const scaling = s.scaling ?? "median-nonzero";
  const channels = s.channels.map((name, c): ChannelModel => {
    const spend = spends[c] as Float64Array, alpha = alphas[c] as number;
    const mediaScale: MediaScale = {
      kind: scaling,
      value: scaling === "max" ? maxValue(spend) : medianNonZero(spend),
    };
    const weights = normalizedWeights(s.adstock, alpha, Math.min(window, n));
    const saturation = saturations[c] as TrueSaturation;
    const saturate = saturation.kind === "hill"
      ? (a: Float64Array) => hillCurve(a, saturation.inflexion, saturation.shape)
      : (a: Float64Array) => logisticCurve(a, saturation.lambda);
    return {
      name,
      targetRoas: common.roas[c] as number,
      mediaScale,
      adstock: { kind: "normalized", decay: s.adstock, alpha, window: Math.min(window, n) },
      saturation,
      unit: (x) => saturate(windowAdstock(x.map((v) => v / mediaScale.value), weights)),
    };
  });
  const kind = s.baseline ?? "knots";
  return finishSet(root, {
    id,
    generator: "meridian",
    seed,
    start: common.start,
    weeks: n,
    windowWeeks: w,
    spends,
    channels,
    mediaShare: s.mediaShare,
    noise: s.noise,
  }, {
    kind,
    price: s.price ?? true,
    promo: s.promo ?? false,
    events: s.events ?? 0,
  });
}
