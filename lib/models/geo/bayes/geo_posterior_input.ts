/**
 * What the hierarchical geo posterior is built from, on its internal scale (all structured-
 * cloneable, so a chain job can be sent to a Web Worker as is).
 *
 * @module
 */
import type { TransformSpec } from "../../../types.ts";
import type { Prior } from "../../bayes/priors.ts";

/** One channel of the geo posterior. */
export interface GeoPosteriorChannel {
  /** Channel name. */
  readonly name: string;
  /** Spend per person ÷ the channel's scale, geo-major (geos × weeks rows). */
  readonly x: Float64Array;
  /** Adstock with its starting (or fixed) parameters. */
  readonly adstock: TransformSpec;
  /** Saturation with its starting (or fixed) parameters. */
  readonly saturation: TransformSpec;
  /** Parameter names held at the spec's values. */
  readonly fixed?: readonly string[];
  /**
   * The national ROAS per unit of R = Σ_g pop_g β_g Σ_t s_gt (the scaled total contribution):
   * the KPI scale ÷ the channel's total spend.
   */
  readonly roasFactor: number;
}

/** A lift test on the internal scale: its channel, geos and weeks. */
export interface GeoPosteriorLiftTest {
  /** Channel index. */
  readonly channel: number;
  /** Geo indices the test ran in. */
  readonly geos: readonly number[];
  /** First week of the window. */
  readonly start: number;
  /** Week after the last of the window. */
  readonly end: number;
  /** Measured lift ÷ the KPI scale. */
  readonly lift: number;
  /** Its standard error ÷ the KPI scale. */
  readonly standardError: number;
}

/** The geo posterior's inputs. */
export interface GeoPosteriorInput {
  /** Number of geos. */
  readonly geos: number;
  /** Weeks per geo. */
  readonly weeks: number;
  /** KPI per person ÷ the KPI scale, geo-major. */
  readonly y: Float64Array;
  /** Population per geo (1 for every geo without population scaling). */
  readonly population: Float64Array;
  /** The channels. */
  readonly channels: readonly GeoPosteriorChannel[];
  /** Regressors with one coefficient shared by every geo (standardised), geo-major. */
  readonly baseline: readonly { readonly name: string; readonly values: Float64Array }[];
  /** The centred weekly trend of the per-geo trends (length weeks), or absent for none. */
  readonly geoTrend?: Float64Array;
  /** Lift tests. */
  readonly liftTests?: readonly GeoPosteriorLiftTest[];
}

/** Priors and fixed transforms of the geo posterior. */
export interface GeoPosteriorOptions {
  /**
   * Prior overrides by key: `"roas"` / `"<channel>.roas"` (national ROAS), `"eta"` /
   * `"<channel>.eta"` (the log-sd of the per-geo effects), transform parameters as
   * `"<param>"` / `"<channel>.<param>"`, and on the scaled per-person KPI `"baseline"` / a
   * regressor's name, `"geoIntercept"` (sd of the geo levels), `"geoTrend"` (sd of the geo
   * trends), `"sigma"`. @default {}
   */
  readonly priors?: Readonly<Record<string, Prior>>;
  /** Hold every transform parameter at the spec's values. @default false */
  readonly fixTransforms?: boolean;
}

/** One coordinate of the geo posterior. */
export interface GeoParameter {
  /** Name, e.g. `"tv"`, `"tv.eta"`, `"tv.zeta[north]"`, `"tv.decay"`, `"sigma"`. */
  readonly name: string;
  /** What it is. */
  readonly group:
    | "media"
    | "eta"
    | "zeta"
    | "adstock"
    | "saturation"
    | "baseline"
    | "geoIntercept"
    | "geoTrend"
    | "sigma";
  /** Channel index, for channel parameters. */
  readonly channel?: number;
  /** Transform parameter name. */
  readonly param?: string;
  /** Its prior (for `media`: the national ROAS prior). */
  readonly prior: Prior;
  /** The key its prior was taken from. */
  readonly key: string;
}
