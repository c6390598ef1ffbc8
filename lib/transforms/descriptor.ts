/**
 * The descriptor every transform registers: its parameters (tuning bounds, hard limits,
 * default, meaning), the pure function and its gradient with respect to the parameters.
 * Models, tuning and serialization work only through descriptors.
 *
 * @module
 */

/** One parameter of a transform. */
export interface ParamSpec {
  /** Lower end of the default tuning range. */
  readonly lower: number;
  /** Upper end of the default tuning range. */
  readonly upper: number;
  /** The value used when a spec leaves the parameter out; inside [lower, upper]. */
  readonly default: number;
  /** Smallest valid value (hard limit checked by specs). */
  readonly min: number;
  /** Largest valid value (hard limit checked by specs). */
  readonly max: number;
  /**
   * True for whole-number structural parameters (a maximum lag): they are not differentiable,
   * so {@link TransformDescriptor.gradient} leaves them out, and a tuner searches them on integers
   * or keeps them fixed.
   */
  readonly integer?: boolean;
  /** What the parameter means, in which units, and where its range comes from. */
  readonly doc: string;
  /**
   * Narrower tuning ranges (or prior ranges) by channel type, e.g. `{ tv: [0.3, 0.8] }`, where
   * a source gives them; other types use [lower, upper]. See {@link paramRange}.
   */
  readonly byChannelType?: Readonly<Record<string, readonly [number, number]>>;
  /**
   * What the curve becomes at each end of the default tuning range, for the `param-on-bound`
   * warning when tuning stops there (e.g. the logistic at its smallest λ is nearly a line).
   */
  readonly edges?: { readonly lower?: string; readonly upper?: string };
}

/** Which stage a transform belongs to: carryover first, then diminishing returns. */
export type TransformFamily = "adstock" | "saturation";

/**
 * A registered transform: the serializable `kind`, its parameters and its two functions.
 *
 * `apply` never mutates `x` and writes into `out` when given (so hot loops need not allocate);
 * `out` must not alias `x`. `gradient` returns, for each non-integer parameter, the elementwise
 * derivative of `apply(x, params)` with respect to it.
 */
export interface TransformDescriptor {
  /** Registered name, e.g. `"geometric"`. */
  readonly kind: string;
  /** Adstock or saturation. */
  readonly family: TransformFamily;
  /** One-line description with its source. */
  readonly doc: string;
  /** Parameters by name. */
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** The transform: returns `out` (allocated when absent) holding the transformed series. */
  apply(
    x: Float64Array,
    params: Readonly<Record<string, number>>,
    out?: Float64Array,
  ): Float64Array;
  /** Elementwise derivative of `apply` with respect to each non-integer parameter. */
  gradient(
    x: Float64Array,
    params: Readonly<Record<string, number>>,
  ): Record<string, Float64Array>;
  /**
   * Adstocks only: the total weight of the lags, i.e. the level that a constant input of 1
   * settles at (Robyn's geometric: 1/(1−decay); normalised adstocks: 1). The media pipeline
   * divides the adstocked series by it, so saturation parameters keep their meaning whatever
   * the carryover (see `adstockGain`).
   */
  readonly gain?: (params: Readonly<Record<string, number>>) => number;
  /** Adstocks only: the derivative of {@link TransformDescriptor.gain} in each non-integer parameter. */
  readonly gainGradient?: (params: Readonly<Record<string, number>>) => Record<string, number>;
}

/**
 * The tuning (or prior) range of a parameter for a channel type: the type's range when the
 * parameter gives one, else its general `[lower, upper]`.
 *
 * @example Robyn's weekly guidance for geometric decay
 * ```ts
 * import { getTransform, paramRange } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const decay = getTransform("geometric").params.decay!;
 * assert.deepEqual(paramRange(decay, "tv"), [0.3, 0.8]);
 * assert.deepEqual(paramRange(decay, "podcast"), [0, 0.8]);
 * ```
 */
export function paramRange(spec: ParamSpec, channelType?: string): readonly [number, number] {
  const r = channelType === undefined ? undefined : spec.byChannelType?.[channelType];
  return r ?? [spec.lower, spec.upper];
}
