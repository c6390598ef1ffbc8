/**
 * A small simulator with known truth for the Bayesian model's recovery tests and benchmark:
 * weekly rows, flighted spend, geometric adstock then Hill saturation on mean-scaled spend,
 * a trend, yearly seasonality, one control and Gaussian noise.
 */
import { Rng } from "mixlab/rng.ts";
import type { MmmData } from "mixlab/types.ts";
import { geometricAdstock } from "mixlab/transforms/adstock/geometric.ts";
import { hillSaturation } from "mixlab/transforms/saturation/hill.ts";

/** The true parameters of one simulated channel. */
export interface TrueChannel {
  readonly name: string;
  /** Mean weekly spend. */
  readonly spend: number;
  readonly decay: number;
  readonly halfSaturation: number;
  readonly shape: number;
  /** Contribution per week at full saturation (KPI units). */
  readonly beta: number;
}

/** Default truth: five channels with different carry-over and saturation. */
export const TRUE_CHANNELS: readonly TrueChannel[] = [
  { name: "tv", spend: 300, decay: 0.6, halfSaturation: 1.2, shape: 1.5, beta: 900 },
  { name: "search", spend: 150, decay: 0.1, halfSaturation: 0.8, shape: 1.0, beta: 500 },
  { name: "social", spend: 120, decay: 0.3, halfSaturation: 1.0, shape: 1.2, beta: 350 },
  { name: "radio", spend: 80, decay: 0.4, halfSaturation: 1.5, shape: 2.0, beta: 250 },
  { name: "display", spend: 60, decay: 0.2, halfSaturation: 0.7, shape: 1.0, beta: 150 },
];

/** Simulated data, true media contributions and true ROAS per channel. */
export interface Simulated {
  readonly data: MmmData;
  readonly contributions: Record<string, Float64Array>;
  readonly roas: Record<string, number>;
  readonly noiseSd: number;
}

/** Simulates `weeks` rows from 2021-01-04 with seed `seed`. */
export function simulate(
  weeks: number,
  seed: number,
  channels: readonly TrueChannel[] = TRUE_CHANNELS,
): Simulated {
  const rng = new Rng(seed);
  const dates = Array.from(
    { length: weeks },
    (_, i) => new Date(Date.UTC(2021, 0, 4 + 7 * i)).toISOString().slice(0, 10),
  );
  const noiseSd = 120;
  const price = Float64Array.from({ length: weeks }, () => 10 + rng.normal(0, 1));
  const kpi = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    kpi[t] = 5000 + 4 * t + 400 * Math.sin((2 * Math.PI * t) / 52.18) -
      150 * ((price[t] as number) - 10) + rng.normal(0, noiseSd);
  }
  const contributions: Record<string, Float64Array> = {};
  const roas: Record<string, number> = {};
  const data: MmmData = {
    dates,
    kpi: { name: "sales", values: kpi },
    kpiKind: "revenue",
    channels: channels.map((c) => {
      // Flights: on for a random stretch, off for another; spend varies while on.
      const spend = new Float64Array(weeks);
      let on = true, left = 1 + rng.int(8);
      for (let t = 0; t < weeks; t++) {
        if (--left <= 0) (on = !on, left = 2 + rng.int(8));
        spend[t] = on ? c.spend * (0.4 + 1.6 * rng.uniform()) : 0;
      }
      let mean = 0;
      for (const v of spend) mean += v / weeks;
      const x = spend.map((v) => v / mean);
      const contrib = hillSaturation(
        geometricAdstock(x, { decay: c.decay }),
        { halfSaturation: c.halfSaturation, shape: c.shape },
      ).map((v) => c.beta * v);
      let total = 0, cost = 0;
      for (let t = 0; t < weeks; t++) {
        kpi[t] = (kpi[t] as number) + (contrib[t] as number);
        total += contrib[t] as number;
        cost += spend[t] as number;
      }
      contributions[c.name] = contrib;
      roas[c.name] = total / cost;
      return { name: c.name, spend };
    }),
    controls: [{ name: "price", values: price }],
  };
  return { data, contributions, roas, noiseSd };
}
