/**
 * The posterior density of the Bayesian media mix model on the sampler's unconstrained space.
 *
 * On the scaled KPI ỹ = y / s_y (s_y the mean absolute training KPI) and scaled spend
 * x̃_c = spend_c / scale_c:
 *
 * ```
 * ỹ_t ~ Normal(μ_t, σ)
 * μ_t = α + Σ_c β_c · s_ct + Σ_j γ_j · z_jt,     s_ct = sat_c(adstock_c(x̃_c) / G_c)_t
 * ```
 *
 * where G_c is the adstock's gain (the media pipeline's unit-gain convention, see
 * `transforms/apply_channel.ts`) and z_j are the baseline regressors (controls, trend, Fourier
 * terms, events), centred and divided by their standard deviation, so α is the mean baseline.
 * Lift tests add `L_k ~ Normal(β_c · Σ_{t∈W_k} (s_ct − s'_ct), se_k)`, where s' is the column with
 * the channel's spend removed over the test window W_k (carryover from earlier weeks kept in both).
 *
 * **Media coordinate.** A channel is sampled through u = log m with m = β_c·s̄_c, its mean
 * contribution per row (s̄_c the mean of s_c over the rows), and β_c = m / s̄_c is derived. On the
 * linear specification m is the channel's ROAS times a known constant (ROAS = m · s_y / mean
 * spend), so a prior on the ROAS (Meridian's `roi` prior) is a prior on u, and β follows from the
 * ROAS and the transform parameters. With a coefficient prior (the log-log specification, or when
 * asked) the density carries p(β) times the Jacobian |∂β/∂u| = β. Either way the data pin m down
 * well while β trades off against the half-saturation point, which keeps the geometry simple.
 *
 * **Intercept coordinate.** The first coordinate is T = α + Σ_c m_c, the mean of μ over the
 * rows, which the data pin down to within σ/√n; α = T − Σ m_c is derived (a shear, unit
 * Jacobian) and carries the intercept's prior. Sampling α directly made a curved ridge between α
 * and log m wherever a channel's column is nearly flat (a long decay, a low half-saturation
 * point): the sampler needed three times smaller steps there and diverged.
 *
 * **Default priors** (`defaultPriors`, `transform_priors.ts`; every one can be overridden
 * by key). Transform parameters named in a channel's `fixed` list, and whole-number ones
 * (`maxLag`), stay at the spec's values.
 *
 * Gradients use the chain rule through the transforms (see `_channel_kernel.ts`).
 *
 * @module
 */
import type { LogDensity } from "./nuts.ts";
import {
  constrain,
  constrainSlope,
  logPriorUnconstrained,
  type Prior,
  samplePrior,
  unconstrain,
} from "./priors.ts";
import type { Rng } from "../../rng.ts";
import { ChannelKernel } from "./_channel_kernel.ts";
import { checkPriorSupports, type LiftTerm, liftTerms } from "./_posterior_inputs.ts";
import { type PosteriorLayout, posteriorLayout } from "./_posterior_layout.ts";
import type {
  MmmPosteriorInput,
  MmmPosteriorOptions,
  PosteriorParameter,
} from "./posterior_input.ts";

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
 *     fixed: ["shape"],
 *     roasFactor: 10,
 *   }],
 *   baseline: [],
 * });
 * assert.deepEqual(post.parameters.map((p) => p.name), [
 *   "intercept", "tv", "tv.decay", "tv.halfSaturation", "sigma",
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
  /**
   * The channels' kernels (their columns hold the last evaluated point).
   *
   * @internal
   */
  readonly kernels: readonly ChannelKernel[];
  readonly #y: Float64Array;
  readonly #n: number;
  /** Where each parameter sits among the coordinates. */
  readonly #layout: PosteriorLayout;
  readonly #priors: Prior[];
  readonly #lifts: LiftTerm[];
  readonly #mu: Float64Array;
  readonly #resid: Float64Array;
  readonly #values: Float64Array;
  readonly #slopes: Float64Array;
  readonly #beta: Float64Array;
  /** ∂β_c/∂θ_k for each channel's free parameters (same layout as the coordinates). */
  readonly #dBeta: Float64Array;
  readonly #one = new Float64Array(1);
  readonly #isMedia: Uint8Array;

  /**
   * Builds the posterior; throws ConfigError for a saturation whose input derivative is not
   * known, a prior that is invalid or does not fit its parameter, or a lift test outside the rows.
   */
  constructor(input: MmmPosteriorInput, options: MmmPosteriorOptions = {}) {
    const n = input.y.length, nc = input.channels.length;
    const layout = this.#layout = posteriorLayout(input, options);
    this.#y = input.y;
    this.#n = n;
    this.kernels = layout.kernels;
    const params = this.parameters = layout.parameters;
    this.dim = params.length;
    this.#priors = params.map((p) => p.prior);
    checkPriorSupports(params);
    this.#isMedia = Uint8Array.from(params, (p) => (p.group === "media" ? 1 : 0));
    this.#lifts = liftTerms(input.liftTests ?? [], this.kernels, n);
    this.#mu = new Float64Array(n);
    this.#resid = new Float64Array(n);
    this.#values = new Float64Array(this.dim);
    this.#slopes = new Float64Array(this.dim);
    this.#beta = new Float64Array(nc);
    this.#dBeta = new Float64Array(this.dim);
  }

  /**
   * A central starting point on the unconstrained space: every coordinate at its prior's median
   * (a Beta prior's mean), the mean level T at the KPI's mean and σ at half the KPI's standard
   * deviation; a channel with a coefficient prior at its median β times the mean of its column
   * at the transforms' medians.
   */
  centralPoint(): Float64Array {
    const theta = new Float64Array(this.dim), y = this.#y, n = this.#n;
    this.parameters.forEach((p, i) => {
      const q = p.prior;
      theta[i] = q.dist === "normal" || q.dist === "lognormal"
        ? q.mu
        : q.dist === "halfnormal"
        ? Math.log(0.6744897501960817 * q.sigma)
        : unconstrain(q, q.lower + (q.upper - q.lower) * q.a / (q.a + q.b));
    });
    let mean = 0;
    for (let t = 0; t < n; t++) mean += (y[t] as number) / n;
    let v = 0;
    for (let t = 0; t < n; t++) v += ((y[t] as number) - mean) ** 2 / n;
    theta[this.#layout.sigmaIndex] = Math.log(Math.max(0.5 * Math.sqrt(v), 1e-3));
    const values = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) {
      values[i] = constrain(this.#priors[i] as Prior, theta[i] as number);
    }
    this.#forward(values, false);
    for (let c = 0; c < this.kernels.length; c++) {
      const b = this.#layout.mediaIndex[c] as number;
      theta[b] = this.#layout.isRoas[c]
        ? (theta[b] as number) - (this.#layout.logRoasFactor[c] as number)
        : (theta[b] as number) + Math.log((this.kernels[c] as ChannelKernel).mean);
    }
    theta[0] = mean;
    return theta;
  }

  /**
   * A point drawn from the priors (unconstrained coordinates): each parameter from its prior,
   * a channel's m from its ROAS prior (or β from its coefficient prior, times the mean of its
   * column at the drawn transforms), and T = α + Σ m.
   */
  samplePrior(rng: Rng): Float64Array {
    const theta = new Float64Array(this.dim), values = new Float64Array(this.dim);
    this.parameters.forEach((p, i) => {
      values[i] = samplePrior(p.prior, rng);
      theta[i] = p.group === "intercept"
        ? values[i] as number
        : unconstrain(p.prior, values[i] as number);
    });
    this.#forward(values, false);
    let media = 0;
    for (let c = 0; c < this.kernels.length; c++) {
      const b = this.#layout.mediaIndex[c] as number, v = values[b] as number;
      const m = this.#layout.isRoas[c]
        ? v / Math.exp(this.#layout.logRoasFactor[c] as number)
        : v * (this.kernels[c] as ChannelKernel).mean;
      theta[b] = Math.log(m);
      media += m;
    }
    theta[0] = (values[0] as number) + media;
    return theta;
  }

  /**
   * The model at an unconstrained point, on the scaled KPI: the mean μ_t, the baseline
   * α + Σ γ_j z_jt, and each channel's column s_c, coefficient β_c and ROAS (when it has a ROAS
   * factor). Allocates; for checks and reports, not for sampling.
   */
  evaluate(theta: Float64Array): {
    mu: Float64Array;
    baseline: Float64Array;
    sigma: number;
    channels: { column: Float64Array; beta: number; roas: number | undefined }[];
  } {
    const values = this.constrain(theta), n = this.#n;
    const baseline = new Float64Array(n).fill(values[0] as number);
    this.#layout.baseline.forEach((z, j) => {
      const g = values[this.#layout.baselineStart + j] as number;
      for (let t = 0; t < n; t++) baseline[t] = (baseline[t] as number) + g * (z[t] as number);
    });
    const mu = Float64Array.from(baseline);
    const channels = this.kernels.map((k, c) => {
      const beta = values[this.#layout.mediaIndex[c] as number] as number;
      for (let t = 0; t < n; t++) mu[t] = (mu[t] as number) + beta * (k.s[t] as number);
      return {
        column: Float64Array.from(k.s),
        beta,
        roas: this.#layout.isRoas[c]
          ? beta * k.mean * Math.exp(this.#layout.logRoasFactor[c] as number)
          : undefined,
      };
    });
    return { mu, baseline, sigma: values[this.#layout.sigmaIndex] as number, channels };
  }

  /** The lift each lift test would measure at an unconstrained point, on the scaled KPI. */
  predictedLifts(theta: Float64Array): Float64Array {
    const values = this.constrain(theta);
    return Float64Array.from(
      this.#lifts,
      (l) =>
        (values[this.#layout.mediaIndex[l.channel] as number] as number) *
        l.kernel.windowDrop(l.start, l.end),
    );
  }

  /** Sets every channel's free transform parameters from constrained `values` and runs the kernels. */
  #forward(values: Float64Array, gradient: boolean): void {
    for (let c = 0; c < this.kernels.length; c++) {
      const k = this.kernels[c] as ChannelKernel, s0 = this.#layout.freeStart[c] as number;
      for (let j = 0; j < k.free.length; j++) k.set(j, values[s0 + j] as number);
      k.forward(gradient);
    }
  }

  /**
   * Writes the constrained parameter values of an unconstrained point into `out`; a channel's
   * entry is its coefficient β (not m), on the scaled KPI.
   */
  constrain(theta: Float64Array, out: Float64Array = new Float64Array(this.dim)): Float64Array {
    for (let i = 0; i < this.dim; i++) {
      out[i] = constrain(this.#priors[i] as Prior, theta[i] as number);
    }
    this.#forward(out, false);
    let media = 0;
    for (let c = 0; c < this.kernels.length; c++) {
      const b = this.#layout.mediaIndex[c] as number, m = Math.exp(theta[b] as number);
      media += m;
      out[b] = m / (this.kernels[c] as ChannelKernel).mean;
    }
    out[0] = (theta[0] as number) - media;
    return out;
  }

  /** log posterior (up to a constant) at unconstrained `theta`, gradient into `grad`. */
  logDensityAndGradient(theta: Float64Array, grad: Float64Array): number {
    const dim = this.dim, n = this.#n, values = this.#values, slopes = this.#slopes;
    const priors = this.#priors, one = this.#one, kernels = this.kernels;
    const beta = this.#beta, dBeta = this.#dBeta;
    let lp = 0;
    for (let i = 0; i < dim; i++) {
      const p = priors[i] as Prior, u = theta[i] as number;
      values[i] = constrain(p, u);
      slopes[i] = constrainSlope(p, u);
      if (this.#isMedia[i] || i === 0) {
        grad[i] = 0;
        continue;
      }
      lp += logPriorUnconstrained(p, u, one);
      grad[i] = one[0] as number;
    }
    this.#forward(values, true);
    // Media: m = e^u, β = m / s̄, ∂β/∂θ_k = −β·(∂s̄/∂θ_k)/s̄.
    for (let c = 0; c < kernels.length; c++) {
      const k = kernels[c] as ChannelKernel, b = this.#layout.mediaIndex[c] as number;
      const s0 = this.#layout.freeStart[c] as number, nf = k.free.length, u = theta[b] as number;
      const bc = Math.exp(u) / k.mean;
      beta[c] = bc;
      for (let j = 0; j < nf; j++) dBeta[s0 + j] = (-bc * (k.dMean[j] as number)) / k.mean;
      const p = priors[b] as Prior;
      if (this.#layout.isRoas[c]) {
        // a prior on ROAS = m · factor: the prior of log ROAS at u + log factor
        lp += logPriorUnconstrained(p, u + (this.#layout.logRoasFactor[c] as number), one);
        grad[b] = one[0] as number;
      } else {
        // p(β) |∂β/∂u| with ∂β/∂u = β: log p(β) + log β
        let dlp: number; // d(log p(β) + log β)/dβ
        if (p.dist === "halfnormal") {
          const s2 = p.sigma * p.sigma;
          lp += -0.5 * (bc * bc) / s2 + Math.log(bc);
          dlp = -bc / s2 + 1 / bc;
        } else {
          const q = p as { mu: number; sigma: number }, z = (Math.log(bc) - q.mu) / q.sigma;
          lp += -0.5 * z * z;
          dlp = -z / (q.sigma * bc);
        }
        grad[b] = dlp * bc;
        for (let j = 0; j < nf; j++) {
          grad[s0 + j] = (grad[s0 + j] as number) +
            dlp * (dBeta[s0 + j] as number) * (slopes[s0 + j] as number);
        }
      }
    }
    // The first coordinate is T = α + Σ m_c, the mean of μ over the rows, which the data pin
    // down; α = T − Σ m_c is derived (a shear: unit Jacobian) and carries the intercept's prior.
    let media = 0;
    for (let c = 0; c < kernels.length; c++) {
      media += Math.exp(theta[this.#layout.mediaIndex[c] as number] as number);
    }
    const alpha = (theta[0] as number) - media;
    values[0] = alpha;
    lp += logPriorUnconstrained(priors[0] as Prior, alpha, one);
    const dAlpha = one[0] as number;
    grad[0] = dAlpha;
    for (let c = 0; c < kernels.length; c++) {
      const b = this.#layout.mediaIndex[c] as number;
      grad[b] = (grad[b] as number) - dAlpha * Math.exp(theta[b] as number);
    }
    if (!Number.isFinite(lp)) return -Infinity;
    const mu = this.#mu;
    mu.fill(values[0] as number);
    const b0 = this.#layout.baselineStart, nb = this.#layout.baseline.length;
    for (let j = 0; j < nb; j++) {
      const z = this.#layout.baseline[j] as Float64Array, g = values[b0 + j] as number;
      for (let t = 0; t < n; t++) mu[t] = (mu[t] as number) + g * (z[t] as number);
    }
    for (let c = 0; c < kernels.length; c++) {
      const bc = beta[c] as number, s = (kernels[c] as ChannelKernel).s;
      for (let t = 0; t < n; t++) mu[t] = (mu[t] as number) + bc * (s[t] as number);
    }
    const sigma = values[this.#layout.sigmaIndex] as number, y = this.#y, e = this.#resid;
    const inv2 = 1 / (sigma * sigma);
    let ss = 0, se = 0;
    for (let t = 0; t < n; t++) {
      const r = (y[t] as number) - (mu[t] as number);
      ss += r * r;
      const g = r * inv2; // ∂ log-likelihood / ∂ μ_t
      e[t] = g;
      se += g;
    }
    let ll = -n * Math.log(sigma) - 0.5 * ss * inv2;
    if (!Number.isFinite(ll)) return -Infinity;
    grad[0] = (grad[0] as number) + se;
    for (let j = 0; j < nb; j++) {
      const z = this.#layout.baseline[j] as Float64Array;
      let d = 0;
      for (let t = 0; t < n; t++) d += (e[t] as number) * (z[t] as number);
      grad[b0 + j] = (grad[b0 + j] as number) + d * (slopes[b0 + j] as number);
    }
    for (let c = 0; c < kernels.length; c++) {
      const k = kernels[c] as ChannelKernel, bc = beta[c] as number, s = k.s;
      const b = this.#layout.mediaIndex[c] as number, s0 = this.#layout.freeStart[c] as number;
      let d = 0;
      for (let t = 0; t < n; t++) d += (e[t] as number) * (s[t] as number);
      // ∂μ_t/∂u = β s_t − m (β ∝ m, and α = T − Σ m)
      grad[b] = (grad[b] as number) + d * bc - se * bc * k.mean;
      for (let j = 0; j < k.free.length; j++) {
        const g = k.ds[j] as Float64Array;
        let dd = 0;
        for (let t = 0; t < n; t++) dd += (e[t] as number) * (g[t] as number);
        // ∂μ_t/∂θ = β ∂s_t/∂θ + (∂β/∂θ) s_t
        const total = bc * dd + (dBeta[s0 + j] as number) * d;
        grad[s0 + j] = (grad[s0 + j] as number) + total * (slopes[s0 + j] as number);
      }
    }
    // Lift tests: L ~ Normal(β·D, se) with D the window drop of the column.
    for (const l of this.#lifts) {
      const k = l.kernel, c = l.channel, bc = beta[c] as number;
      const D = k.windowDrop(l.start, l.end, l.dD);
      const r = l.lift - bc * D, w = r * l.precision;
      ll -= 0.5 * r * w;
      const b = this.#layout.mediaIndex[c] as number, s0 = this.#layout.freeStart[c] as number;
      grad[b] = (grad[b] as number) + w * bc * D;
      for (let j = 0; j < k.free.length; j++) {
        const total = bc * (l.dD[j] as number) + (dBeta[s0 + j] as number) * D;
        grad[s0 + j] = (grad[s0 + j] as number) + w * total * (slopes[s0 + j] as number);
      }
    }
    const si = this.#layout.sigmaIndex;
    grad[si] = (grad[si] as number) + (-n / sigma + ss * inv2 / sigma) * (slopes[si] as number);
    return lp + ll;
  }
}
