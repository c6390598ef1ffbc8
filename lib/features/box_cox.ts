/**
 * Box-Cox and log transforms, with their inverses and a maximum-likelihood λ; and Box-Cox
 * transformed controls as a feature kind of a model (seed 003).
 *
 * @module
 */
import { goldenSectionMin } from "../_internal/golden_section.ts";
import { MmmDataError } from "../errors.ts";
import type { BaselineFeature, FeatureColumn } from "./feature.ts";
import { claim, controlValues, fail, record } from "./_checks.ts";

/**
 * Box-Cox transform `(x^λ − 1)/λ`, or `log x` when λ = 0 (Box & Cox 1964).
 *
 * @param x Positive values.
 * @param lambda λ.
 * @returns The transformed values.
 * @throws {RangeError} When a value is not positive.
 *
 * @example λ = 0 is the log, λ = 1 a shift
 * ```ts
 * import { boxCox } from "mixlab/features";
 * import assert from "node:assert/strict";
 * assert.equal(boxCox(new Float64Array([Math.E]), 0)[0], 1);
 * assert.equal(boxCox(new Float64Array([3]), 1)[0], 2);
 * ```
 */
export function boxCox(x: Float64Array, lambda: number): Float64Array {
  for (let i = 0; i < x.length; i++) {
    if (!((x[i] as number) > 0)) {
      throw new RangeError(
        `Cannot apply Box-Cox: values must be positive, got ${x[i]} in row ${i}`,
      );
    }
  }
  return lambda === 0 ? x.map(Math.log) : x.map((v) => (Math.pow(v, lambda) - 1) / lambda);
}

/**
 * Inverse of {@link boxCox}: `(λy + 1)^(1/λ)`, or `exp y` when λ = 0.
 *
 * @example Round trip
 * ```ts
 * import { boxCox, inverseBoxCox } from "mixlab/features";
 * import assert from "node:assert/strict";
 * const x = new Float64Array([1, 4, 9]);
 * const back = inverseBoxCox(boxCox(x, 0.5), 0.5);
 * assert.ok(back.every((v, i) => Math.abs(v - x[i]!) < 1e-12));
 * ```
 */
export function inverseBoxCox(y: Float64Array, lambda: number): Float64Array {
  return lambda === 0 ? y.map(Math.exp) : y.map((v) => Math.pow(lambda * v + 1, 1 / lambda));
}

/** Options of {@link fitBoxCoxLambda}. */
export interface BoxCoxFitOptions {
  /** Lower end of the search. @default -5 */
  readonly lower?: number;
  /** Upper end of the search. @default 5 */
  readonly upper?: number;
}

/**
 * The λ that maximises the Box-Cox profile log-likelihood
 * `(λ − 1)·Σ log x − (n/2)·log(σ̂²(λ))`, σ̂² the variance (divided by n) of the transformed
 * values (as scipy.stats.boxcox), found by golden-section search.
 *
 * @param x Positive values.
 * @param options Search interval.
 * @returns The maximum-likelihood λ.
 *
 * @example Log-normal data give λ near 0
 * ```ts
 * import { fitBoxCoxLambda } from "mixlab/features";
 * import assert from "node:assert/strict";
 * const x = Float64Array.from([-1.5, -1, -0.5, 0, 0.5, 1, 1.5], Math.exp);
 * assert.ok(Math.abs(fitBoxCoxLambda(x)) < 1e-6);
 * ```
 */
export function fitBoxCoxLambda(x: Float64Array, options: BoxCoxFitOptions = {}): number {
  const lower = options.lower ?? -5, upper = options.upper ?? 5;
  const n = x.length;
  let sumLog = 0;
  for (const v of x) {
    if (!(v > 0)) throw new RangeError(`Cannot fit Box-Cox: values must be positive, got ${v}`);
    sumLog += Math.log(v);
  }
  const llf = (lambda: number) => {
    const y = boxCox(x, lambda);
    let m = 0;
    for (const v of y) m += v;
    m /= n;
    let s = 0;
    for (const v of y) s += (v - m) ** 2;
    return (lambda - 1) * sumLog - (n / 2) * Math.log(s / n);
  };
  const search = goldenSectionMin((lambda) => -llf(lambda), lower, upper, { tolerance: 1e-10 });
  return (search.lower + search.upper) / 2;
}

/** Options of {@link logTransform}. */
export interface LogOptions {
  /** Added before the log so zeros are allowed (1 gives log1p). @default 0 */
  readonly offset?: number;
}

/**
 * `log(x + offset)`; invert with `Math.exp(y) − offset`.
 *
 * @example log1p of zero spend
 * ```ts
 * import { logTransform } from "mixlab/features";
 * import assert from "node:assert/strict";
 * assert.equal(logTransform(new Float64Array([0]), { offset: 1 })[0], 0);
 * ```
 */
export function logTransform(x: Float64Array, options: LogOptions = {}): Float64Array {
  const offset = options.offset ?? 0;
  return x.map((v, i) => {
    if (!(v + offset > 0)) {
      throw new RangeError(
        `Cannot take the log: value ${v} + offset ${offset} in row ${i} is not positive`,
      );
    }
    return Math.log(v + offset);
  });
}

/** A control's values, checked positive for Box-Cox (an error names the column and rows). */
function positive(values: Float64Array, name: string): Float64Array {
  const bad: number[] = [];
  values.forEach((v, t) => {
    if (!(v > 0) && bad.length < 5) bad.push(t);
  });
  if (bad.length > 0) {
    throw new MmmDataError(
      `Cannot build design: Box-Cox needs positive values, and control "${name}" has ${
        values[bad[0] as number]
      } in row ${bad[0]}`,
      {
        column: name,
        rows: bad,
        hint: `leave "${name}" out of boxCox, or shift it to be positive`,
      },
    );
  }
  return values;
}

/**
 * `baseline.boxCox`: controls of the data entered as `boxCox(x, λ)` instead of `x` (one term
 * per control, named after it): control → λ, or `"auto"` for the maximum-likelihood λ of the
 * training rows (scipy.stats.boxcox's). The control must not also be in `controls`.
 */
export const boxCoxFeature: BaselineFeature<"boxCox"> = {
  key: "boxCox",
  resolve(input, names, key = "baseline.boxCox") {
    if (input === undefined) return undefined;
    const out: Record<string, number | "auto"> = {};
    for (const [name, lambda] of Object.entries(record(input, key, 'control → λ or "auto"'))) {
      const k = `${key}.${name}`;
      if (
        lambda !== "auto" &&
        (typeof lambda !== "number" || !Number.isFinite(lambda) || lambda < -5 || lambda > 5)
      ) {
        fail(k, `must be a λ from -5 to 5 or "auto", got ${JSON.stringify(lambda)}`);
      }
      if (names.controls?.includes(name) || names.channels?.includes(name)) {
        fail(
          k,
          `names "${name}", which the model already has as it is`,
          `list "${name}" under boxCox only, not under controls`,
        );
      }
      claim(names, name, k);
      out[name] = lambda as number | "auto";
    }
    return out;
  },
  learn(value, train) {
    return Object.fromEntries(
      Object.entries(value).map(([name, lambda]) => {
        const x = positive(controlValues(train, name, `baseline.boxCox.${name}`), name);
        return [name, lambda === "auto" ? fitBoxCoxLambda(x) : lambda];
      }),
    );
  },
  columns(value, context) {
    const lambdas = context.frame.learned?.boxCox as Record<string, number>;
    return Object.keys(value).map((name): FeatureColumn => {
      const lambda = lambdas[name] as number;
      const x = positive(controlValues(context.data, name, `baseline.boxCox.${name}`), name);
      return {
        name: `${name} (Box-Cox λ=${lambda.toFixed(3)})`,
        term: name,
        group: "control",
        values: boxCox(x, lambda),
      };
    });
  },
};
