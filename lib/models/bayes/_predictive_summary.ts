/**
 * Summaries shared by the prior and posterior predictive checks: which draws to use, a mean and
 * 90% interval over draws, per-row bands of replicated series, the share of rows inside a band,
 * and a lift test's tail probability among its replicated measurements.
 *
 * @module
 */
import { quantileSorted } from "../../_internal/quantile.ts";
import type { Interval90, LiftTest } from "../../types.ts";
import type { LiftTestCheck, PredictiveCheck } from "./predictive_check.ts";

/** Up to `max` evenly spaced draw indices of `nDraws` (analysis/roas.ts picks draws the same way). */
export function drawIndices(nDraws: number, max: number): number[] {
  const k = Math.min(nDraws, max);
  return Array.from({ length: k }, (_, i) => Math.floor((i * nDraws) / k));
}

/** Mean and 5%/95% quantiles of values over draws. */
export function interval(values: number[]): Interval90 {
  const sorted = Float64Array.from(values).sort();
  let mean = 0;
  for (const v of values) mean += v / values.length;
  return { mean, lower: quantileSorted(sorted, 0.05), upper: quantileSorted(sorted, 0.95) };
}

/** Per-row 5/50/95% quantiles of replicated series (draw-major rows). */
export function bands(reps: Float64Array[], n: number): PredictiveCheck["band"] {
  const lower = new Float64Array(n), median = new Float64Array(n), upper = new Float64Array(n);
  const col = new Float64Array(reps.length);
  for (let t = 0; t < n; t++) {
    reps.forEach((r, d) => (col[d] = r[t] as number));
    col.sort();
    lower[t] = quantileSorted(col, 0.05);
    median[t] = quantileSorted(col, 0.5);
    upper[t] = quantileSorted(col, 0.95);
  }
  return { lower, median, upper };
}

/** Share of rows whose actual value lies inside the band. */
export function coverageOf(actual: Float64Array, band: PredictiveCheck["band"]): number {
  let inside = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t] as number;
    if (y >= (band.lower[t] as number) && y <= (band.upper[t] as number)) inside++;
  }
  return actual.length > 0 ? inside / actual.length : NaN;
}

/** A lift test against its replicated measurements: interval and two-sided tail probability. */
export function liftCheck(test: LiftTest, replicated: number[]): LiftTestCheck {
  let below = 0;
  for (const r of replicated) if (r <= test.lift) below++;
  const p = below / replicated.length;
  return { test, replicated: interval(replicated), pValue: Math.min(1, 2 * Math.min(p, 1 - p)) };
}
