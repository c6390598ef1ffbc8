/**
 * Response curves of a geo fit, for the budget optimizer (`optimizeBudget` takes them as they
 * are: a name, the current spend per week and the steady weekly response to a steady weekly
 * spend).
 *
 * A constant weekly spend s in geo g settles, after carryover, at the saturation input
 * `u = s ÷ (population_g · scale)` (the unit-gain convention of `saturationInput`, lib/transforms/apply_channel.ts: the adstock is divided by its gain, so a
 * constant input keeps its level), so the steady weekly response of channel c is
 * `population_g · coefficient_{g,c} · saturation(u)`:
 * - {@link geoResponses}: one curve per geo and channel, named `"<geo>/<channel>"`, for a
 *   budget split by geo and channel;
 * - {@link nationalResponses}: one curve per channel, the national spend shared out over the
 *   geos in the proportions of the training weeks, for the national split.
 *
 * @module
 */
import { applySaturation } from "../../transforms/apply_channel.ts";
import type { GeoFit } from "./geo_fit.ts";

/** A steady-state response curve (the shape `optimizeBudget` reads). */
export interface GeoResponse {
  /** `"<geo>/<channel>"` per geo, or the channel name nationally. */
  readonly name: string;
  /** Mean weekly spend over the fitted weeks. */
  readonly currentSpend: number;
  /** Steady weekly KPI response at a steady weekly spend. */
  readonly response: (spend: number) => number;
}

function curve(fit: GeoFit, g: number, c: number): (spend: number) => number {
  const geo = fit.geos[g]!, spec = fit.transforms[c]!;
  const k = geo.population * geo.channels[c]!.coefficient;
  const per = geo.population * spec.scale!;
  return (s) => k * applySaturation(new Float64Array([s / per]), spec.saturation)[0]!;
}

/** A geo × channel curve: a {@link GeoResponse} that also names its geo and channel. */
export interface GeoCellCurve extends GeoResponse {
  /** Geo name. */
  readonly geo: string;
  /** Channel name. */
  readonly channel: string;
}

/**
 * One response curve per geo and channel (`optimizeGeoBudget` of `mixlab/optimize` takes them as
 * they are).
 *
 * @example Hill with half-saturation 1: spending the scale gives half the coefficient
 * ```ts
 * import { geoResponses, type GeoFit } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const week = () => new Float64Array([0]);
 * const tv = { name: "tv", spend: 20, contribution: 0, roas: 0, mroas: 0, coefficient: 6 };
 * const fit: GeoFit = {
 *   kind: "geo-ols", dates: ["2024-01-01", "2024-01-08"],
 *   channels: [{ name: "tv", spend: 20, contribution: 0, roas: 0, mroas: 0 }],
 *   geos: [{ geo: "a", population: 1, channels: [tv], baseline: week(), contributions: [week()] }],
 *   national: { baseline: week(), contributions: [week()] },
 *   transforms: [{ name: "tv", adstock: { kind: "geometric", params: { decay: 0.5 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } }, scale: 10 }],
 *   populationScaling: false, r2: 1, sigma: 0, warnings: [],
 * };
 * const [a] = geoResponses(fit);
 * assert.equal(a!.name, "a/tv");
 * assert.equal(a!.geo, "a");
 * assert.equal(a!.currentSpend, 10); // 20 over 2 weeks
 * assert.equal(a!.response(10), 3); // 6 · Hill(1) = 6 · ½
 * ```
 */
export function geoResponses(fit: GeoFit): GeoCellCurve[] {
  const weeks = fit.dates.length;
  return fit.geos.flatMap((geo, g) =>
    geo.channels.map((c, j) => ({
      name: `${geo.geo}/${c.name}`,
      geo: geo.geo,
      channel: c.name,
      currentSpend: c.spend / weeks,
      response: curve(fit, g, j),
    }))
  );
}

/**
 * One response curve per channel: a national weekly spend shared out over the geos as in the
 * fitted weeks, each geo's response summed.
 *
 * @example The national curve is the sum of the geos' at their shares of spend
 * ```ts
 * import { geoResponses, nationalResponses, type GeoFit } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const week = () => new Float64Array([0]);
 * const geo = (name: string, spend: number, coefficient: number) => ({
 *   geo: name, population: 1, baseline: week(), contributions: [week()],
 *   channels: [{ name: "tv", spend, contribution: 0, roas: 0, mroas: 0, coefficient }],
 * });
 * const fit: GeoFit = {
 *   kind: "geo-ols", dates: ["2024-01-01"],
 *   channels: [{ name: "tv", spend: 40, contribution: 0, roas: 0, mroas: 0 }],
 *   geos: [geo("a", 10, 2), geo("b", 30, 5)],
 *   national: { baseline: week(), contributions: [week()] },
 *   transforms: [{ name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } }, scale: 20 }],
 *   populationScaling: false, r2: 1, sigma: 0, warnings: [],
 * };
 * const [tv] = nationalResponses(fit);
 * const [a, b] = geoResponses(fit);
 * assert.equal(tv!.currentSpend, 40);
 * assert.ok(Math.abs(tv!.response(80) - (a!.response(20) + b!.response(60))) < 1e-12);
 * ```
 */
export function nationalResponses(fit: GeoFit): GeoResponse[] {
  const weeks = fit.dates.length;
  return fit.channels.map((c, j) => {
    const shares = fit.geos.map((g) => g.channels[j]!.spend / c.spend);
    const curves = fit.geos.map((_, g) => curve(fit, g, j));
    return {
      name: c.name,
      currentSpend: c.spend / weeks,
      response: (s: number) => curves.reduce((a, f, g) => a + f(s * shares[g]!), 0),
    };
  });
}
