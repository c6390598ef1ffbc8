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
import { invertSpd } from "../../_internal/linalg.ts";
import { FitError } from "../../errors.ts";
import { fourierTerms } from "../../features/fourier.ts";
import { trendTerms } from "../../features/trend.ts";
import type { MmmData } from "../../types.ts";
import { solveRidge } from "../ridge_solve.ts";
import type { GeoFit } from "./geo_fit.ts";
import { summariseGeoFit } from "./geo_summary.ts";
import { type GeoChannelSpec, panelMedia } from "./panel_media.ts";
import { panelEffects, type PanelShape } from "./panel_projection.ts";

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
  /** Ridge penalty on the residualised media and control columns (0 = OLS). @default 0 */
  readonly lambda?: number;
  /** Media coefficients ≥ 0. @default true */
  readonly nonNegative?: boolean;
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

function dot(a: Float64Array, b: Float64Array, w?: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += (w ? w[i] as number : 1) * (a[i] as number) * (b[i] as number);
  }
  return s;
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
  const scaling = options.populationScaling ?? !!data.population;
  const panel = panelMedia(data, channels, scaling);
  const G = panel.geos.length, T = panel.weeks, n = G * T;
  const byPopulation = (options.weighting ?? (scaling ? "population" : "equal")) === "population";
  const people = panel.population.reduce((a, v) => a + v, 0);
  const geoWeight = byPopulation
    ? panel.population.map((p) => p * G / people)
    : new Float64Array(G).fill(1);
  const rowWeight = Float64Array.from({ length: n }, (_, i) => geoWeight[Math.floor(i / T)]!);
  const shape: PanelShape = {
    geos: G,
    weeks: T,
    geoTrends: options.geoTrends ?? false,
    weekEffects: options.weekEffects ?? false,
    weights: geoWeight,
  };
  const residual = (x: Float64Array) => {
    const p = panelEffects(x, shape);
    return x.map((v, i) => v - (p[i] as number));
  };
  const time = shape.weekEffects ? [] : [
    ...(shape.geoTrends ? [] : trendTerms(data.dates, { kind: "linear" })),
    ...fourierTerms(data.dates, { pairs: options.yearlyFourier ?? 2 }),
  ];
  const controls = [...data.controls, ...time].map((c) => ({ name: c.name, values: c.values }));
  const controlResiduals = controls.map((c) => residual(c.values));
  const kept = controls.filter((c, j) =>
    Math.sqrt(dot(controlResiduals[j]!, controlResiduals[j]!)) >
      1e-9 * Math.sqrt(dot(c.values, c.values))
  );
  const columns = [
    ...panel.media.map(residual),
    ...controlResiduals.filter((_, j) => kept.includes(controls[j]!)),
  ];
  const k = columns.length, m = panel.media.length;
  const yr = residual(panel.y);
  const gram = new Float64Array(k * k), xty = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    xty[a] = dot(columns[a]!, yr, rowWeight);
    for (let b = 0; b <= a; b++) {
      gram[a * k + b] = gram[b * k + a] = dot(columns[a]!, columns[b]!, rowWeight);
    }
  }
  const lambda = options.lambda ?? 0;
  const nonNegative = (options.nonNegative ?? true)
    ? Uint8Array.from({ length: k }, (_, j) => (j < m ? 1 : 0))
    : undefined;
  const beta = solveRidge(gram, xty, k, lambda, nonNegative ? { nonNegative } : {});
  const residuals = new Float64Array(n);
  let rss = 0, tss = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let a = 0; a < k; a++) fitted += (beta[a] as number) * (columns[a]![i] as number);
    residuals[i] = (yr[i] as number) - fitted;
    rss += rowWeight[i]! * residuals[i]! ** 2;
  }
  const yMean = dot(panel.y, rowWeight) / n;
  panel.y.forEach((v, i) => (tss += rowWeight[i]! * (v - yMean) ** 2));
  const fixed = G + (shape.weekEffects ? T - 1 : 0) + (shape.geoTrends ? G : 0);
  if (n - fixed - k <= 0) {
    throw new FitError(
      `Cannot fit a geo model: ${n} rows leave no degrees of freedom for ${fixed} fixed effects and ${k} coefficients`,
      { hint: "use more weeks or fewer geo trends" },
    );
  }
  const covariance = lambda === 0 && beta.every((b, j) => j >= m || b > 0)
    ? clusterCovariance(gram, columns, residuals, rowWeight, { geos: G, weeks: T, fixed })
    : undefined;
  // the baseline (per person) is everything but media: P(y − Zβ) + controls·γ, by FWL
  const nonMedia = new Float64Array(n), controlPart = new Float64Array(n);
  kept.forEach((c, j) =>
    c.values.forEach((v, i) => (controlPart[i]! += (beta[m + j] as number) * v))
  );
  panel.y.forEach((v, i) => {
    let media = 0;
    for (let j = 0; j < m; j++) media += (beta[j] as number) * panel.media[j]![i]!;
    nonMedia[i] = v - media - controlPart[i]!;
  });
  const baselinePerPerson = panelEffects(nonMedia, shape).map((v, i) => v + controlPart[i]!);
  const q = tQuantile(0.95, G - 1);
  const fit = summariseGeoFit(panel, {
    kind: lambda === 0 ? "geo-ols" : "geo-ridge",
    coefficients: panel.geos.map(() => Array.from(beta.subarray(0, m))),
    baselinePerPerson,
    ...(covariance && {
      relativeCi90: panel.channels.map((_, j) => {
        const rel = q * Math.sqrt(covariance[j * k + j]!) / beta[j]!;
        return [1 - rel, 1 + rel] as const;
      }),
    }),
    r2: 1 - rss / tss,
    sigma: Math.sqrt(rss / (n - fixed - k)),
    warnings: [],
  });
  return {
    ...fit,
    kind: lambda === 0 ? "geo-ols" : "geo-ridge",
    controls: kept.map((c, j) => ({ name: c.name, coefficient: beta[m + j] as number })),
    absorbedControls: controls.filter((c) => !kept.includes(c)).map((c) => c.name),
  };
}

/**
 * Cluster-robust covariance of the coefficients, geos as clusters (Liang & Zeger 1986; the
 * small-sample factor G/(G−1)·(n−1)/(n−K) of Stata's `vce(cluster)`, Cameron & Miller 2015 §VI):
 * `c · B⁻¹ (Σ_g s_g s_gᵀ) B⁻¹`, B the weighted Gram matrix and s_g the geo's weighted score
 * `Σ_t w z_t e_t`. It holds when a geo's errors are correlated over weeks or its effects differ
 * from the national ones, which the classical σ²B⁻¹ ignores.
 */
function clusterCovariance(
  gram: Float64Array,
  columns: readonly Float64Array[],
  residuals: Float64Array,
  weight: Float64Array,
  panel: { geos: number; weeks: number; fixed: number },
): Float64Array | undefined {
  const k = columns.length, { geos, weeks } = panel, n = geos * weeks;
  const bread = invertSpd(gram, k);
  if (!bread) return undefined;
  const meat = new Float64Array(k * k), score = new Float64Array(k);
  for (let g = 0; g < geos; g++) {
    score.fill(0);
    for (let i = g * weeks; i < (g + 1) * weeks; i++) {
      const we = weight[i]! * residuals[i]!;
      for (let a = 0; a < k; a++) score[a] = score[a]! + we * columns[a]![i]!;
    }
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) meat[a * k + b] = meat[a * k + b]! + score[a]! * score[b]!;
    }
  }
  const c = geos / (geos - 1) * (n - 1) / (n - panel.fixed - k);
  const half = new Float64Array(k * k), out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += bread[a * k + q]! * meat[q * k + b]!;
      half[a * k + b] = s;
    }
  }
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += half[a * k + q]! * bread[q * k + b]!;
      out[a * k + b] = c * s;
    }
  }
  return out;
}
