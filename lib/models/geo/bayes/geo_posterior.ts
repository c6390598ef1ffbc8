/**
 * The posterior density of the hierarchical Bayesian geo model on the sampler's unconstrained
 * space. On the per-person KPI divided by its mean absolute value, ỹ, and spend per person
 * divided by the channel's mean x̃ (the unit-gain convention of `saturationInput`, lib/transforms/apply_channel.ts):
 *
 * ```
 * ỹ_gt ~ Normal(τ_g + ς_g·c_t + Σ_j γ_j z_jgt + Σ_m β_gm s_gmt, σ)
 * s_gmt = sat_m(adstock_m(x̃_gm)_t / G_m)          (transforms shared by every geo)
 * β_gm = β_m · exp(η_m ζ_gm),  ζ_gm ~ N(0, 1),  η_m ~ HalfNormal(0.3)   (non-centred)
 * τ_g ~ Normal(τ₀, s_τ²),  τ₀ flat;   ς_g ~ Normal(0, s_ς²)   (geo levels and trends)
 * ```
 *
 * z_j are the regressors shared by every geo's coefficient (trend, Fourier terms, controls),
 * standardised; c_t is the centred trend of the optional geo trends.
 *
 * **Geo levels and trends are integrated out analytically.** Given everything else they are
 * Gaussian: with r = ỹ − (the rest), each geo's mean r̄_g and trend slope b_g = Σ c r / Σ c² are
 * sufficient, r̄_g ~ N(τ₀, s_τ² + σ²/T) and b_g ~ N(0, s_ς² + σ²/Σc²), and τ₀ under a flat
 * prior integrates out of Π_g N(r̄_g | τ₀, v) in closed form. The sampler never sees the G (or
 * 2G) level coordinates, so the funnel between them and their sd, and their correlation with
 * media, disappear; `fitGeoBayes` reports the levels by their conditional means per draw.
 *
 * **Media coordinate.** Each channel is sampled through log R_m, R_m = Σ_g pop_g β_gm Σ_t s_gmt
 * its scaled total contribution, so that the national ROAS is R_m times a known factor and the
 * ROAS prior (Meridian's LogNormal(0.2, 0.9) by default) is a prior on this coordinate;
 * β_m = R_m / A_m with A_m = Σ_g pop_g e^{η_m ζ_gm} Σ_t s_gmt is derived.
 *
 * Lift tests: `L_k ~ Normal(Σ_{g∈geos_k} pop_g β_gm D_gk, se_k)`, D_gk the drop of geo g's
 * column over the test's weeks when that geo's spend there is removed.
 *
 * @module
 */
import type { LogDensity } from "../../bayes/nuts.ts";
import {
  constrain,
  constrainSlope,
  logPriorUnconstrained,
  type Prior,
} from "../../bayes/priors.ts";
import type { GeoChannelKernel } from "./_geo_channel_kernel.ts";
import { type GeoLayout, geoLayout } from "./_geo_layout.ts";
import { centralGeoPoint } from "./_geo_central_point.ts";
import { GeoLikelihood } from "./_geo_likelihood.ts";
import type {
  GeoParameter,
  GeoPosteriorInput,
  GeoPosteriorLiftTest,
  GeoPosteriorOptions,
} from "./geo_posterior_input.ts";

/** The state of the model at a point, as `GeoPosterior.evaluate` reports it. */
export interface GeoPointState {
  /** Constrained parameter values (a channel's media entry is its national β). */
  readonly values: Float64Array;
  /** Per channel and geo, `beta[m][g]` = β_gm. */
  readonly beta: readonly Float64Array[];
  /** The shared regressors' part of the mean, per row. */
  readonly shared: Float64Array;
  /** Conditional posterior mean of each geo's level given the point. */
  readonly level: Float64Array;
  /** Conditional posterior mean of each geo's trend slope given the point (0 without). */
  readonly slope: Float64Array;
  /** σ. */
  readonly sigma: number;
}

/**
 * The hierarchical geo posterior as a {@link LogDensity} (see the module doc).
 *
 * @example Two geos, one channel: the coordinates and a finite density at the central point
 * ```ts
 * import { GeoPosterior } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const x = Float64Array.of(1, 0, 2, 1, 0.5, 1.5, 1, 1);
 * const post = new GeoPosterior({
 *   geos: 2, weeks: 4, population: Float64Array.of(1, 2),
 *   y: x.map((v, i) => (i < 4 ? 1 : 1.2) + 0.3 * v),
 *   channels: [{
 *     name: "tv", x, roasFactor: 1,
 *     adstock: { kind: "geometric", params: { decay: 0.3 } },
 *     saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
 *   }],
 *   baseline: [],
 * }, { fixTransforms: true });
 * assert.deepEqual(post.parameters.map((p) => p.name),
 *   ["tv", "tv.eta", "tv.zeta[0]", "tv.zeta[1]", "geoIntercept", "sigma"]);
 * const grad = new Float64Array(post.dim);
 * assert.ok(Number.isFinite(post.logDensityAndGradient(post.centralPoint(), grad)));
 * ```
 */
export class GeoPosterior implements LogDensity {
  /** Number of unconstrained coordinates. */
  readonly dim: number;
  /** The coordinates, in order. */
  readonly parameters: readonly GeoParameter[];
  /**
   * Where each parameter sits.
   *
   * @internal
   */
  readonly layout: GeoLayout;
  /**
   * The channels' kernels (their columns hold the last evaluated point).
   *
   * @internal
   */
  readonly kernels: readonly GeoChannelKernel[];
  readonly #input: GeoPosteriorInput;
  readonly #priors: Prior[];
  readonly #lik: GeoLikelihood;
  readonly #values: Float64Array;
  readonly #slopes: Float64Array;
  readonly #one = new Float64Array(1);
  readonly #zetaStart: number;
  readonly #lifts: readonly GeoPosteriorLiftTest[];
  /** Per channel: β_gm, e^{ηζ}, the data's ∂ll/∂β_g, and ∂ll/∂(β_g-weighted column) per free k. */
  readonly #betaG: Float64Array[];
  readonly #mult: Float64Array[];
  readonly #dBetaG: Float64Array[];
  readonly #dFree: Float64Array[][];
  readonly #dDrop: Float64Array[];

  /**
   * Builds the posterior.
   *
   * @throws {ConfigError} For an invalid prior, a prior no parameter takes, or a transform the
   * geo model has no kernel for.
   * @throws {RangeError} For inputs whose rows do not match, or a lift test outside them.
   */
  constructor(input: GeoPosteriorInput, options: GeoPosteriorOptions = {}) {
    this.#input = input;
    const layout = this.layout = geoLayout(input, options);
    this.parameters = layout.parameters;
    this.kernels = layout.kernels;
    this.dim = this.parameters.length;
    this.#priors = this.parameters.map((p) => p.prior);
    this.#values = new Float64Array(this.dim);
    this.#slopes = new Float64Array(this.dim);
    this.#zetaStart = this.parameters.findIndex((p) => p.group === "zeta");
    this.#lik = new GeoLikelihood(input, layout);
    const G = input.geos;
    this.#betaG = this.kernels.map(() => new Float64Array(G));
    this.#mult = this.kernels.map(() => new Float64Array(G));
    this.#dBetaG = this.kernels.map(() => new Float64Array(G));
    this.#dFree = this.kernels.map((k) => k.free.map(() => new Float64Array(G)));
    this.#dDrop = this.kernels.map((k) => new Float64Array(k.free.length));
    this.#lifts = input.liftTests ?? [];
    this.#lifts.forEach((l, i) => {
      const ok = l.channel >= 0 && l.channel < this.kernels.length && l.start >= 0 &&
        l.end <= input.weeks && l.start < l.end && l.standardError > 0 &&
        Number.isFinite(l.lift) && l.geos.length > 0 && l.geos.every((g) => g >= 0 && g < G);
      if (!ok) {
        throw new RangeError(
          `Cannot build the geo posterior: lift test ${i} is outside the channels, geos or weeks`,
        );
      }
    });
  }

  /** A central starting point: prior medians, data-informed levels (see `_geo_central_point.ts`). */
  centralPoint(): Float64Array {
    return centralGeoPoint(this.#input, this.layout, this.#priors);
  }

  /** Sets the kernels' free parameters from constrained `values` and runs them. */
  #forward(values: Float64Array, gradient: boolean): void {
    const L = this.layout;
    for (let c = 0; c < this.kernels.length; c++) {
      const k = this.kernels[c] as GeoChannelKernel, s0 = L.freeStart[c] as number;
      for (let j = 0; j < k.free.length; j++) k.set(j, values[s0 + j] as number);
      k.forward(gradient);
    }
  }

  /** β_gm for every channel at the kernels' current columns; returns false if not finite. */
  #betas(theta: Float64Array): boolean {
    const L = this.layout, G = this.#input.geos, pop = this.#input.population;
    for (let c = 0; c < this.kernels.length; c++) {
      const k = this.kernels[c] as GeoChannelKernel, z0 = L.zeta[c] as number;
      const eta = Math.exp(theta[L.eta[c] as number] as number),
        mult = this.#mult[c] as Float64Array;
      let A = 0;
      for (let g = 0; g < G; g++) {
        const m = Math.exp(eta * (theta[z0 + g] as number));
        mult[g] = m;
        A += (pop[g] as number) * m * (k.geoSum[g] as number);
      }
      const beta = Math.exp(theta[L.media[c] as number] as number) / A;
      if (!(beta < Infinity)) return false;
      const bg = this.#betaG[c] as Float64Array;
      for (let g = 0; g < G; g++) bg[g] = beta * (mult[g] as number);
    }
    return true;
  }

  /**
   * The model at an unconstrained point: parameter values, per-geo coefficients, and with
   * `levels` (the default) the shared regressors' part and the levels' conditional means (else
   * those three are empty). Allocates; for reports, not sampling.
   */
  evaluate(theta: Float64Array, levels = true): GeoPointState {
    const values = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) {
      values[i] = constrain(this.#priors[i] as Prior, theta[i] as number);
    }
    this.#forward(values, false);
    this.#betas(theta);
    const beta = this.#betaG.map((b) => Float64Array.from(b));
    this.kernels.forEach((_, c) => {
      const b = this.layout.media[c] as number;
      values[b] = (beta[c]![0] as number) / (this.#mult[c]![0] as number);
    });
    const none = new Float64Array(0);
    const { shared, level, slope } = levels
      ? this.#lik.levels(values, this.#betaG, this.kernels)
      : { shared: none, level: none, slope: none };
    return { values, beta, shared, level, slope, sigma: values[this.layout.sigma] as number };
  }

  /** log posterior (up to a constant) at unconstrained `theta`, gradient into `grad`. */
  logDensityAndGradient(theta: Float64Array, grad: Float64Array): number {
    const dim = this.dim, values = this.#values, slopes = this.#slopes, one = this.#one;
    const L = this.layout, priors = this.#priors;
    let lp = 0;
    for (let i = 0; i < dim; i++) {
      const p = priors[i] as Prior, u = theta[i] as number;
      values[i] = constrain(p, u);
      slopes[i] = constrainSlope(p, u);
      if (i === L.media[(this.parameters[i] as GeoParameter).channel ?? -1]) {
        // the national ROAS prior: log ROAS = log R + log factor
        const c = (this.parameters[i] as GeoParameter).channel as number;
        lp += logPriorUnconstrained(p, u + (L.logRoasFactor[c] as number), one);
      } else lp += logPriorUnconstrained(p, u, one);
      grad[i] = one[0] as number;
    }
    if (!Number.isFinite(lp)) return -Infinity;
    this.#forward(values, true);
    if (!this.#betas(theta)) return -Infinity;
    const ll = this.#lik.evaluate(
      values,
      this.#betaG,
      this.kernels,
      grad,
      slopes,
      this.#dBetaG,
      this.#dFree,
    );
    if (!Number.isFinite(ll)) return -Infinity;
    return lp + ll + this.#liftTerms() + this.#mediaGradient(theta, grad);
  }

  /** Adds the lift tests' log likelihood's ∂/∂β_g and ∂/∂θ_k into the media sums; returns it. */
  #liftTerms(): number {
    const pop = this.#input.population;
    let ll = 0;
    for (const l of this.#lifts) {
      const k = this.kernels[l.channel] as GeoChannelKernel,
        bg = this.#betaG[l.channel] as Float64Array;
      let pred = 0;
      for (const g of l.geos) {
        pred += (pop[g] as number) * (bg[g] as number) * k.windowDrop(g, l.start, l.end);
      }
      const prec = 1 / (l.standardError * l.standardError), r = l.lift - pred, w = r * prec;
      ll -= 0.5 * r * w;
      const dB = this.#dBetaG[l.channel] as Float64Array,
        dF = this.#dFree[l.channel] as Float64Array[];
      const dD = this.#dDrop[l.channel] as Float64Array;
      for (const g of l.geos) {
        const D = k.windowDrop(g, l.start, l.end, dD), pw = w * (pop[g] as number);
        dB[g] = (dB[g] as number) + pw * D;
        for (let j = 0; j < dD.length; j++) {
          (dF[j] as Float64Array)[g] = (dF[j]![g] as number) + pw * (dD[j] as number);
        }
      }
    }
    return ll;
  }

  /**
   * Chain rule from ∂ll/∂β_g (and the β-weighted ∂ll/∂θ_k) to log R, log η, ζ and the free
   * transform parameters, through β_gm = R e^{ηζ_g} / A. Returns 0 (the terms are in `grad`).
   */
  #mediaGradient(theta: Float64Array, grad: Float64Array): number {
    const L = this.layout, G = this.#input.geos, pop = this.#input.population;
    const slopes = this.#slopes;
    for (let c = 0; c < this.kernels.length; c++) {
      const k = this.kernels[c] as GeoChannelKernel, bg = this.#betaG[c] as Float64Array;
      const dB = this.#dBetaG[c] as Float64Array, mult = this.#mult[c] as Float64Array;
      const z0 = L.zeta[c] as number, ei = L.eta[c] as number, eta = Math.exp(theta[ei] as number);
      let P = 0, A = 0, Pz = 0, Az = 0;
      for (let g = 0; g < G; g++) {
        const q = (bg[g] as number) * (dB[g] as number),
          a = (pop[g] as number) * (mult[g] as number) * (k.geoSum[g] as number);
        const z = theta[z0 + g] as number;
        P += q;
        A += a;
        Pz += q * z;
        Az += a * z;
      }
      const mi = L.media[c] as number;
      grad[mi] = (grad[mi] as number) + P;
      const PA = P / A;
      for (let g = 0; g < G; g++) {
        const a = (pop[g] as number) * (mult[g] as number) * (k.geoSum[g] as number);
        grad[z0 + g] = (grad[z0 + g] as number) +
          eta * ((bg[g] as number) * (dB[g] as number) - PA * a);
      }
      grad[ei] = (grad[ei] as number) + eta * (Pz - PA * Az);
      const s0 = L.freeStart[c] as number, dF = this.#dFree[c] as Float64Array[];
      for (let j = 0; j < k.free.length; j++) {
        const dS = k.dGeoSum[j] as Float64Array, d = dF[j] as Float64Array;
        let direct = 0, dA = 0;
        for (let g = 0; g < G; g++) {
          direct += (bg[g] as number) * (d[g] as number);
          dA += (pop[g] as number) * (mult[g] as number) * (dS[g] as number);
        }
        grad[s0 + j] = (grad[s0 + j] as number) + (direct - PA * dA) * (slopes[s0 + j] as number);
      }
    }
    return 0;
  }
}
