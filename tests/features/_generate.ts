/**
 * Simulated weekly data for the feature tests, written here and independent of lib/sim: a
 * seeded uniform generator (mulberry32), normal noise by Box–Muller, weekly dates from a Monday.
 * The tests build the KPI from these columns with the coefficients they then expect back.
 */
import type { MmmData } from "mixlab";

/** A seeded uniform generator on [0, 1) (mulberry32). */
export function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded standard normal generator (Box–Muller on {@link uniform}). */
export function normal(seed: number): () => number {
  const u = uniform(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** `n` Mondays from 2021-01-04. */
export function mondays(n: number, start = "2021-01-04"): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from(
    { length: n },
    (_, i) => new Date(t0 + 7 * i * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Spend that is 0 in about a quarter of the weeks, else uniform on [50, 150]. */
export function flightedSpend(n: number, seed: number, dark = 0.25): Float64Array {
  const u = uniform(seed);
  return Float64Array.from({ length: n }, () => (u() < dark ? 0 : 50 + 100 * u()));
}

/** A 0/1 series, 1 with probability `p`. */
export function flags(n: number, seed: number, p: number): Float64Array {
  const u = uniform(seed);
  return Float64Array.from({ length: n }, () => (u() < p ? 1 : 0));
}

/** Data with the given KPI, channels, controls and text columns. */
export function weekly(
  dates: readonly string[],
  kpi: Float64Array,
  channels: Record<string, Float64Array>,
  controls: Record<string, Float64Array> = {},
  categories: Record<string, readonly string[]> = {},
): MmmData {
  const data: MmmData = {
    dates,
    kpiKind: "revenue",
    kpi: { name: "sales", values: kpi },
    channels: Object.entries(channels).map(([name, spend]) => ({ name, spend })),
    controls: Object.entries(controls).map(([name, values]) => ({ name, values })),
  };
  const text = Object.entries(categories);
  return text.length === 0
    ? data
    : { ...data, categories: text.map(([name, values]) => ({ name, values })) };
}

/** A channel entering as its spend (no carryover, identity saturation, scale 1). */
export function linearChannel(name: string) {
  return {
    name,
    scale: 1,
    adstock: { kind: "geometric", params: { decay: 0 } },
    saturation: { kind: "identity", params: {} },
  };
}
