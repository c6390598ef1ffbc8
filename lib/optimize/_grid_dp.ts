/**
 * Exact global allocation on a uniform spend grid by dynamic programming over channels, for
 * curves of any shape under a total budget and per-channel bounds.
 *
 * Why it exists: javascript-lp-solver's branch and bound needs ~1.7 s for 10 S-shaped channels
 * × 50 breakpoints when every channel may range over the whole budget (88 ordered 0/1
 * variables; see bench/optimize_bench.ts). The DP costs O(channels × G × K) additions
 * (G budget steps, K ≤ G steps per channel), is global whatever the curve shape, and its answer
 * is then polished by the LP/MILP in small windows around it.
 *
 * Bound: rounding the true optimum x* down to the grid loses at most Σ_c maxSlope_c · Δ, so
 * `value + Σ maxSlope_c·Δ` bounds the true optimum from above.
 *
 * @module
 */
import type { SpendCurve } from "./types.ts";

/** One channel as the DP sees it. */
export interface DpChannel {
  readonly curve: SpendCurve;
  readonly lower: number;
  readonly upper: number;
}

/** The DP's answer. */
export interface DpAnswer {
  /** Spend per channel. */
  readonly spend: Float64Array;
  /** Total response at `spend`. */
  readonly value: number;
  /** The grid step Δ in money. */
  readonly step: number;
  /** An upper bound on the true optimum (value + Σ maxSlope·Δ). */
  readonly upperBound: number;
}

/**
 * Maximises Σ f_c(x_c) subject to Σ x_c ≤ budget and lower_c ≤ x_c ≤ upper_c with
 * x_c − lower_c a multiple of Δ = (budget − Σ lower)/G. Curves must be non-decreasing, so no
 * budget is left unspent when it could be used.
 */
export function gridDp(channels: readonly DpChannel[], budget: number, steps: number): DpAnswer {
  const nC = channels.length;
  const free = budget - channels.reduce((a, c) => a + c.lower, 0);
  const G = steps;
  const step = free > 0 ? free / G : 0;
  const tables: Float64Array[] = [];
  let slopeSum = 0;
  for (const c of channels) {
    const kmax = step > 0 ? Math.min(G, Math.floor((c.upper - c.lower) / step + 1e-9)) : 0;
    const vals = new Float64Array(kmax + 1);
    for (let k = 0; k <= kmax; k++) vals[k] = c.curve(c.lower + k * step);
    tables.push(vals);
    // steepest slope over the channel's whole range, on a 400-step scan
    let maxSlope = 0;
    const span = c.upper - c.lower;
    if (span > 0) {
      const h = span / 400;
      let prev = c.curve(c.lower);
      for (let i = 1; i <= 400; i++) {
        const y = c.curve(c.lower + i * h);
        maxSlope = Math.max(maxSlope, (y - prev) / h);
        prev = y;
      }
    }
    slopeSum += maxSlope;
  }
  let value = new Float64Array(G + 1);
  let next = new Float64Array(G + 1);
  const choice = new Int32Array(nC * (G + 1));
  for (let c = 0; c < nC; c++) {
    const vals = tables[c] as Float64Array;
    const kmax = vals.length - 1;
    const row = c * (G + 1);
    for (let b = 0; b <= G; b++) {
      let best = -Infinity, arg = 0;
      const top = Math.min(kmax, b);
      for (let k = 0; k <= top; k++) {
        const v = (value[b - k] as number) + (vals[k] as number);
        if (v > best) {
          best = v;
          arg = k;
        }
      }
      next[b] = best;
      choice[row + b] = arg;
    }
    [value, next] = [next, value];
  }
  const spend = new Float64Array(nC);
  let b = G;
  for (let c = nC - 1; c >= 0; c--) {
    const k = choice[c * (G + 1) + b] as number;
    spend[c] = (channels[c] as DpChannel).lower + k * step;
    b -= k;
  }
  const total = value[G] as number;
  return { spend, value: total, step, upperBound: total + slopeSum * step };
}
