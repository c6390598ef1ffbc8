/**
 * Weekly media spend as advertisers run it, with a controllable correlation between channels:
 * - `"always-on"`: every week has spend. Log spend is the channel's level, a slow drift over the
 *   series, a yearly cycle, and AR(1) noise (lag-1 autocorrelation 0.6, standard deviation
 *   0.5 in log units);
 * - `"flighted"`: bursts of a few weeks with gaps of no spend. A smooth latent AR(1) series
 *   (autocorrelation 0.85) is on when above a channel threshold, so flights last several weeks;
 *   spend in a flight varies by ±25% around the flight level.
 *
 * Correlation ρ enters through a factor shared by all channels: each channel's noise (or
 * latent) series is `√ρ·shared + √(1−ρ)·own`, and the yearly cycles' phases are pulled together
 * as ρ grows. The realised correlation is measured and recorded with the truth.
 *
 * @module
 */
import type { Prng } from "./prng.ts";

/** How a channel spends over the year. */
export type SpendPattern = "always-on" | "flighted";

/** Options of {@link generateSpends}. */
export interface SpendOptions {
  /** Number of weeks. */
  readonly weeks: number;
  /** Mean weekly spend of each channel. */
  readonly levels: readonly number[];
  /** Pattern of each channel. */
  readonly patterns: readonly SpendPattern[];
  /** Correlation ρ ∈ [0, 1) between the channels' stochastic parts. */
  readonly correlation: number;
}

/** A stationary AR(1) series with unit variance: `z_t = φ z_{t−1} + √(1−φ²) ε_t`. */
export function ar1(rng: Prng, n: number, phi: number): Float64Array {
  const z = new Float64Array(n), s = Math.sqrt(1 - phi * phi);
  let prev = rng.normal();
  for (let t = 0; t < n; t++) {
    prev = t === 0 ? prev : phi * prev + s * rng.normal();
    z[t] = prev;
  }
  return z;
}

/** `√ρ·shared + √(1−ρ)·own`. */
function mix(shared: Float64Array, own: Float64Array, rho: number): Float64Array {
  const a = Math.sqrt(rho), b = Math.sqrt(1 - rho);
  return shared.map((v, t) => a * v + b * (own[t] as number));
}

const WEEKS_PER_YEAR = 365.25 / 7;

/**
 * Spend series of every channel (same order as `levels`), all non-negative, each with mean
 * close to its level.
 */
export function generateSpends(rng: Prng, options: SpendOptions): Float64Array[] {
  const n = options.weeks, rho = options.correlation;
  const sharedNoise = ar1(rng, n, 0.6), sharedLatent = ar1(rng, n, 0.85);
  const sharedPhase = rng.between(0, 2 * Math.PI);
  return options.levels.map((level, c) => {
    const pattern = options.patterns[c] as SpendPattern;
    if (pattern === "always-on") {
      const noise = mix(sharedNoise, ar1(rng, n, 0.6), rho);
      const drift = rng.between(-0.3, 0.3), amplitude = rng.between(0.05, 0.2);
      const phase = sharedPhase + (1 - rho) * rng.between(-Math.PI, Math.PI);
      const raw = new Float64Array(n);
      for (let t = 0; t < n; t++) {
        raw[t] = Math.exp(
          drift * (t / (n - 1) - 0.5) +
            amplitude * Math.sin(2 * Math.PI * t / WEEKS_PER_YEAR + phase) +
            0.5 * (noise[t] as number),
        );
      }
      return rescale(raw, level);
    }
    const latent = mix(sharedLatent, ar1(rng, n, 0.85), rho);
    const wobble = mix(sharedNoise, ar1(rng, n, 0.6), rho);
    const threshold = rng.between(-0.3, 0.4);
    const raw = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      raw[t] = (latent[t] as number) > threshold ? Math.exp(0.25 * (wobble[t] as number)) : 0;
    }
    if (raw.every((v) => v === 0)) raw[0] = 1;
    return rescale(raw, level);
  });
}

/** Scales a series to mean `level` and rounds it to cents, as spend is reported. */
function rescale(raw: Float64Array, level: number): Float64Array {
  let s = 0;
  for (const v of raw) s += v;
  const k = level * raw.length / s;
  return raw.map((v) => Math.round(v * k * 100) / 100);
}

/** Mean and largest Pearson correlation between pairs of series over rows `[0, end)`. */
export function pairwiseCorrelation(
  series: readonly Float64Array[],
  end: number,
): { mean: number; max: number } {
  const z = series.map((x) => {
    let m = 0;
    for (let t = 0; t < end; t++) m += x[t] as number;
    m /= end;
    let ss = 0;
    const d = new Float64Array(end);
    for (let t = 0; t < end; t++) {
      d[t] = (x[t] as number) - m;
      ss += (d[t] as number) ** 2;
    }
    const s = Math.sqrt(ss);
    return d.map((v) => v / s);
  });
  let total = 0, count = 0, max = -Infinity;
  for (let i = 0; i < z.length; i++) {
    for (let j = i + 1; j < z.length; j++) {
      let r = 0;
      for (let t = 0; t < end; t++) r += (z[i]![t] as number) * (z[j]![t] as number);
      total += r;
      count++;
      max = Math.max(max, r);
    }
  }
  return count === 0 ? { mean: 0, max: 0 } : { mean: total / count, max };
}
