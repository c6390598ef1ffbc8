/**
 * The posterior density of the Bayesian media mix model on the sampler's unconstrained space.
 *
 * On the scaled KPI ỹ = y / s_y (s_y the mean absolute training KPI) and scaled spend
 * x̃_c = spend_c / scale_c (scale_c the channel's mean training spend unless the spec sets it):
 *
 * ```
 * ỹ_t ~ Normal(μ_t, σ)
 * μ_t = α + Σ_c β_c · sat_c(adstock_c(x̃_c) / G_c)_t + Σ_j γ_j · z_jt
 * ```
 *
 * where G_c is the adstock's gain (the media pipeline's unit-gain convention, see
 * `transforms/apply_channel.ts`), z_j are the baseline regressors (controls, trend, Fourier terms, events) centred and
 * divided by their standard deviation. Default priors: α ~ Normal(0, 2), β_c ~ HalfNormal(1),
 * γ_j ~ Normal(0, 1), σ ~ HalfNormal(1); an adstock or saturation parameter whose hard maximum
 * is at most 1 (a decay) ~ Beta on its support with mean at the descriptor's default and
 * concentration 6; any other positive parameter ~ LogNormal(log default, σ) with σ spanning the
 * descriptor's tuning range as a 90% interval (clamped to [0.3, 1.5]). Whole-number parameters
 * (`maxLag`) stay fixed at the spec's value.
 *
 * Sampling coordinates: each prior's support is mapped to ℝ (see `priors.ts`), except that a
 * channel's coordinate is log m with m = β_c · s̄_c, its mean contribution per row (s̄_c the
 * mean of sat_c(adstock_c(x̃_c)) over the rows): the posterior is the same, with the Jacobian
 * |∂β/∂log m| = β added, but m is pinned down by the data while β trades off against the
 * half-saturation point; this roughly halved the leapfrog steps per draw and removed most
 * divergences on simulated data.
 *
 * Gradients use the chain rule through the transforms: ∂μ/∂θ_sat = β·∂sat/∂θ (descriptor
 * `gradient`), ∂μ/∂θ_ad = β·sat'(a)·∂a/∂θ (saturation slope times the adstock descriptor's
 * `gradient`).
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import { getTransform } from "../../transforms/registry.ts";
import type { ParamSpec, TransformDescriptor } from "../../transforms/descriptor.ts";
import type { TransformSpec } from "../../types.ts";
import type { LogDensity } from "./nuts.ts";
import {
  constrain,
  constrainSlope,
  logPriorUnconstrained,
  type Prior,
  resolvePrior,
} from "./priors.ts";
import { saturationSlope, SLOPE_KINDS } from "./_saturation_slope.ts";

/** What a sampled parameter is. */
export type PosteriorParameterGroup =
  | "intercept"
  | "media"
  | "adstock"
  | "saturation"
  | "baseline"
  | "sigma";

/** One coordinate of the posterior: its name, role and prior. */
export interface PosteriorParameter {
  /** `"intercept"`, a channel name (its β), `"<channel>.<param>"`, a baseline name, `"sigma"`. */
  readonly name: string;
  /** Its role in the model. */
  readonly group: PosteriorParameterGroup;
  /** Index of the channel for media, adstock and saturation parameters. */
  readonly channel?: number;
  /** Transform parameter name for adstock and saturation parameters. */
  readonly param?: string;
  /** Its prior (which also sets how it is sampled). */
  readonly prior: Prior;
}

/** One channel of the posterior: scaled spend and its (resolved) transforms. */
export interface PosteriorChannel {
  /** Channel name. */
  readonly name: string;
  /** Spend divided by the channel's scale. */
  readonly x: Float64Array;
  /** Adstock; its values are used for parameters that are held fixed. */
  readonly adstock: TransformSpec;
  /** Saturation; its values are used for parameters that are held fixed. */
  readonly saturation: TransformSpec;
}

/** Inputs of {@link MmmPosterior}. */
export interface MmmPosteriorInput {
  /** The scaled KPI ỹ. */
  readonly y: Float64Array;
  /** Media channels. */
  readonly channels: readonly PosteriorChannel[];
  /** Standardised baseline regressors, one column each. */
  readonly baseline: readonly { readonly name: string; readonly values: Float64Array }[];
}

/** Options of {@link MmmPosterior}. */
export interface MmmPosteriorOptions {
  /**
   * Prior overrides by parameter name (`"tv"`, `"tv.decay"`, `"price"`, `"sigma"`,
   * `"intercept"`) or by group (`"media"` for every β, `"baseline"` for every γ,
   * `"adstock.<param>"`, `"saturation.<param>"`). The most specific key wins.
   * @default {}
   */
  readonly priors?: Readonly<Record<string, Prior>>;
  /** Keep every transform parameter fixed at the spec's value (a linear model). @default false */
  readonly fixTransforms?: boolean;
}

/** The default prior of a transform parameter, derived from its descriptor (see module doc). */
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

interface ChannelState {
  readonly adstock: TransformDescriptor;
  readonly saturation: TransformDescriptor;
  readonly slope: NonNullable<ReturnType<typeof saturationSlope>>;
  readonly x: Float64Array;
  /** Mutable parameter records handed to the descriptors. */
  readonly adParams: Record<string, number>;
  readonly satParams: Record<string, number>;
  /** Coordinates of β and of the free adstock / saturation parameters. */
  betaIndex: number;
  readonly adFree: { name: string; index: number }[];
  readonly satFree: { name: string; index: number }[];
  readonly adstocked: Float64Array;
  readonly saturated: Float64Array;
  readonly slopeBuf: Float64Array;
  /** ∂a/∂θ and ∂sat/∂θ per free parameter (buffers of the fast paths, or descriptor output). */
  adGrad: Record<string, Float64Array>;
  satGrad: Record<string, Float64Array>;
  /** Fused kernels for the common transforms (same results as the descriptors, tested). */
  readonly fastAdstock: boolean;
  readonly fastHill: boolean;
  /**
   * Mean saturated value s̄ over the rows at the current parameters, then (after the prior
   * step) ∂β/∂θ per free adstock and saturation parameter, in `adFree`/`satFree` order.
   */
  ref: number;
  readonly adRef: Float64Array;
  readonly satRef: Float64Array;
}

/**
 * Geometric adstock `a_t = x_t + θ a_{t−1}` and its derivative `∂a_t/∂θ = a_{t−1} + θ ∂a_{t−1}/∂θ`
 * in one pass (the descriptor's `apply` and `gradient` fused, without allocation).
 */
function geometricForward(x: Float64Array, theta: number, a: Float64Array, da: Float64Array) {
  let prev = 0, dprev = 0;
  for (let t = 0; t < x.length; t++) {
    const d = prev + theta * dprev;
    prev = (x[t] as number) + theta * prev;
    dprev = d;
    a[t] = prev;
    da[t] = d;
  }
}

/**
 * Hill `y = 1/(1 + (k/x)^s)` with ∂y/∂k = −s·y(1−y)/k, ∂y/∂s = y(1−y)·log(x/k) and
 * dy/dx = s·y(1−y)/x in one pass: one log and one exp per row.
 */
function hillForward(
  x: Float64Array,
  k: number,
  shape: number,
  y: Float64Array,
  dk: Float64Array | undefined,
  ds: Float64Array | undefined,
  dx: Float64Array,
) {
  const lk = Math.log(k);
  for (let t = 0; t < x.length; t++) {
    const v = x[t] as number;
    if (!(v > 0)) {
      y[t] = 0;
      dx[t] = 0;
      if (dk) dk[t] = 0;
      if (ds) ds[t] = 0;
      continue;
    }
    const l = Math.log(v) - lk;
    const yt = 1 / (1 + Math.exp(-shape * l)), w = yt * (1 - yt);
    y[t] = yt;
    dx[t] = (shape * w) / v;
    if (dk) dk[t] = (-shape * w) / k;
    if (ds) ds[t] = w * l;
  }
}

/**
 * The MMM posterior as a {@link LogDensity}: coordinates are the unconstrained parameters in
 * the order of {@link MmmPosterior.parameters}.
 *
 * @example Evaluating the density at a point
 * ```ts
 * import { MmmPosterior } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const post = new MmmPosterior({
 *   y: Float64Array.of(1, 1.2, 0.9, 1.1),
 *   channels: [{
 *     name: "tv",
 *     x: Float64Array.of(1, 0, 2, 1),
 *     adstock: { kind: "geometric", params: { decay: 0.3 } },
 *     saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
 *   }],
 *   baseline: [],
 * });
 * assert.deepEqual(post.parameters.map((p) => p.name), [
 *   "intercept", "tv", "tv.decay", "tv.halfSaturation", "tv.shape", "sigma",
 * ]);
 * const grad = new Float64Array(post.dim);
 * assert.ok(Number.isFinite(post.logDensityAndGradient(new Float64Array(post.dim), grad)));
 * ```
 */
export class MmmPosterior implements LogDensity {
  /** Number of unconstrained coordinates. */
  readonly dim: number;
  /** The coordinates, in order. */
  readonly parameters: readonly PosteriorParameter[];
  readonly #y: Float64Array;
  readonly #n: number;
  readonly #channels: ChannelState[];
  readonly #baseline: Float64Array[];
  readonly #baselineStart: number;
  readonly #sigmaIndex: number;
  readonly #priors: Prior[];
  readonly #mu: Float64Array;
  readonly #resid: Float64Array;
  readonly #values: Float64Array;
  readonly #slopes: Float64Array;
  readonly #one = new Float64Array(1);
  readonly #isMedia: Uint8Array;

  /**
   * Builds the posterior; throws ConfigError for a saturation whose input derivative is not
   * known or a prior that is invalid.
   */
  constructor(input: MmmPosteriorInput, options: MmmPosteriorOptions = {}) {
    const overrides = options.priors ?? {};
    const fix = options.fixTransforms ?? false;
    const n = input.y.length;
    this.#y = input.y;
    this.#n = n;
    const params: PosteriorParameter[] = [];
    const prior = (keys: string[], fallback: Prior): Prior => {
      for (const k of keys) {
        const p = overrides[k];
        if (p !== undefined) return resolvePrior(p, `priors.${k}`);
      }
      return fallback;
    };
    params.push({
      name: "intercept",
      group: "intercept",
      prior: prior(["intercept"], { dist: "normal", mu: 0, sigma: 2 }),
    });
    this.#channels = input.channels.map((ch, c) => {
      if (ch.x.length !== n) {
        throw new RangeError(
          `Cannot build posterior: channel "${ch.name}" has ${ch.x.length} rows, the KPI ${n}`,
        );
      }
      const adstock = getTransform(ch.adstock.kind, { family: "adstock" });
      const saturation = getTransform(ch.saturation.kind, { family: "saturation" });
      const slope = saturationSlope(saturation.kind);
      if (slope === undefined) {
        throw new ConfigError(
          `Cannot fit Bayesian model: saturation "${saturation.kind}" has no input derivative`,
          {
            channel: ch.name,
            key: `channels.${ch.name}.saturation.kind`,
            hint: `use one of ${SLOPE_KINDS.map((k) => `"${k}"`).join(", ")}`,
          },
        );
      }
      const state: ChannelState = {
        adstock,
        saturation,
        slope,
        x: ch.x,
        adParams: { ...ch.adstock.params },
        satParams: { ...ch.saturation.params },
        betaIndex: params.length,
        adFree: [],
        satFree: [],
        adstocked: new Float64Array(n),
        saturated: new Float64Array(n),
        slopeBuf: new Float64Array(n),
        adGrad: {},
        satGrad: {},
        fastAdstock: adstock.kind === "geometric",
        fastHill: saturation.kind === "hill" || saturation.kind === "power-hill",
        ref: 1,
        adRef: new Float64Array(0),
        satRef: new Float64Array(0),
      };
      const betaPrior = prior([ch.name, "media"], { dist: "halfnormal", sigma: 1 });
      if (betaPrior.dist !== "halfnormal" && betaPrior.dist !== "lognormal") {
        throw new ConfigError(
          `Cannot fit Bayesian model: the prior of channel "${ch.name}" must be positive`,
          {
            channel: ch.name,
            key: `priors.${ch.name}`,
            hint: 'use a "halfnormal" or "lognormal" prior for media coefficients',
          },
        );
      }
      params.push({ name: ch.name, group: "media", channel: c, prior: betaPrior });
      if (!fix) {
        for (
          const [family, d, free] of [
            ["adstock", adstock, state.adFree],
            ["saturation", saturation, state.satFree],
          ] as const
        ) {
          for (const [name, spec] of Object.entries(d.params)) {
            if (spec.integer === true) continue;
            free.push({ name, index: params.length });
            params.push({
              name: `${ch.name}.${name}`,
              group: family,
              channel: c,
              param: name,
              prior: prior(
                [`${ch.name}.${name}`, `${family}.${name}`],
                defaultTransformPrior(spec),
              ),
            });
          }
        }
      }
      for (const f of state.adFree) state.adGrad[f.name] = new Float64Array(n);
      for (const f of state.satFree) state.satGrad[f.name] = new Float64Array(n);
      return {
        ...state,
        adRef: new Float64Array(state.adFree.length),
        satRef: new Float64Array(state.satFree.length),
      };
    });
    this.#baselineStart = params.length;
    this.#baseline = input.baseline.map((b) => {
      if (b.values.length !== n) {
        throw new RangeError(
          `Cannot build posterior: regressor "${b.name}" has ${b.values.length} rows, the KPI ${n}`,
        );
      }
      params.push({
        name: b.name,
        group: "baseline",
        prior: prior([b.name, "baseline"], { dist: "normal", mu: 0, sigma: 1 }),
      });
      return b.values;
    });
    this.#sigmaIndex = params.length;
    params.push({
      name: "sigma",
      group: "sigma",
      prior: prior(["sigma"], { dist: "halfnormal", sigma: 1 }),
    });
    this.parameters = Object.freeze(params.map((p) => Object.freeze(p)));
    this.dim = params.length;
    this.#priors = params.map((p) => p.prior);
    this.#isMedia = Uint8Array.from(params, (p) => (p.group === "media" ? 1 : 0));
    this.#mu = new Float64Array(n);
    this.#resid = new Float64Array(n);
    this.#values = new Float64Array(this.dim);
    this.#slopes = new Float64Array(this.dim);
  }

  /**
   * Transforms one channel at its current parameters: fills `adstocked`, `saturated`, the
   * saturation slope and the parameter derivatives of both transforms (fused kernels for
   * geometric adstock and Hill, the descriptors' `apply`/`gradient` otherwise).
   */
  #forward(ch: ChannelState): void {
    if (ch.fastAdstock) {
      const da = ch.adGrad.decay ?? ch.slopeBuf;
      geometricForward(ch.x, ch.adParams.decay as number, ch.adstocked, da);
    } else {
      ch.adstock.apply(ch.x, ch.adParams, ch.adstocked);
      if (ch.adFree.length > 0) ch.adGrad = ch.adstock.gradient(ch.x, ch.adParams);
    }
    // Unit gain (transforms/apply_channel.ts): u = a/G, ∂u/∂θ = (∂a/∂θ)/G − u·(∂G/∂θ)/G.
    const gain = (ch.adstock.gain as NonNullable<TransformDescriptor["gain"]>)(ch.adParams);
    if (gain !== 1) {
      const a = ch.adstocked, n = a.length, inv = 1 / gain;
      for (let t = 0; t < n; t++) a[t] = (a[t] as number) * inv;
      if (ch.adFree.length > 0) {
        const dG = (ch.adstock.gainGradient as NonNullable<TransformDescriptor["gainGradient"]>)(
          ch.adParams,
        );
        for (const f of ch.adFree) {
          const g = ch.adGrad[f.name] as Float64Array, r = (dG[f.name] as number) * inv;
          for (let t = 0; t < n; t++) g[t] = (g[t] as number) * inv - (a[t] as number) * r;
        }
      }
    }
    if (ch.fastHill) {
      const k = ch.saturation.kind === "hill" ? (ch.satParams.halfSaturation as number) : 1;
      hillForward(
        ch.adstocked,
        k,
        ch.satParams.shape as number,
        ch.saturated,
        ch.satGrad.halfSaturation,
        ch.satGrad.shape,
        ch.slopeBuf,
      );
    } else {
      ch.saturation.apply(ch.adstocked, ch.satParams, ch.saturated);
      if (ch.satFree.length > 0) ch.satGrad = ch.saturation.gradient(ch.adstocked, ch.satParams);
      ch.slope(ch.adstocked, ch.saturated, ch.satParams, ch.slopeBuf);
    }
  }

  /** Writes the constrained parameter values of an unconstrained point into `out`. */
  constrain(theta: Float64Array, out: Float64Array = new Float64Array(this.dim)): Float64Array {
    for (let i = 0; i < this.dim; i++) {
      out[i] = constrain(this.#priors[i] as Prior, theta[i] as number);
    }
    for (const ch of this.#channels) {
      for (const f of ch.adFree) ch.adParams[f.name] = out[f.index] as number;
      for (const f of ch.satFree) ch.satParams[f.name] = out[f.index] as number;
      this.#forward(ch);
      this.#reference(ch);
      out[ch.betaIndex] = (out[ch.betaIndex] as number) / ch.ref;
    }
    return out;
  }

  /**
   * The mean saturated value s̄ of a channel (after {@link #forward}) and its derivative in each
   * free transform parameter. The sampler's media coordinate is log m with m = β·s̄, the
   * channel's mean contribution per row: unlike β it is well identified by the data whatever
   * the shape of the curve (β alone trades off against the half-saturation point).
   */
  #reference(ch: ChannelState): void {
    const n = this.#n, s = ch.saturated;
    let m = 0;
    for (let t = 0; t < n; t++) m += s[t] as number;
    ch.ref = m / n;
    ch.satFree.forEach((f, j) => {
      const g = ch.satGrad[f.name] as Float64Array;
      let d = 0;
      for (let t = 0; t < n; t++) d += g[t] as number;
      ch.satRef[j] = d / n;
    });
    const sl = ch.slopeBuf;
    ch.adFree.forEach((f, j) => {
      const g = ch.adGrad[f.name] as Float64Array;
      let d = 0;
      for (let t = 0; t < n; t++) d += (sl[t] as number) * (g[t] as number);
      ch.adRef[j] = d / n;
    });
  }

  /** log posterior (up to a constant) at unconstrained `theta`, gradient into `grad`. */
  logDensityAndGradient(theta: Float64Array, grad: Float64Array): number {
    const dim = this.dim, n = this.#n, values = this.#values, slopes = this.#slopes;
    const priors = this.#priors, one = this.#one;
    let lp = 0;
    for (let i = 0; i < dim; i++) {
      const p = priors[i] as Prior, u = theta[i] as number;
      values[i] = constrain(p, u);
      slopes[i] = constrainSlope(p, u);
      if (this.#isMedia[i]) {
        grad[i] = 0;
        continue;
      }
      lp += logPriorUnconstrained(p, u, one);
      grad[i] = one[0] as number;
    }
    // Media coefficients: β = m / s̄ with m = e^u. The density of (u, θ) carries the prior of β
    // times |∂β/∂u| = β, i.e. log p(β) + log β.
    for (const ch of this.#channels) {
      for (const f of ch.adFree) ch.adParams[f.name] = values[f.index] as number;
      for (const f of ch.satFree) ch.satParams[f.name] = values[f.index] as number;
      this.#forward(ch);
      this.#reference(ch);
      const b = ch.betaIndex, p = priors[b] as Prior;
      const beta = (values[b] as number) / ch.ref;
      values[b] = beta;
      let dlp: number; // d(log p(β) + log β)/dβ
      if (p.dist === "halfnormal") {
        const s2 = p.sigma * p.sigma;
        lp += -0.5 * (beta * beta) / s2 + Math.log(beta);
        dlp = -beta / s2 + 1 / beta;
      } else {
        const lpr = p as { mu: number; sigma: number }, z = (Math.log(beta) - lpr.mu) / lpr.sigma;
        lp += -0.5 * z * z;
        dlp = -z / (lpr.sigma * beta);
      }
      grad[b] = dlp * beta;
      // ∂β/∂θ = −β·(∂s̄/∂θ)/s̄, kept in adRef/satRef for the likelihood below.
      for (const [free, ref] of [[ch.adFree, ch.adRef], [ch.satFree, ch.satRef]] as const) {
        free.forEach((f, j) => {
          const dBeta = (-beta * (ref[j] as number)) / ch.ref;
          ref[j] = dBeta;
          grad[f.index] = (grad[f.index] as number) + dlp * dBeta * (slopes[f.index] as number);
        });
      }
    }
    if (!Number.isFinite(lp)) return -Infinity;
    const mu = this.#mu;
    mu.fill(values[0] as number);
    const b0 = this.#baselineStart;
    for (let j = 0; j < this.#baseline.length; j++) {
      const z = this.#baseline[j] as Float64Array, g = values[b0 + j] as number;
      for (let t = 0; t < n; t++) mu[t] = (mu[t] as number) + g * (z[t] as number);
    }
    for (const ch of this.#channels) {
      const beta = values[ch.betaIndex] as number, s = ch.saturated;
      for (let t = 0; t < n; t++) mu[t] = (mu[t] as number) + beta * (s[t] as number);
    }
    const sigma = values[this.#sigmaIndex] as number, y = this.#y, e = this.#resid;
    const inv2 = 1 / (sigma * sigma);
    let ss = 0;
    for (let t = 0; t < n; t++) {
      const r = (y[t] as number) - (mu[t] as number);
      ss += r * r;
      e[t] = r * inv2; // ∂ log-likelihood / ∂ μ_t
    }
    const ll = -n * Math.log(sigma) - 0.5 * ss * inv2;
    if (!Number.isFinite(ll)) return -Infinity;
    // Intercept and baseline.
    let se = 0;
    for (let t = 0; t < n; t++) se += e[t] as number;
    grad[0] = (grad[0] as number) + se * (slopes[0] as number);
    for (let j = 0; j < this.#baseline.length; j++) {
      const z = this.#baseline[j] as Float64Array;
      let d = 0;
      for (let t = 0; t < n; t++) d += (e[t] as number) * (z[t] as number);
      grad[b0 + j] = (grad[b0 + j] as number) + d * (slopes[b0 + j] as number);
    }
    // Media.
    for (const ch of this.#channels) {
      const beta = values[ch.betaIndex] as number, s = ch.saturated;
      let d = 0;
      for (let t = 0; t < n; t++) d += (e[t] as number) * (s[t] as number);
      // ∂β/∂u = β.
      grad[ch.betaIndex] = (grad[ch.betaIndex] as number) + d * beta;
      if (ch.satFree.length > 0) {
        const g = ch.satGrad;
        ch.satFree.forEach((f, j) => {
          const gs = g[f.name] as Float64Array;
          let dd = 0;
          for (let t = 0; t < n; t++) dd += (e[t] as number) * (gs[t] as number);
          // ∂μ_t/∂θ = β ∂s_t/∂θ + (∂β/∂θ) s_t
          const total = beta * dd + (ch.satRef[j] as number) * d;
          grad[f.index] = (grad[f.index] as number) + total * (slopes[f.index] as number);
        });
      }
      if (ch.adFree.length > 0) {
        const g = ch.adGrad, sl = ch.slopeBuf;
        ch.adFree.forEach((f, j) => {
          const ga = g[f.name] as Float64Array;
          let dd = 0;
          for (let t = 0; t < n; t++) {
            dd += (e[t] as number) * (sl[t] as number) * (ga[t] as number);
          }
          const total = beta * dd + (ch.adRef[j] as number) * d;
          grad[f.index] = (grad[f.index] as number) + total * (slopes[f.index] as number);
        });
      }
    }
    const si = this.#sigmaIndex;
    grad[si] = (grad[si] as number) + (-n / sigma + ss * inv2 / sigma) * (slopes[si] as number);
    return lp + ll;
  }
}
