/**
 * Priors of the Bayesian MMM and the map from each prior's support to the sampler's
 * unconstrained space: Normal → identity, HalfNormal and LogNormal → log, Beta on (lower, upper)
 * → scaled logit. The log density on the unconstrained space includes the log Jacobian of the
 * map, so draws mapped back follow the intended prior.
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import type { Rng } from "../../rng.ts";

/** A prior distribution; its support decides how the parameter is sampled. */
export type Prior =
  | { readonly dist: "normal"; readonly mu: number; readonly sigma: number }
  | { readonly dist: "halfnormal"; readonly sigma: number }
  | { readonly dist: "lognormal"; readonly mu: number; readonly sigma: number }
  | {
    readonly dist: "beta";
    readonly a: number;
    readonly b: number;
    /** Lower end of the support: the value is lower + (upper − lower)·z with z ~ Beta(a, b). */
    readonly lower: number;
    /** Upper end of the support. */
    readonly upper: number;
  };

/**
 * Checks a prior and returns it frozen.
 *
 * @param prior The prior as given.
 * @param key Config key reported in errors (dotted path).
 * @returns The same prior, frozen.
 * @throws {ConfigError} When the distribution is unknown or a parameter is out of range.
 *
 * @example A Beta prior on the decay's support
 * ```ts
 * import { resolvePrior } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const p = resolvePrior({ dist: "beta", a: 2, b: 3, lower: 0, upper: 1 }, "priors.decay");
 * assert.ok(Object.isFrozen(p));
 * ```
 */
export function resolvePrior(prior: Prior, key: string): Prior {
  const bad = (what: string) =>
    new ConfigError(`Cannot use prior "${key}": ${what}`, {
      key,
      hint: 'use { dist: "normal", mu, sigma }, { dist: "halfnormal", sigma }, ' +
        '{ dist: "lognormal", mu, sigma } or { dist: "beta", a, b, lower, upper }',
    });
  const finite = (v: unknown) => typeof v === "number" && Number.isFinite(v);
  const positive = (v: unknown) => finite(v) && (v as number) > 0;
  switch (prior?.dist) {
    case "normal":
    case "lognormal":
      if (!finite(prior.mu) || !positive(prior.sigma)) {
        throw bad(`"${prior.dist}" needs a finite "mu" and a positive "sigma"`);
      }
      break;
    case "halfnormal":
      if (!positive(prior.sigma)) throw bad('"halfnormal" needs a positive "sigma"');
      break;
    case "beta":
      if (!positive(prior.a) || !positive(prior.b)) {
        throw bad('"beta" needs positive "a" and "b"');
      }
      if (!finite(prior.lower) || !finite(prior.upper) || !(prior.upper > prior.lower)) {
        throw bad('"beta" needs finite "lower" < "upper"');
      }
      break;
    default:
      throw bad(`unknown distribution "${String((prior as { dist?: unknown })?.dist)}"`);
  }
  return Object.freeze({ ...prior });
}

/** The parameter's value for an unconstrained coordinate u. */
export function constrain(prior: Prior, u: number): number {
  switch (prior.dist) {
    case "normal":
      return u;
    case "halfnormal":
    case "lognormal":
      return Math.exp(u);
    case "beta":
      return prior.lower + (prior.upper - prior.lower) * sigmoid(u);
  }
}

/** The unconstrained coordinate of a value inside the prior's support. */
export function unconstrain(prior: Prior, value: number): number {
  switch (prior.dist) {
    case "normal":
      return value;
    case "halfnormal":
    case "lognormal":
      return Math.log(value);
    case "beta": {
      const z = (value - prior.lower) / (prior.upper - prior.lower);
      return Math.log(z / (1 - z));
    }
  }
}

/** d value / du at u. */
export function constrainSlope(prior: Prior, u: number): number {
  switch (prior.dist) {
    case "normal":
      return 1;
    case "halfnormal":
    case "lognormal":
      return Math.exp(u);
    case "beta": {
      const z = sigmoid(u);
      return (prior.upper - prior.lower) * z * (1 - z);
    }
  }
}

/**
 * log prior(value(u)) + log |d value / du|, up to a constant, and its derivative in u
 * (written to `out[0]`).
 */
export function logPriorUnconstrained(prior: Prior, u: number, out: Float64Array): number {
  switch (prior.dist) {
    case "normal": {
      const d = (u - prior.mu) / prior.sigma;
      out[0] = -d / prior.sigma;
      return -0.5 * d * d;
    }
    case "halfnormal": {
      // v = e^u: −v²/(2s²) + u
      const v = Math.exp(u), s2 = prior.sigma * prior.sigma;
      out[0] = 1 - (v * v) / s2;
      return -0.5 * (v * v) / s2 + u;
    }
    case "lognormal": {
      // The log of a LogNormal(μ, σ) value is Normal(μ, σ); the Jacobian cancels the 1/v.
      const d = (u - prior.mu) / prior.sigma;
      out[0] = -d / prior.sigma;
      return -0.5 * d * d;
    }
    case "beta": {
      // z = sigmoid(u): a log z + b log(1 − z) (Beta density times the logit Jacobian z(1 − z)).
      const z = sigmoid(u);
      out[0] = prior.a * (1 - z) - prior.b * z;
      return prior.a * logSigmoid(u) + prior.b * logSigmoid(-u);
    }
  }
}

/**
 * One draw from the prior (Beta by two Gamma draws, Marsaglia & Tsang's method in `Rng`).
 *
 * @example A LogNormal draw is positive
 * ```ts
 * import { samplePrior } from "mixlab/models/bayes/mod.ts";
 * import { Rng } from "mixlab/rng.ts";
 * import assert from "node:assert/strict";
 * assert.ok(samplePrior({ dist: "lognormal", mu: 0.2, sigma: 0.9 }, new Rng(1)) > 0);
 * ```
 */
export function samplePrior(prior: Prior, rng: Rng): number {
  switch (prior.dist) {
    case "normal":
      return prior.mu + prior.sigma * rng.normal();
    case "halfnormal":
      return Math.abs(prior.sigma * rng.normal());
    case "lognormal":
      return Math.exp(prior.mu + prior.sigma * rng.normal());
    case "beta": {
      const a = rng.gamma(prior.a), b = rng.gamma(prior.b);
      return prior.lower + (prior.upper - prior.lower) * (a / (a + b));
    }
  }
}

/** The prior's mean, for starting values and reports. */
export function priorMean(prior: Prior): number {
  switch (prior.dist) {
    case "normal":
      return prior.mu;
    case "halfnormal":
      return prior.sigma * Math.sqrt(2 / Math.PI);
    case "lognormal":
      return Math.exp(prior.mu + 0.5 * prior.sigma * prior.sigma);
    case "beta":
      return prior.lower + (prior.upper - prior.lower) * prior.a / (prior.a + prior.b);
  }
}

function sigmoid(u: number): number {
  return u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
}

function logSigmoid(u: number): number {
  return u >= 0 ? -Math.log1p(Math.exp(-u)) : u - Math.log1p(Math.exp(u));
}
