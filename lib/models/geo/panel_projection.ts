/**
 * The fixed effects of a balanced geo panel, removed by projection instead of dummy columns
 * (Frisch–Waugh–Lovell: the media coefficients of a regression with geo and week dummies equal
 * those of the regression of the residualised KPI on the residualised media; Wooldridge 2010,
 * *Econometric Analysis of Cross Section and Panel Data*, §10.5 and §10.7.2 for the two-way case).
 *
 * The effects spanned are A, a level (and optionally a linear trend) per geo, and optionally B,
 * one effect per week shared by every geo (Meridian's μ_t with one knot per week, its default
 * for geo models). On a balanced panel the two projections commute — both P_A·P_B and P_B·P_A give the
 * linear fit, over weeks, of the cross-geo weekly mean — so the projection onto A + B is
 * `P_A + P_B − P_A·P_B`, and the residual of x is `x − P_A x − P_B x + P_A P_B x`. Without geo
 * trends this is the familiar two-way demeaning `x − x̄_g − x̄_t + x̄`.
 *
 * Rows are geo-major: row `g·T + t` is geo g, week t.
 *
 * @module
 */

/** The shape of a balanced panel and which effects it has. */
export interface PanelShape {
  /** Number of geos. */
  readonly geos: number;
  /** Weeks per geo. */
  readonly weeks: number;
  /** A linear trend per geo besides its level. */
  readonly geoTrends: boolean;
  /** One effect per week shared by every geo. */
  readonly weekEffects: boolean;
  /** Weight of each geo's rows (weighted least squares). @default every geo 1 */
  readonly weights?: Float64Array;
}

/** Projection of one geo's series on [1] or [1, t] (least squares over its weeks). */
function geoFit(x: Float64Array, start: number, weeks: number, trend: boolean, out: Float64Array) {
  let mean = 0;
  for (let t = 0; t < weeks; t++) mean += x[start + t] as number;
  mean /= weeks;
  let slope = 0;
  const tBar = (weeks - 1) / 2;
  if (trend && weeks > 1) {
    let sxy = 0, sxx = 0;
    for (let t = 0; t < weeks; t++) {
      sxy += (t - tBar) * ((x[start + t] as number) - mean);
      sxx += (t - tBar) * (t - tBar);
    }
    slope = sxy / sxx;
  }
  for (let t = 0; t < weeks; t++) out[start + t] = mean + slope * (t - tBar);
}

/**
 * The part of `x` the panel's fixed effects explain (`P x`, same layout as `x`).
 *
 * @example Two geos, two weeks: an additive geo + week pattern is explained entirely
 * ```ts
 * import { panelEffects } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * // geo levels 10, 20; week effects 0, 3
 * const x = new Float64Array([10, 13, 20, 23]);
 * const shape = { geos: 2, weeks: 2, geoTrends: false, weekEffects: true };
 * assert.deepEqual(Array.from(panelEffects(x, shape)), [10, 13, 20, 23]);
 * ```
 */
export function panelEffects(x: Float64Array, shape: PanelShape): Float64Array {
  const { geos, weeks, geoTrends, weekEffects } = shape;
  if (x.length !== geos * weeks) {
    throw new RangeError(
      `Cannot project a panel: ${x.length} rows are not ${geos} geos × ${weeks} weeks`,
    );
  }
  const out = new Float64Array(x.length);
  for (let g = 0; g < geos; g++) geoFit(x, g * weeks, weeks, geoTrends, out);
  if (!weekEffects) return out;
  const weekly = new Float64Array(weeks);
  let total = 0;
  for (let g = 0; g < geos; g++) {
    const w = shape.weights ? shape.weights[g] as number : 1;
    total += w;
    for (let t = 0; t < weeks; t++) {
      weekly[t] = (weekly[t] as number) + w * (x[g * weeks + t] as number);
    }
  }
  for (let t = 0; t < weeks; t++) weekly[t] = (weekly[t] as number) / total;
  const both = new Float64Array(weeks);
  geoFit(weekly, 0, weeks, geoTrends, both);
  for (let g = 0; g < geos; g++) {
    for (let t = 0; t < weeks; t++) {
      const i = g * weeks + t;
      out[i] = (out[i] as number) + (weekly[t] as number) - (both[t] as number);
    }
  }
  return out;
}

/**
 * `x` with the panel's fixed effects removed (`x − P x`).
 *
 * @example Two-way demeaning
 * ```ts
 * import { panelResidual } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const r = panelResidual(new Float64Array([1, 0, 0, 0]), { geos: 2, weeks: 2, geoTrends: false, weekEffects: true });
 * assert.deepEqual(Array.from(r), [0.25, -0.25, -0.25, 0.25]);
 * ```
 */
export function panelResidual(x: Float64Array, shape: PanelShape): Float64Array {
  const p = panelEffects(x, shape);
  return x.map((v, i) => v - (p[i] as number));
}
