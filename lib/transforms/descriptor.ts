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
}
