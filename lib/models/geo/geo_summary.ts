/**
 * Turns a geo model's coefficients into the {@link GeoFit} tables: per geo and national
 * contributions, ROAS and mROAS, and the weekly decompositions.
 *
 * A geo's contribution of channel c is `Σ_t pop_g · β_{g,c} · media_{g,t,c}` (KPI units) and its
 * mROAS `pop_g · β_{g,c} · Σ_t [media(1.01·x) − media(x)]_t ÷ (0.01 · spend_{g,c})`, with x the
 * geo's spend per person (geo_fit.ts). Both are linear in the coefficient, so a coefficient
 * interval `β·[l, u]` maps to `[l, u]` times each of them; the summary uses that when the model
 * gives a relative interval per channel (OLS: the same relative half-width for the nation and
 * for every geo, since the coefficient is shared).
 *
 * @module
 */
import { applyChannelTransforms } from "../../transforms/apply_channel.ts";
import type { Diagnostic } from "../../types.ts";
import type {
  Ci90,
  GeoChannelInGeo,
  GeoChannelReturns,
  GeoFit,
  GeoFitKind,
  GeoResult,
} from "./geo_fit.ts";
import type { PanelMedia } from "./panel_media.ts";

/** The relative spend step of the mROAS. */
export const MROAS_STEP = 0.01;

/** What a geo model hands to {@link summariseGeoFit}. */
export interface GeoCoefficients {
  /** Which model. */
  readonly kind: GeoFitKind;
  /** Coefficient per geo and channel: `coefficients[g][c]`. */
  readonly coefficients: readonly (readonly number[])[];
  /** Baseline per person (or per row), geo-major, one value per row of the panel. */
  readonly baselinePerPerson: Float64Array;
  /**
   * Per channel, the 90% interval of the coefficient as multiples of the estimate
   * (`[lower ÷ β, upper ÷ β]`), applied to contributions, ROAS and mROAS alike; absent = none.
   */
  readonly relativeCi90?: readonly (Ci90 | undefined)[];
  /** R² and residual standard deviation. */
  readonly r2: number;
  /** Residual standard deviation. */
  readonly sigma: number;
  /** Warnings to carry. */
  readonly warnings: readonly Diagnostic[];
}

const scaled = (v: number, r: Ci90 | undefined): Ci90 | undefined =>
  r === undefined ? undefined : v >= 0 ? [v * r[0], v * r[1]] : [v * r[1], v * r[0]];

function withIntervals<T extends GeoChannelReturns>(c: T, r: Ci90 | undefined): T {
  if (r === undefined) return c;
  return {
    ...c,
    roasCi90: scaled(c.roas, r),
    mroasCi90: scaled(c.mroas, r),
    contributionCi90: scaled(c.contribution, r),
  };
}

/**
 * The {@link GeoFit} of a panel and its coefficients.
 *
 * @example One geo-channel pair by hand: Hill(u = 1) = ½, coefficient 2, population 1
 * ```ts
 * import { panelMedia, summariseGeoFit } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-01"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([3, 3]) },
 *   channels: [{ name: "tv", spend: new Float64Array([4, 4]) }], controls: [],
 *   geo: { name: "geo", values: ["a", "b"] },
 * };
 * const tv = { name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } } };
 * const panel = panelMedia(data, [tv], false);
 * const fit = summariseGeoFit(panel, {
 *   kind: "geo-ols", coefficients: [[2], [2]],
 *   baselinePerPerson: new Float64Array([2, 2]), r2: 1, sigma: 0, warnings: [],
 * });
 * assert.equal(fit.geos[0]!.channels[0]!.contribution, 1); // 2 · ½
 * assert.equal(fit.channels[0]!.roas, 2 / 8);
 * // mROAS: 2 · (1.01/2.01 − ½) / (0.01 · 4)
 * assert.ok(Math.abs(fit.geos[0]!.channels[0]!.mroas - 2 * (1.01 / 2.01 - 0.5) / 0.04) < 1e-12);
 * ```
 */
export function summariseGeoFit(panel: PanelMedia, c: GeoCoefficients): GeoFit {
  const T = panel.weeks, C = panel.channels.length;
  const national = {
    baseline: new Float64Array(T),
    contributions: panel.channels.map(() => new Float64Array(T)),
  };
  const nationalLift = new Float64Array(C), nationalSpend = new Float64Array(C);
  const geos = panel.geos.map((geo, g): GeoResult => {
    const pop = panel.population[g]!;
    const baseline = c.baselinePerPerson.slice(g * T, (g + 1) * T).map((v) => v * pop);
    baseline.forEach((v, t) => (national.baseline[t]! += v));
    const contributions: Float64Array[] = [];
    const channels = panel.channels.map((spec, j): GeoChannelInGeo => {
      const beta = c.coefficients[g]![j]!;
      const spendRows = panel.spend[j]!.subarray(g * T, (g + 1) * T);
      const weekly = panel.media[j]!.slice(g * T, (g + 1) * T).map((v) => pop * beta * v);
      contributions.push(weekly);
      weekly.forEach((v, t) => (national.contributions[j]![t]! += v));
      const more = applyChannelTransforms(spendRows.map((v) => (1 + MROAS_STEP) * v / pop), spec);
      let lift = 0;
      for (let t = 0; t < T; t++) lift += pop * beta * more[t]! - weekly[t]!;
      const spend = spendRows.reduce((a, v) => a + v, 0);
      const contribution = weekly.reduce((a, v) => a + v, 0);
      nationalLift[j] = nationalLift[j]! + lift;
      nationalSpend[j] = nationalSpend[j]! + spend;
      const mroas = lift / (MROAS_STEP * spend);
      const out = { name: spec.name, spend, contribution, roas: contribution / spend, mroas };
      return withIntervals({ ...out, coefficient: beta }, c.relativeCi90?.[j]);
    });
    return { geo, population: pop, channels, baseline, contributions };
  });
  const channels = panel.channels.map((spec, j): GeoChannelReturns => {
    const spend = nationalSpend[j]!;
    const contribution = national.contributions[j]!.reduce((a, v) => a + v, 0);
    const mroas = nationalLift[j]! / (MROAS_STEP * spend);
    return withIntervals(
      { name: spec.name, spend, contribution, roas: contribution / spend, mroas },
      c.relativeCi90?.[j],
    );
  });
  return {
    kind: c.kind,
    dates: panel.dates,
    channels,
    geos,
    national,
    transforms: panel.channels,
    populationScaling: panel.populationScaled,
    r2: c.r2,
    sigma: c.sigma,
    warnings: c.warnings,
  };
}
