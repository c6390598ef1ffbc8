/**
 * What a person looks at to judge a fit's residuals (seed 004's diagnostic plots): residuals
 * against fitted values, the residual autocorrelation function with its ±1.96/√n band, and the
 * normal quantile-quantile points of the standardised residuals.
 *
 * @module
 */
import normalQuantile from "@stdlib/dist-normal-quantile";
import type { FittedModel } from "../../types.ts";
import { checkResiduals, mean } from "./_checks.ts";

/**
 * The sample autocorrelation of a series at lags 1..maxLag:
 * `r_k = Σ_{t>k} (e_t − ē)(e_{t−k} − ē) / Σ_t (e_t − ē)²` (statsmodels `acf` with
 * `adjusted=False`).
 *
 * @example A series that alternates sign
 * ```ts
 * import { autocorrelation } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const r = autocorrelation(new Float64Array([1, -1, 1, -1, 1, -1]), 2);
 * assert.ok(Math.abs(r[0]! + 5 / 6) < 1e-12 && Math.abs(r[1]! - 4 / 6) < 1e-12);
 * ```
 */
export function autocorrelation(series: Float64Array, maxLag: number): Float64Array {
  checkResiduals("compute autocorrelation", series, 2);
  if (!Number.isInteger(maxLag) || maxLag < 1 || maxLag >= series.length) {
    throw new RangeError(
      `Cannot compute autocorrelation: maxLag must be a whole number from 1 to ${
        series.length - 1
      }, got ${maxLag}`,
    );
  }
  const n = series.length, m = mean(series);
  let c0 = 0;
  for (const v of series) c0 += (v - m) ** 2;
  const r = new Float64Array(maxLag);
  for (let k = 1; k <= maxLag; k++) {
    let ck = 0;
    for (let t = k; t < n; t++) ck += ((series[t] as number) - m) * ((series[t - k] as number) - m);
    r[k - 1] = ck / c0;
  }
  return r;
}

/** Residual diagnostics of a fit. */
export interface ResidualDiagnostics {
  /** Dates of the rows. */
  readonly dates: readonly string[];
  /** The fit's prediction per row. */
  readonly fitted: Float64Array;
  /** Actual minus fitted per row. */
  readonly residuals: Float64Array;
  /** Autocorrelation of the residuals at lags 1..acf.length. */
  readonly acf: Float64Array;
  /** The ±band of the ACF within which white noise stays 95% of the time: 1.96/√n. */
  readonly acfBand: number;
  /**
   * Quantile-quantile points: the sorted standardised residuals (`sample`, residual minus its
   * mean over its sd) against the standard normal quantiles at plotting positions (i − 0.5)/n
   * (`theoretical`). On the line y = x when the residuals are normal.
   */
  readonly qq: { readonly theoretical: Float64Array; readonly sample: Float64Array };
}

/** Options of {@link residualDiagnostics}. */
export interface ResidualDiagnosticsOptions {
  /** Largest ACF lag. @default min(26, n − 1) (half a year of weeks) */
  readonly maxLag?: number;
}

/**
 * The residuals of a fit on its training rows, their ACF and their QQ points.
 *
 * @example
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { residualDiagnostics } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const tv = Float64Array.from({ length: n }, (_, i) => (i * 7) % 5);
 * const data = {
 *   dates: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10)),
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v, i) => 10 + 2 * v + ((i * 13) % 7) / 10) },
 * };
 * const fit = fitRidge(data, defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0 } }));
 * const d = residualDiagnostics(fit, { maxLag: 5 });
 * assert.equal(d.acf.length, 5);
 * assert.equal(d.qq.sample.length, n);
 * ```
 */
export function residualDiagnostics(
  fit: FittedModel,
  options: ResidualDiagnosticsOptions = {},
): ResidualDiagnostics {
  const y = fit.data.kpi.values, n = y.length;
  const residuals = y.map((v, t) => v - (fit.fitted[t] as number));
  const acf = autocorrelation(residuals, options.maxLag ?? Math.min(26, n - 1));
  const m = mean(residuals);
  let ss = 0;
  for (const v of residuals) ss += (v - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const sample = residuals.map((v) => (v - m) / sd).sort();
  const theoretical = Float64Array.from(
    { length: n },
    (_, i) => normalQuantile((i + 0.5) / n, 0, 1),
  );
  return {
    dates: [...fit.data.dates],
    fitted: Float64Array.from(fit.fitted),
    residuals,
    acf,
    acfBand: 1.96 / Math.sqrt(n),
    qq: { theoretical, sample },
  };
}
