/**
 * Each geo fitted on its own (no pooling): the geo model on one geo's weeks, with the same
 * transforms and scales as the pooled fit, so the two differ only in what the other geos
 * contribute. The shrinkage display sets these next to the pooled per-geo estimates.
 *
 * A separate fit has a level, the smooth time terms and the controls of its geo, and its own
 * coefficient per channel; its 90% ROAS interval is `ROAS · (1 ± t₀.₉₅ · se(β)/β)` from the
 * classical OLS covariance on its residual degrees of freedom. That covariance assumes errors
 * independent over weeks, so with autocorrelated errors these intervals are, if anything, too
 * narrow: the pooled model's advantage shown beside them is not overstated.
 *
 * @module
 */
import tQuantile from "@stdlib/dist-t-quantile";
import type { MmmData } from "../../types.ts";
import type { GeoLinearOptions } from "./fit_geo_linear.ts";
import type { Ci90 } from "./geo_fit.ts";
import { solveGeoLinear } from "./geo_linear_solve.ts";
import { type GeoChannelSpec, type PanelMedia, panelMedia } from "./panel_media.ts";

/** One geo's separate estimate of one channel. */
export interface SeparateGeoEstimate {
  /** Geo name. */
  readonly geo: string;
  /** Channel name. */
  readonly channel: string;
  /** Contribution ÷ spend in the geo. */
  readonly roas: number;
  /** 90% interval, when λ = 0 and the sign constraint does not bind. */
  readonly roasCi90?: Ci90;
}

/** One geo of a panel, as a one-geo panel (scales kept). */
function oneGeo(panel: PanelMedia, g: number): PanelMedia {
  const T = panel.weeks, rows = (x: Float64Array) => x.slice(g * T, (g + 1) * T);
  return {
    ...panel,
    geos: [panel.geos[g]!],
    population: panel.population.slice(g, g + 1),
    y: rows(panel.y),
    spend: panel.spend.map(rows),
    media: panel.media.map(rows),
  };
}

/**
 * Fits every geo on its own with the pooled model's transforms and scales.
 *
 * @example Two geos with different true coefficients: each separate fit finds its own
 * ```ts
 * import { fitGeosSeparately } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const tv = new Float64Array([1, 3, 0, 2, 4, 3, 2, 4, 1, 0, 3, 1]); // mean 2
 * const media = tv.map((v) => v / (v + 2)); // Hill, half-saturation 1 at the scale 2
 * const data = {
 *   dates: Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * (i % 6))).toISOString().slice(0, 10)),
 *   kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: media.map((m, i) => (i < 6 ? 5 + 2 * m : 9 + 4 * m)) },
 *   channels: [{ name: "tv", spend: tv }], controls: [],
 *   geo: { name: "geo", values: [..."aaaaaabbbbbb"] },
 * };
 * const spec = { name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } } };
 * const [a, b] = fitGeosSeparately(data, [spec], { yearlyFourier: 0, geoTrends: true });
 * const spendA = tv.slice(0, 6).reduce((s, v) => s + v, 0);
 * const gainA = media.slice(0, 6).reduce((s, v) => s + v, 0);
 * assert.ok(Math.abs(a!.roas - 2 * gainA / spendA) < 1e-9);
 * assert.ok(b!.roas > a!.roas);
 * ```
 */
export function fitGeosSeparately(
  data: MmmData,
  channels: readonly GeoChannelSpec[],
  options: GeoLinearOptions = {},
): SeparateGeoEstimate[] {
  const panel = panelMedia(data, channels, options.populationScaling ?? !!data.population);
  const T = panel.weeks;
  return panel.geos.flatMap((geo, g) => {
    const rows = data.dates.slice(g * T, (g + 1) * T);
    const own = {
      ...data,
      dates: rows,
      controls: data.controls.map((c) => ({
        name: c.name,
        values: c.values.slice(g * T, (g + 1) * T),
      })),
    };
    const s = solveGeoLinear(own, oneGeo(panel, g), { ...options, weekEffects: false });
    const q = tQuantile(0.95, s.dof), k = s.beta.length;
    return panel.channels.map((c, j): SeparateGeoEstimate => {
      const pop = panel.population[g]!, beta = s.beta[j]!;
      let media = 0, spend = 0;
      for (let t = 0; t < T; t++) {
        media += panel.media[j]![g * T + t]!;
        spend += panel.spend[j]![g * T + t]!;
      }
      const roas = pop * beta * media / spend;
      if (!s.covariance) return { geo, channel: c.name, roas };
      const half = q * Math.sqrt(s.covariance[j * k + j]!) * Math.abs(roas / beta);
      return { geo, channel: c.name, roas, roasCi90: [roas - half, roas + half] };
    });
  });
}
