/**
 * The Robyn-style generator: Robyn's own media transforms on raw spend (geometric or Weibull
 * adstock over the full series, Hill with its inflexion at γ·max of the adstocked series over
 * the modelling window; see robyn_transforms.ts), media coefficients set so that each channel
 * hits a target ROAS, and a baseline of intercept, linear trend, yearly Fourier, price, promo
 * and optional events (Robyn's prophet-derived baseline regressors plus context variables).
 *
 * @module
 */
import { finishSet } from "./finish_set.ts";
import { Prng } from "./prng.ts";
import {
  hillCurve,
  robynGeometric,
  robynInflexion,
  robynWeibull,
  robynWeibullWeights,
} from "./robyn_transforms.ts";
import { type CommonSettings, type Draw, draw, resolveCommon } from "./settings.ts";
import { generateSpends } from "./spend.ts";
import { type ChannelModel, type GeneratedSet, type TrueAdstock } from "./truth.ts";

/** Settings of {@link robynSet}. */
export interface RobynSettings extends CommonSettings {
  /** Adstock family. */
  readonly adstock: "geometric" | "weibull-cdf" | "weibull-pdf";
  /** Geometric θ. @default [0.1, 0.7] */
  readonly decay?: Draw;
  /** Weibull shape. @default [0.5, 2] (CDF), [1.5, 4] (PDF: the effect peaks after the spend) */
  readonly weibullShape?: Draw;
  /** Weibull scale, as Robyn's share of the series length. @default [0.01, 0.05] (CDF), [0.01, 0.04] (PDF) */
  readonly weibullScale?: Draw;
  /** Hill γ: the inflexion as a share of the adstocked maximum. @default [0.3, 1] (Robyn's range) */
  readonly gamma?: Draw;
  /** Hill exponent α. @default [0.7, 3] */
  readonly shape?: Draw;
}

/** Generates a Robyn-style data set; the same id, seed and settings give the same numbers. */
export function robynSet(id: string, seed: number, s: RobynSettings): GeneratedSet {
  const root = new Prng(seed), params = root.fork(1);
  const common = resolveCommon(params, s);
  const n = common.weeks, w = common.windowWeeks;
  const adstocks = s.channels.map((_, c): TrueAdstock => {
    if (s.adstock === "geometric") {
      return { kind: "robyn-geometric", theta: draw(params, s.decay ?? [0.1, 0.7], c) };
    }
    const type = s.adstock === "weibull-cdf" ? "cdf" : "pdf";
    return {
      kind: "robyn-weibull",
      type,
      shape: draw(params, s.weibullShape ?? (type === "cdf" ? [0.5, 2] : [1.5, 4]), c),
      scale: draw(params, s.weibullScale ?? (type === "cdf" ? [0.01, 0.05] : [0.01, 0.04]), c),
      seriesLength: n,
    };
  });
  const gammas = s.channels.map((_, c) => draw(params, s.gamma ?? [0.3, 1], c));
  const shapes = s.channels.map((_, c) => draw(params, s.shape ?? [0.7, 3], c));
  const spends = generateSpends(root.fork(2), {
    weeks: n,
    levels: common.levels,
    patterns: common.patterns,
    correlation: s.correlation,
  });
  const channels = s.channels.map((name, c): ChannelModel => {
    const adstock = adstocks[c] as TrueAdstock;
    const carry = adstock.kind === "robyn-geometric"
      ? (x: Float64Array) => robynGeometric(x, adstock.theta)
      : (() => {
        const a = adstock as Extract<TrueAdstock, { kind: "robyn-weibull" }>;
        const weights = robynWeibullWeights(a.seriesLength, a.shape, a.scale, a.type);
        return (x: Float64Array) => robynWeibull(x, weights);
      })();
    const gamma = gammas[c] as number, shape = shapes[c] as number;
    const inflexion = robynInflexion(carry(spends[c] as Float64Array), gamma, w);
    return {
      name,
      targetRoas: common.roas[c] as number,
      mediaScale: { kind: "none", value: 1 },
      adstock,
      saturation: { kind: "hill", inflexion, shape, gamma },
      unit: (x) => hillCurve(carry(x), inflexion, shape),
    };
  });
  return finishSet(root, {
    id,
    generator: "robyn",
    seed,
    start: common.start,
    weeks: n,
    windowWeeks: w,
    spends,
    channels,
    mediaShare: s.mediaShare,
    noise: s.noise,
  }, {
    kind: "trend",
    price: s.price ?? true,
    promo: s.promo ?? true,
    events: s.events ?? 0,
  });
}
