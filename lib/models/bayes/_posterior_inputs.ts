/**
 * Checks of the MMM posterior's inputs (which prior each media coefficient takes, the supports
 * of the priors) and its lift tests as likelihood terms.
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import type { ChannelKernel } from "./_channel_kernel.ts";
import type { PosteriorChannel, PosteriorLiftTest, PosteriorParameter } from "./posterior_input.ts";
import { type Prior, resolvePrior } from "./priors.ts";

/** A lift test on its channel's kernel: the rows it covers and its precision 1/se². */
export interface LiftTerm {
  readonly kernel: ChannelKernel;
  readonly channel: number;
  readonly start: number;
  readonly end: number;
  readonly lift: number;
  readonly precision: number;
  readonly dD: Float64Array;
}

/**
 * A channel's media prior keys fit its parameterisation: a ROAS prior where the coefficient is
 * a ROAS (linear specification, with spend), a coefficient prior where it is an elasticity.
 */
export function checkMediaPriorKeys(
  ch: PosteriorChannel,
  overrides: Readonly<Record<string, Prior>>,
): void {
  if (ch.roasFactor !== undefined) {
    if (!(ch.roasFactor > 0)) {
      throw new RangeError(`Cannot build posterior: channel "${ch.name}" has no spend`);
    }
    const wrong = [`${ch.name}.coefficient`, "coefficient"].find((k) => overrides[k] !== undefined);
    if (wrong !== undefined && overrides[`${ch.name}.roas`] === undefined) {
      throw new ConfigError(
        `Cannot fit Bayesian model: channel "${ch.name}" takes a ROAS prior, not a coefficient prior`,
        { channel: ch.name, key: `priors.${wrong}`, hint: `use "roas" or "${ch.name}.roas"` },
      );
    }
  } else {
    const wrong = [`${ch.name}.roas`, "roas"].find((k) => overrides[k] !== undefined);
    if (wrong !== undefined) {
      throw new ConfigError(
        `Cannot fit Bayesian model: channel "${ch.name}" has no ROAS prior on the log-log specification (its coefficient is an elasticity)`,
        {
          channel: ch.name,
          key: `priors.${wrong}`,
          hint: `use "coefficient" or "${ch.name}.coefficient"`,
        },
      );
    }
  }
}

/** The intercept's prior is normal; σ's and every media prior are on positive values. */
export function checkPriorSupports(params: readonly PosteriorParameter[]): void {
  if (params[0]!.prior.dist !== "normal") {
    throw new ConfigError(
      'Cannot fit Bayesian model: the prior of "intercept" must be "normal"',
      {
        key: `priors.${params[0]!.key}`,
        hint: "the mean baseline is the mean KPI minus media, so it takes a normal prior",
      },
    );
  }
  for (const p of params) {
    if (p.group === "sigma" || p.group === "media") {
      if (p.prior.dist !== "halfnormal" && p.prior.dist !== "lognormal") {
        throw new ConfigError(
          `Cannot fit Bayesian model: the prior of "${p.name}" must be on positive values`,
          {
            key: `priors.${p.key}`,
            hint: 'use a "lognormal" or "halfnormal" prior',
          },
        );
      }
    }
  }
}

/** The lift tests as likelihood terms on their channel's kernel, checked against the rows. */
export function liftTerms(
  liftTests: readonly PosteriorLiftTest[],
  kernels: readonly ChannelKernel[],
  n: number,
): LiftTerm[] {
  return liftTests.map((lt, i) => {
    const kernel = kernels[lt.channel];
    if (kernel === undefined || !(lt.start >= 0 && lt.end <= n && lt.start < lt.end)) {
      throw new RangeError(
        `Cannot build posterior: lift test ${i} is outside the channels or rows`,
      );
    }
    if (!(lt.standardError > 0) || !Number.isFinite(lt.lift)) {
      throw new RangeError(
        `Cannot build posterior: lift test ${i} needs a finite lift and a positive standard error`,
      );
    }
    return {
      kernel,
      channel: lt.channel,
      start: lt.start,
      end: lt.end,
      lift: lt.lift,
      precision: 1 / (lt.standardError * lt.standardError),
      dD: new Float64Array(kernel.free.length),
    };
  });
}

/**
 * Prior overrides by key: `prior(keys, fallback)` takes the override of the first key given (the
 * most specific) or the fallback, remembering every key asked for; `checkAllTaken()` then throws
 * for an override no parameter took. `what` starts the error message ("Cannot fit …").
 */
export function priorOverrides(
  overrides: Readonly<Record<string, Prior>>,
  what: string,
): {
  prior(keys: string[], fallback: Prior): { prior: Prior; key: string };
  checkAllTaken(): void;
} {
  const known = new Set<string>();
  return {
    prior(keys, fallback) {
      for (const k of keys) known.add(k);
      for (const k of keys) {
        const p = overrides[k];
        if (p !== undefined) return { prior: resolvePrior(p, `priors.${k}`), key: k };
      }
      return { prior: fallback, key: keys[0] as string };
    },
    checkAllTaken() {
      const unknown = Object.keys(overrides).find((k) => !known.has(k));
      if (unknown === undefined) return;
      throw new ConfigError(`${what}: no parameter takes the prior "${unknown}"`, {
        key: `priors.${unknown}`,
        hint: `keys are ${[...known].slice(0, 8).map((k) => `"${k}"`).join(", ")}, …`,
      });
    },
  };
}
