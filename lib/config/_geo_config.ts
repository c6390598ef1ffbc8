/**
 * The config's `geoModel` section: how a panel (`geo`) is modelled. Only with `geo`.
 *
 * @module
 */
import { fail, flag, object, oneOf } from "./_config_reader.ts";

/** Settings of the geo model (see `fitGeoLinear`'s options). */
export interface GeoModelConfig {
  /** A linear trend per geo. */
  readonly geoTrends: boolean;
  /** One effect per week shared by every geo instead of a trend and Fourier terms. */
  readonly weekEffects: boolean;
  /** Divide KPI and spend by population; undefined = when the config names `population`. */
  readonly populationScaling?: boolean;
  /** Weight of each geo's rows; undefined = by population with population scaling. */
  readonly weighting?: "population" | "equal";
}

/** `geoModel`: defaults (no geo trends, smooth time effects) when absent; needs `geo`. */
export function parseGeoModel(
  value: unknown,
  geo: string | undefined,
  population: string | undefined,
): GeoModelConfig | undefined {
  if (value === undefined) {
    return geo === undefined ? undefined : { geoTrends: false, weekEffects: false };
  }
  if (geo === undefined) fail("geoModel", 'needs "geo": it configures the model of a panel');
  const g = object(value, "geoModel", [
    "geoTrends",
    "weekEffects",
    "populationScaling",
    "weighting",
  ]);
  for (const k of ["geoTrends", "weekEffects", "populationScaling"]) flag(g[k], `geoModel.${k}`);
  if (g.populationScaling === true && population === undefined) {
    fail("geoModel.populationScaling", 'needs "population": the column to divide by');
  }
  return {
    geoTrends: g.geoTrends === true,
    weekEffects: g.weekEffects === true,
    ...(g.populationScaling === undefined
      ? {}
      : { populationScaling: g.populationScaling as boolean }),
    ...(g.weighting === undefined
      ? {}
      : { weighting: oneOf(g.weighting, "geoModel.weighting", ["population", "equal"]) }),
  };
}
