/**
 * What the MMM posterior (`MmmPosterior`) is built from: the scaled KPI, each channel's scaled
 * spend and transforms, the baseline regressors and the lift tests; and what it samples, one
 * coordinate a parameter.
 *
 * @module
 */
import type { TransformSpec } from "../../types.ts";
import type { Prior } from "./priors.ts";

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
  /** Its prior (for a channel: the prior of its ROAS, or of its coefficient β). */
  readonly prior: Prior;
  /** For a channel: whether {@link PosteriorParameter.prior} is on its ROAS or on β. */
  readonly mediaPrior?: "roas" | "coefficient";
  /** The config key that sets this prior, e.g. `"tv.roas"`, `"tv.decay"`, `"intercept"`. */
  readonly key: string;
}

/** One channel of the posterior: scaled spend and its transforms. */
export interface PosteriorChannel {
  /** Channel name. */
  readonly name: string;
  /** Spend divided by the channel's scale. */
  readonly x: Float64Array;
  /** Adstock; its values are the starting point, or the value of a fixed parameter. */
  readonly adstock: TransformSpec;
  /** Saturation; its values are the starting point, or the value of a fixed parameter. */
  readonly saturation: TransformSpec;
  /** Transform parameters held at the spec's value (by parameter name). @default [] */
  readonly fixed?: readonly string[];
  /**
   * ROAS per unit of m (the channel's mean contribution per row on the scaled KPI): s_y / mean
   * spend. Given, the channel's prior is on its ROAS; absent, on its coefficient β.
   */
  readonly roasFactor?: number;
}

/** A lift test on the posterior's scale. */
export interface PosteriorLiftTest {
  /** Index of the channel. */
  readonly channel: number;
  /** First row of the window. */
  readonly start: number;
  /** Row after the window's last. */
  readonly end: number;
  /** Measured incremental KPI over the window, on the scaled KPI. */
  readonly lift: number;
  /** Its standard error, on the scaled KPI. */
  readonly standardError: number;
}

/** Inputs of {@link MmmPosterior}. */
export interface MmmPosteriorInput {
  /** The scaled KPI ỹ. */
  readonly y: Float64Array;
  /** Media channels. */
  readonly channels: readonly PosteriorChannel[];
  /** Standardised baseline regressors, one column each. */
  readonly baseline: readonly { readonly name: string; readonly values: Float64Array }[];
  /** Lift tests. @default [] */
  readonly liftTests?: readonly PosteriorLiftTest[];
}

/** Options of {@link MmmPosterior}. */
export interface MmmPosteriorOptions {
  /**
   * Prior overrides by key, the most specific winning: `"intercept"`, `"sigma"`, `"baseline"`
   * (every γ) or a regressor name; `"roas"` (every channel) or `"<channel>.roas"`;
   * `"coefficient"` or `"<channel>.coefficient"` (β, for channels without a ROAS factor);
   * `"<param>"` (e.g. `"decay"`, every channel) or `"<channel>.<param>"`. @default {}
   */
  readonly priors?: Readonly<Record<string, Prior>>;
  /** Keep every transform parameter fixed at the spec's value (a linear model). @default false */
  readonly fixTransforms?: boolean;
}
