/**
 * The Sobel test of an indirect effect a·b (Sobel 1982, "Asymptotic confidence intervals for
 * indirect effects in structural equation models", Sociological Methodology 13): the
 * first-order delta-method standard error √(b²·se_a² + a²·se_b²), a z statistic and a two-sided
 * normal p-value.
 *
 * @module
 */
import normalCdf from "@stdlib/dist-normal-cdf";

/** The result of {@link sobelTest}. */
export interface SobelTest {
  /** The indirect effect a·b. */
  readonly indirect: number;
  /** Its first-order standard error. */
  readonly stdError: number;
  /** z = a·b / se. */
  readonly z: number;
  /** Two-sided p-value 2·Φ(−|z|). */
  readonly pValue: number;
}

/**
 * Sobel's z test for the product of a path coefficient `a` (treatment → mediator) and `b`
 * (mediator → outcome), given their standard errors.
 *
 * @throws {RangeError} when a standard error is negative or not finite.
 *
 * @example Hand-computed Sobel test
 * ```ts
 * import { sobelTest } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * // a = 0.5 (se 0.1), b = 0.4 (se 0.1): se = √(0.16·0.01 + 0.25·0.01) = √0.0041
 * const t = sobelTest({ a: 0.5, seA: 0.1, b: 0.4, seB: 0.1 });
 * assert.ok(Math.abs(t.stdError - Math.sqrt(0.0041)) < 1e-15);
 * assert.ok(Math.abs(t.z - 0.2 / Math.sqrt(0.0041)) < 1e-12);
 * ```
 */
export function sobelTest(
  paths: { readonly a: number; readonly seA: number; readonly b: number; readonly seB: number },
): SobelTest {
  const { a, seA, b, seB } = paths;
  for (const [name, v] of [["seA", seA], ["seB", seB]] as const) {
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(
        `Cannot run the Sobel test: ${name} must be a finite non-negative number, got ${v}`,
      );
    }
  }
  const indirect = a * b;
  const stdError = Math.sqrt(b * b * seA * seA + a * a * seB * seB);
  const z = stdError > 0
    ? indirect / stdError
    : indirect === 0
    ? 0
    : Math.sign(indirect) * Infinity;
  const pValue = 2 * normalCdf(-Math.abs(z), 0, 1);
  return { indirect, stdError, z, pValue };
}
