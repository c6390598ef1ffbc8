/**
 * The arithmetic of the classical geo model (fit_geo_linear.ts has the model): the fixed effects
 * projected out, the weighted (ridge) normal equations, the cluster-robust covariance, the
 * baseline, and predictions of later weeks.
 *
 * A fit may use only each geo's first `fitWeeks` weeks of a longer panel: the media columns are
 * computed on the whole panel first, so a later week's adstock carries over from the fitted
 * weeks, and the later weeks are predicted from each geo's level (and trend), the smooth time
 * terms and the controls (cross-validation by time, lib/tuning/geo_cross_validation.ts). Week effects
 * cannot be extrapolated to unseen weeks, so a fit with them predicts nothing.
 *
 * @module
 */
import { invertSpd } from "../../_internal/linalg.ts";
import { FitError } from "../../errors.ts";
import { fourierTerms } from "../../features/fourier.ts";
import { trendTerms } from "../../features/trend.ts";
import type { MmmData } from "../../types.ts";
import { solveRidge } from "../ridge_solve.ts";
import type { GeoLinearOptions } from "./fit_geo_linear.ts";
import type { PanelMedia } from "./panel_media.ts";
import { panelEffects, type PanelShape } from "./panel_projection.ts";

/** A solved geo model on a panel's first `fitWeeks` weeks. */
export interface GeoSolution {
  /** Weeks of each geo fitted on. */
  readonly fitWeeks: number;
  /** Media coefficients, then kept controls'. */
  readonly beta: Float64Array;
  /** Number of media coefficients. */
  readonly media: number;
  /** Controls and time terms estimated (whole panel's rows). */
  readonly kept: readonly { name: string; values: Float64Array }[];
  /** Controls the fixed effects absorb. */
  readonly absorbed: readonly string[];
  /** Weighted residual and total sums of squares, residual degrees of freedom. */
  readonly rss: number;
  /** Weighted total sum of squares. */
  readonly tss: number;
  /** Residual degrees of freedom. */
  readonly dof: number;
  /**
   * Covariance of `beta` (k × k), when λ = 0 and no sign constraint binds: cluster-robust by geo,
   * or classical for a single geo.
   */
  readonly covariance: Float64Array | undefined;
  /** Baseline per person on the fitted rows, geo-major (G × fitWeeks). */
  readonly baselinePerPerson: Float64Array;
  /** Weight of each geo. */
  readonly geoWeight: Float64Array;
  /** Predictions per person of weeks [fitWeeks, T) of every geo, geo-major; undefined with week effects. */
  readonly later: Float64Array | undefined;
}

function dot(a: Float64Array, b: Float64Array, w?: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += (w ? w[i] as number : 1) * (a[i] as number) * (b[i] as number);
  }
  return s;
}

/** Rows of weeks [from, to) of every geo of a geo-major panel of T weeks. */
function weeksOf(x: Float64Array, geos: number, T: number, from: number, to: number) {
  const w = to - from, out = new Float64Array(geos * w);
  for (let g = 0; g < geos; g++) out.set(x.subarray(g * T + from, g * T + to), g * w);
  return out;
}

/**
 * Solves the geo model on each geo's first `fitWeeks` weeks of `panel` (every week by default).
 *
 * @example The coefficient of an exact two-geo panel, fitted on its first 4 of 5 weeks
 * ```ts
 * import { panelMedia, solveGeoLinear } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const tv = new Float64Array([1, 3, 0, 2, 4, 2, 4, 1, 0, 3]);
 * const media = tv.map((v) => v / (v + 2));
 * const data = {
 *   dates: Array.from({ length: 10 }, (_, i) => `2024-01-${String(1 + 7 * (i % 5)).padStart(2, "0")}`),
 *   kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: media.map((m, i) => (i < 5 ? 5 : 9) + 2 * m) },
 *   channels: [{ name: "tv", spend: tv }], controls: [],
 *   geo: { name: "geo", values: ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"] },
 * };
 * const spec = { name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } } };
 * const s = solveGeoLinear(data, panelMedia(data, [spec], false), { yearlyFourier: 0 }, 4);
 * assert.ok(Math.abs(s.beta[0]! - 2) < 1e-9);
 * // the fifth week of each geo, predicted: level + 2·media
 * assert.ok(Math.abs(s.later![0]! - (5 + 2 * media[4]!)) < 1e-9);
 * assert.ok(Math.abs(s.later![1]! - (9 + 2 * media[9]!)) < 1e-9);
 * ```
 */
export function solveGeoLinear(
  data: MmmData,
  panel: PanelMedia,
  options: GeoLinearOptions,
  fitWeeks: number = panel.weeks,
): GeoSolution {
  const G = panel.geos.length, T = panel.weeks, W = fitWeeks, n = G * W;
  const head = (x: Float64Array) => W === T ? x : weeksOf(x, G, T, 0, W);
  const scaling = panel.populationScaled;
  const byPopulation = (options.weighting ?? (scaling ? "population" : "equal")) === "population";
  const people = panel.population.reduce((a, v) => a + v, 0);
  const geoWeight = byPopulation
    ? panel.population.map((p) => p * G / people)
    : new Float64Array(G).fill(1);
  const rowWeight = Float64Array.from({ length: n }, (_, i) => geoWeight[Math.floor(i / W)]!);
  const shape: PanelShape = {
    geos: G,
    weeks: W,
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
  const controlResiduals = controls.map((c) => residual(head(c.values)));
  const keptAt = controls.flatMap((c, j) =>
    Math.sqrt(dot(controlResiduals[j]!, controlResiduals[j]!)) >
        1e-9 * Math.sqrt(dot(head(c.values), head(c.values)))
      ? [j]
      : []
  );
  const kept = keptAt.map((j) => controls[j]!);
  const mediaHead = panel.media.map(head);
  const columns = [...mediaHead.map(residual), ...keptAt.map((j) => controlResiduals[j]!)];
  const k = columns.length, m = panel.media.length;
  const y = head(panel.y);
  const yr = residual(y);
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
  // the penalty of standardised columns: λ·var_j·b_j² is λ·b̃_j² for b̃_j = sd_j·b_j
  const penaltyFactor = Float64Array.from({ length: k }, (_, j) => gram[j * k + j]! / n);
  const beta = solveRidge(gram, xty, k, lambda, {
    penaltyFactor,
    ...(nonNegative ? { nonNegative } : {}),
  });
  const residuals = new Float64Array(n);
  let rss = 0, tss = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let a = 0; a < k; a++) fitted += (beta[a] as number) * (columns[a]![i] as number);
    residuals[i] = (yr[i] as number) - fitted;
    rss += rowWeight[i]! * residuals[i]! ** 2;
  }
  const yMean = dot(y, rowWeight) / n;
  y.forEach((v, i) => (tss += rowWeight[i]! * (v - yMean) ** 2));
  const fixed = G + (shape.weekEffects ? W - 1 : 0) + (shape.geoTrends ? G : 0);
  if (n - fixed - k <= 0) {
    throw new FitError(
      `Cannot fit a geo model: ${n} rows leave no degrees of freedom for ${fixed} fixed effects and ${k} coefficients`,
      { hint: "use more weeks or fewer geo trends" },
    );
  }
  const unconstrained = lambda === 0 && beta.every((b, j) => j >= m || b > 0);
  // one geo has no clusters: the classical σ²·B⁻¹ (errors independent over weeks)
  const classical = () => invertSpd(gram, k)?.map((v) => v * rss / (n - fixed - k));
  const covariance = !unconstrained
    ? undefined
    : G === 1
    ? classical()
    : clusterCovariance(gram, columns, residuals, rowWeight, { geos: G, weeks: W, fixed });
  // the baseline (per person) is everything but media: P(y − Zβ) + controls·γ, by FWL
  const controlPart = new Float64Array(G * T);
  kept.forEach((c, j) => c.values.forEach((v, i) => (controlPart[i]! += beta[m + j]! * v)));
  const mediaPart = new Float64Array(G * T);
  panel.media.forEach((col, j) => col.forEach((v, i) => (mediaPart[i]! += beta[j]! * v)));
  const nonMedia = head(panel.y).map((v, i) => v - head(mediaPart)[i]! - head(controlPart)[i]!);
  const effects = panelEffects(nonMedia, shape);
  const controlHead = head(controlPart);
  return {
    fitWeeks: W,
    beta,
    media: m,
    kept,
    absorbed: controls.filter((_, j) => !keptAt.includes(j)).map((c) => c.name),
    rss,
    tss,
    dof: n - fixed - k,
    covariance,
    baselinePerPerson: effects.map((v, i) => v + controlHead[i]!),
    geoWeight,
    later: shape.weekEffects || W === T
      ? undefined
      : extrapolate(nonMedia, shape, T, (i) => controlPart[i]! + mediaPart[i]!),
  };
}

/** Each geo's level (and trend) carried to weeks [W, T), plus the controls' and media's part. */
function extrapolate(
  nonMedia: Float64Array,
  shape: PanelShape,
  T: number,
  rest: (row: number) => number,
): Float64Array {
  const { geos, weeks: W } = shape, L = T - W, out = new Float64Array(geos * L);
  const tBar = (W - 1) / 2;
  for (let g = 0; g < geos; g++) {
    let mean = 0, sxy = 0, sxx = 0;
    for (let t = 0; t < W; t++) mean += nonMedia[g * W + t]!;
    mean /= W;
    if (shape.geoTrends) {
      for (let t = 0; t < W; t++) {
        sxy += (t - tBar) * (nonMedia[g * W + t]! - mean);
        sxx += (t - tBar) ** 2;
      }
    }
    const slope = sxx > 0 ? sxy / sxx : 0;
    for (let t = W; t < T; t++) out[g * L + t - W] = mean + slope * (t - tBar) + rest(g * T + t);
  }
  return out;
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
