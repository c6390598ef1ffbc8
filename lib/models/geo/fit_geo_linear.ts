/**
 * The classical geo model: least squares (or ridge) on a balanced panel with a level per geo
 * (optionally a trend per geo), time effects shared by every geo, and media transforms shared
 * across geos, optionally per person (KPI and spend ÷ population):
 *
 *   y_{g,t} = τ_g (+ ς_g·t) + μ_t + Σ_c γ_c z_{g,t,c} + Σ_m β_m · media_{g,t,m} + ε_{g,t}
 *
 * μ_t is either smooth — a linear trend (unless each geo has its own) and yearly Fourier pairs,
 * the national model's baseline — or one effect per week (`weekEffects`). Week effects absorb
 * every national shock, but with them the media effect is identified only by how geos differ from
 * one another week by week, which national flighting does not move; the smooth form lets the
 * national variation of spend identify it too.
 *
 * The fixed effects are removed by projection (panel_projection.ts), so the fit costs a k×k
 * solve for k media and control columns however many geos there are. Controls that are the same
 * in every geo (a national price) are part of the week effects and cannot be estimated apart from
 * them: they are reported as absorbed. Contributions are in KPI units, `population_g · β_m ·
 * media_{g,t,m}` (media is zero at zero spend), and ROAS is contribution ÷ spend, per geo and
 * summed over geos for the nation.
 *
 * With λ = 0 and no coefficient held at zero by the sign constraint, each national ROAS has a
 * 90% interval: ROAS_m is `β_m · Σ pop·media / Σ spend`, linear in β_m, whose standard error
 * comes from the cluster-robust covariance by geo, with Student's t on G − 1 degrees of freedom
 * (Cameron & Miller 2015, §VI.C).
 *
 * @module
 */
import tQuantile from "@stdlib/dist-t-quantile";
import type { GuardrailLimits } from "../../guardrails/limits.ts";
import type { MmmData } from "../../types.ts";
import { geoGuardrails } from "./geo_guardrails.ts";
import type { GeoFit } from "./geo_fit.ts";
import { summariseGeoFit } from "./geo_summary.ts";
import { type GeoChannelSpec, panelMedia } from "./panel_media.ts";
import { solveGeoLinear } from "./geo_linear_solve.ts";

/** Options of {@link fitGeoLinear}. */
export interface GeoLinearOptions {
  /** Divide KPI and spend by each geo's population. @default true when the data has population */
  readonly populationScaling?: boolean;
  /** A linear trend per geo. @default false */
  readonly geoTrends?: boolean;
  /** One effect per week shared by every geo, instead of a trend and Fourier terms. @default false */
  readonly weekEffects?: boolean;
  /** Yearly Fourier pairs of the smooth time effects. @default 2 */
  readonly yearlyFourier?: number;
  /**
   * Weight of each geo's rows: `"population"` (weighted least squares, each person counts the
   * same; the estimand is then the population-weighted mean effect, which the national ROAS sums)
   * or `"equal"` (each geo counts the same). @default "population" with population scaling
   */
  readonly weighting?: "population" | "equal";
  /**
   * Ridge penalty on the residualised media and control columns, each standardised (scikit-learn's
   * `alpha` on standardised columns; 0 = OLS). @default 0
   */
  readonly lambda?: number;
  /** Media coefficients ≥ 0. @default true */
  readonly nonNegative?: boolean;
  /** Guardrail limits of the fit's warnings (geo_guardrails.ts). @default the defaults */
  readonly guardrails?: Partial<GuardrailLimits>;
}

/** A fitted classical geo model: the shared {@link GeoFit} and what only the linear model has. */
export interface GeoLinearFit extends GeoFit {
  /** `"geo-ols"` (λ = 0) or `"geo-ridge"`. */
  readonly kind: "geo-ols" | "geo-ridge";
  /** Controls and smooth time terms (trend, Fourier) estimated, with their coefficients. */
  readonly controls: readonly { name: string; coefficient: number }[];
  /** Controls the week effects absorb (the same in every geo). */
  readonly absorbedControls: readonly string[];
}

/**
 * Fits the classical geo model with the given channel transforms (shared by every geo).
 *
 * @example Two geos, one channel, KPI = 5 + 2·media exactly: the coefficient is 2
 * ```ts
 * import { fitGeoLinear } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const tv = new Float64Array([1, 3, 0, 2, 4, 2, 4, 1, 0, 3]); // mean 2: the scale
 * const media = tv.map((v) => v / (v + 2)); // Hill with half-saturation 1 at scale 2
 * const data = {
 *   dates: Array.from({ length: 10 }, (_, i) => `2024-01-${String(1 + 7 * (i % 5)).padStart(2, "0")}`),
 *   kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: media.map((m, i) => (i < 5 ? 5 : 9) + 2 * m) },
 *   channels: [{ name: "tv", spend: tv }],
 *   controls: [],
 *   geo: { name: "geo", values: ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"] },
 * };
 * const fit = fitGeoLinear(data, [{
 *   name: "tv",
 *   adstock: { kind: "geometric", params: { decay: 0 } },
 *   saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
 * }], { yearlyFourier: 0 }); // five weeks: a level per geo, a shared trend, no seasonality
 * assert.ok(Math.abs(fit.geos[0]!.channels[0]!.coefficient - 2) < 1e-9);
 * assert.equal(fit.kind, "geo-ols");
 * ```
 */
export function fitGeoLinear(
  data: MmmData,
  channels: readonly GeoChannelSpec[],
  options: GeoLinearOptions = {},
): GeoLinearFit {
  const panel = panelMedia(data, channels, options.populationScaling ?? !!data.population);
  const s = solveGeoLinear(data, panel, options);
  const m = s.media, k = s.beta.length, cov = s.covariance;
  const q = tQuantile(0.95, panel.geos.length - 1);
  const kind = (options.lambda ?? 0) === 0 ? "geo-ols" : "geo-ridge";
  const fit = summariseGeoFit(panel, {
    kind,
    coefficients: panel.geos.map(() => Array.from(s.beta.subarray(0, m))),
    baselinePerPerson: s.baselinePerPerson,
    ...(cov && {
      relativeCi90: panel.channels.map((_, j) => {
        const rel = q * Math.sqrt(cov[j * k + j]!) / s.beta[j]!;
        return [1 - rel, 1 + rel] as const;
      }),
    }),
    r2: 1 - s.rss / s.tss,
    sigma: Math.sqrt(s.rss / s.dof),
    warnings: [],
  });
  return {
    ...fit,
    warnings: geoGuardrails(panel, fit, data.kpiKind, options.guardrails ?? {}),
    kind,
    controls: s.kept.map((c, j) => ({ name: c.name, coefficient: s.beta[m + j]! })),
    absorbedControls: s.absorbed,
  };
}
