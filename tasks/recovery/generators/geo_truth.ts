/**
 * What the geo-panel generator returns: each geo's weekly series and the truth, national and per
 * geo. National ROAS = all geos' contribution ÷ all geos' spend over the modelling window; a
 * geo's ROAS is its own contribution ÷ its own spend; mROAS at +1% spend with every parameter
 * fixed, as in truth.ts.
 *
 * @module
 */
import type { NamedColumn, SetBase, TruthBase } from "./truth.ts";

/** One geo's weekly series. */
export interface GeoSeries {
  /** Geo name. */
  readonly name: string;
  /** Population. */
  readonly population: number;
  /** The KPI (revenue), noise included. */
  readonly kpi: Float64Array;
  /** Spend per channel. */
  readonly spends: readonly NamedColumn[];
  /** Weekly contribution per channel (KPI units). */
  readonly contributions: readonly NamedColumn[];
  /** Weekly baseline (KPI units). */
  readonly baseline: Float64Array;
}

/** One channel in one geo, over the modelling window. */
export interface GeoChannelTruth {
  /** Channel name. */
  readonly name: string;
  /** e^{η z}: the geo's coefficient ÷ the national one. */
  readonly multiplier: number;
  /** KPI per person per unit of saturated media (national β × multiplier). */
  readonly beta: number;
  /** Total spend. */
  readonly spend: number;
  /** Total contribution. */
  readonly contribution: number;
  /** Contribution ÷ spend. */
  readonly roas: number;
  /** Return of the next unit at +1% spend in this geo. */
  readonly mroas: number;
}

/** One geo's truth. */
export interface GeoTruth {
  /** Geo name. */
  readonly name: string;
  /** Population. */
  readonly population: number;
  /** δ_g: the geo's baseline level shift, added to the shared shape (Meridian's τ_g). */
  readonly intercept: number;
  /** The geo's own trend (baseline shape units per year; 0 without geo trends). */
  readonly trendPerYear: number;
  /** Standard deviation of the geo's noise (KPI units). */
  readonly noiseSd: number;
  /** Per channel. */
  readonly channels: readonly GeoChannelTruth[];
}

/** The truth of a geo panel (`channels[].beta`: the national coefficient per person). */
export interface GeoPanelTruth extends TruthBase {
  /** Per geo. */
  readonly geos: readonly GeoTruth[];
  /** η, the log-sd of the geo coefficients. */
  readonly geoSpread: number;
}

/** A generated geo panel with its truth. */
export interface GeoPanelSet extends SetBase {
  /** Geos, largest first. */
  readonly geos: readonly GeoSeries[];
  /** National control columns, the same in every geo. */
  readonly controls: readonly NamedColumn[];
  /** Yearly Fourier pairs of the baseline. */
  readonly yearlyFourier: number;
  /** The truth. */
  readonly truth: GeoPanelTruth;
}
