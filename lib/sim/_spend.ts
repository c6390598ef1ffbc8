/**
 * Weekly spend paths for the simulator: log-normal AR(1) variation around a mean, an optional
 * shared factor that correlates channels, yearly seasonality, and on/off flighting.
 *
 * @module
 */
import type { Rng } from "../rng.ts";

/** How one channel's spend moves. */
export interface SpendPattern {
  /** Average weekly spend in weeks the channel is on. */
  readonly mean: number;
  /** Standard deviation of log spend. */
  readonly volatility: number;
  /** Amplitude of a yearly cycle in spend, as a share of the mean. */
  readonly seasonality: number;
  /** Week of the year (0–51) where the cycle peaks. */
  readonly peakWeek: number;
  /**
   * Week-to-week persistence (AR(1) coefficient) of the channel's own spend variation: 0.7
   * drifts slowly, 0 is independent week to week. @default 0.7
   */
  readonly persistence?: number;
  /** On/off bursts: on for `on[0]`–`on[1]` weeks, then off for `off[0]`–`off[1]` weeks. */
  readonly flighting?: {
    readonly on: readonly [number, number];
    readonly off: readonly [number, number];
  };
}

/** A standard normal AR(1) series with autocorrelation `phi` and unit marginal variance. */
export function ar1(rng: Rng, n: number, phi: number): Float64Array {
  const out = new Float64Array(n);
  let z = rng.normal();
  const innovation = Math.sqrt(1 - phi * phi);
  for (let t = 0; t < n; t++) {
    if (t > 0) z = phi * z + innovation * rng.normal();
    out[t] = z;
  }
  return out;
}

/**
 * One channel's weekly spend, rounded to cents: `mean·exp(σz_t − σ²/2)·(1 + a·cos(2π(w_t −
 * peak)/52))`, where `z = ρ·shared + √(1−ρ²)·own` mixes the shared factor with the channel's own
 * AR(1) series, and flighting zeroes the off weeks.
 */
export function spendPath(
  rng: Rng,
  pattern: SpendPattern,
  shared: Float64Array,
  correlation: number,
  weekOfYear: readonly number[],
): Float64Array {
  const n = shared.length;
  const own = ar1(rng, n, pattern.persistence ?? 0.7);
  const rho = correlation, rest = Math.sqrt(1 - rho * rho), s = pattern.volatility;
  const out = new Float64Array(n);
  const on = flightingMask(rng, n, pattern.flighting);
  for (let t = 0; t < n; t++) {
    if (on[t] === 0) continue;
    const z = rho * (shared[t] as number) + rest * (own[t] as number);
    const cycle = 1 +
      pattern.seasonality *
        Math.cos(2 * Math.PI * ((weekOfYear[t] as number) - pattern.peakWeek) / 52);
    out[t] = Math.round(100 * pattern.mean * Math.exp(s * z - s * s / 2) * cycle) / 100;
  }
  return out;
}

function flightingMask(
  rng: Rng,
  n: number,
  flighting: SpendPattern["flighting"],
): Uint8Array {
  const mask = new Uint8Array(n).fill(1);
  if (flighting === undefined) return mask;
  let t = 0, on = true;
  while (t < n) {
    const [lo, hi] = on ? flighting.on : flighting.off;
    const length = lo + rng.int(hi - lo + 1);
    if (!on) mask.fill(0, t, Math.min(n, t + length));
    t += length;
    on = !on;
  }
  return mask;
}
