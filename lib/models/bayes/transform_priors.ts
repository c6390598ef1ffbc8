/**
 * Default priors of transform parameters in the Bayesian MMM, in the units of the media
 * pipeline: the saturation input u = adstock(spend / scale) / gain averages about 1 (spend held
 * at its training mean gives u = 1 whatever the carryover), so a saturation parameter means the
 * same thing for every decay.
 *
 * | transform | parameter | prior | 90% of the mass |
 * |---|---|---|---|
 * | geometric, geometric-normalized, delayed | decay | Beta(2, 3) on [0, 1) | 0.10 – 0.75 |
 * | hill, michaelis-menten | halfSaturation | LogNormal(0, 0.5) | 0.44 – 2.3 |
 * | hill, power-hill | shape | LogNormal(log 1.5, 0.45) | 0.72 – 3.1 |
 * | logistic | lambda | LogNormal(0, 0.6) | 0.37 – 2.7 |
 * | tanh | scale | LogNormal(0, 0.6) | 0.37 – 2.7 |
 * | any other | | from the descriptor (see {@link defaultTransformPrior}) | |
 *
 * Why these: the half-saturation point sits within the range of the data (Robyn puts it at
 * 30–100% of the adstocked range, Meridian's `ec` prior is TruncatedNormal(0.8, 0.8) on media
 * scaled by its median; anchors.md §2d, §3a). A half-saturation point far below the data makes
 * the media column nearly constant, a copy of the intercept that can take the baseline's place
 * (issue 12's failure), and one far above makes it a power curve with no saturation in sight;
 * neither is identified by the data, so the prior keeps them unlikely. The shape spans Robyn's
 * Hill `alpha` range 0.5–3; the decay spans Robyn's 0–0.8 for weekly data (Stan's reference fit
 * in issue 13 used Beta(2, 2)); the logistic and tanh scales put u = 1 (the mean spend) between
 * 18% and 88% of saturation.
 *
 * @module
 */
import type { ParamSpec, TransformDescriptor } from "../../transforms/descriptor.ts";
import type { Prior } from "./priors.ts";

/**
 * The prior of a transform parameter derived from its descriptor, for transforms without a
 * stated default: a parameter whose hard maximum is at most 1 (a decay) ~ Beta on its support
 * with mean at the descriptor's default and concentration 6; any other positive parameter ~
 * LogNormal(log default, σ) with σ spanning the descriptor's tuning range as a 90% interval
 * (clamped to [0.3, 1.5]).
 *
 * @example The decay of the delayed adstock: mean at its default 0.5
 * ```ts
 * import { defaultTransformPrior } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const p = defaultTransformPrior({ lower: 0, upper: 0.9, default: 0.5, min: 0, max: 1, doc: "" });
 * assert.deepEqual(p, { dist: "beta", a: 3, b: 3, lower: 0, upper: 1 });
 * ```
 */
export function defaultTransformPrior(spec: ParamSpec): Prior {
  if (spec.max <= 1) {
    const m = (spec.default - spec.min) / (spec.max - spec.min);
    return { dist: "beta", a: 6 * m, b: 6 * (1 - m), lower: spec.min, upper: spec.max };
  }
  const lower = Math.max(spec.lower, 1e-12);
  const width = (Math.log(spec.upper) - Math.log(lower)) / (2 * 1.6448536269514722);
  return {
    dist: "lognormal",
    mu: Math.log(spec.default),
    sigma: Math.min(1.5, Math.max(0.3, width)),
  };
}

const DECAY: Prior = { dist: "beta", a: 2, b: 3, lower: 0, upper: 1 };
const HALF_SATURATION: Prior = { dist: "lognormal", mu: 0, sigma: 0.5 };
const SHAPE: Prior = { dist: "lognormal", mu: Math.log(1.5), sigma: 0.45 };
const SCALE: Prior = { dist: "lognormal", mu: 0, sigma: 0.6 };

/** Stated defaults by `"<kind>.<param>"` (see the module doc). */
const DEFAULTS: ReadonlyMap<string, Prior> = new Map<string, Prior>([
  ["geometric.decay", DECAY],
  ["geometric-normalized.decay", DECAY],
  ["delayed.decay", DECAY],
  ["hill.halfSaturation", HALF_SATURATION],
  ["michaelis-menten.halfSaturation", HALF_SATURATION],
  ["hill.shape", SHAPE],
  ["power-hill.shape", SHAPE],
  ["logistic.lambda", SCALE],
  ["tanh.scale", SCALE],
]);

/**
 * The default prior of parameter `name` of transform `kind` (see the module doc). A Beta prior
 * is clipped to the parameter's hard limits.
 *
 * @param kind The transform's registered kind.
 * @param name The parameter's name.
 * @param spec The parameter's descriptor entry (for transforms without a stated default).
 * @returns The prior.
 *
 * @example Geometric decay and Hill's half-saturation point
 * ```ts
 * import { transformPrior } from "mixlab/models/bayes/mod.ts";
 * import { getTransform } from "mixlab/transforms/registry.ts";
 * import assert from "node:assert/strict";
 * const decay = transformPrior("geometric", "decay", getTransform("geometric").params.decay!);
 * assert.deepEqual(decay, { dist: "beta", a: 2, b: 3, lower: 0, upper: 0.9999 });
 * const k = transformPrior("hill", "halfSaturation", getTransform("hill").params.halfSaturation!);
 * assert.deepEqual(k, { dist: "lognormal", mu: 0, sigma: 0.5 });
 * ```
 */
export function transformPrior(kind: string, name: string, spec: ParamSpec): Prior {
  const p = DEFAULTS.get(`${kind}.${name}`);
  if (p === undefined) return defaultTransformPrior(spec);
  if (p.dist === "beta") {
    return { ...p, lower: Math.max(p.lower, spec.min), upper: Math.min(p.upper, spec.max) };
  }
  return p;
}

/** A channel's free transform parameter as a posterior coordinate, with its prior and config key. */
export interface TransformParameter {
  /** `"<channel>.<param>"`. */
  readonly name: string;
  /** Which transform it belongs to. */
  readonly group: "adstock" | "saturation";
  /** Index of the channel. */
  readonly channel: number;
  /** The parameter's name in its transform, e.g. `"decay"`. */
  readonly param: string;
  /** Its prior: the override under `"<channel>.<param>"` or `"<param>"`, else the default. */
  readonly prior: Prior;
  /** The config key the prior came from. */
  readonly key: string;
}

/**
 * The coordinates of one channel's free transform parameters (adstock ones first, as the
 * kernels order them), each with its prior: the national and the geo posterior lay them out
 * the same way.
 */
export function transformParameters(
  channel: { readonly name: string; readonly index: number },
  free: readonly { readonly name: string; readonly stage: "adstock" | "saturation" }[],
  descriptors: { readonly adstock: TransformDescriptor; readonly saturation: TransformDescriptor },
  prior: (keys: string[], fallback: Prior) => { prior: Prior; key: string },
): TransformParameter[] {
  return free.map((f) => {
    const d = f.stage === "adstock" ? descriptors.adstock : descriptors.saturation;
    const name = `${channel.name}.${f.name}`;
    return {
      name,
      group: f.stage,
      channel: channel.index,
      param: f.name,
      ...prior([name, f.name], transformPrior(d.kind, f.name, d.params[f.name]!)),
    };
  });
}
