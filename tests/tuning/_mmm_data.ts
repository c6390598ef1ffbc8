// Synthetic weekly MMM data with known structure, for the tuning tests.
import { type MmmData, Rng } from "mixlab";
import { geometricAdstock, hillSaturation } from "mixlab/transforms";

/** Truth of one simulated channel: decay, Hill k (in units of mean spend) and shape, effect. */
export interface ChannelTruth {
  readonly name: string;
  readonly decay: number;
  readonly halfSaturation: number;
  readonly shape: number;
  readonly beta: number;
  readonly meanSpend: number;
}

export const TRUTH: readonly ChannelTruth[] = [
  { name: "tv", decay: 0.6, halfSaturation: 1.2, shape: 1.5, beta: 900, meanSpend: 500 },
  { name: "search", decay: 0.1, halfSaturation: 0.8, shape: 1, beta: 600, meanSpend: 300 },
  { name: "social", decay: 0.3, halfSaturation: 1, shape: 2, beta: 400, meanSpend: 200 },
];

/** Weekly data: n rows, a price control, yearly seasonality, trend, noise sd `noise`. */
export function simulate(n = 156, seed = 7, noise = 20): { data: MmmData; roas: number[] } {
  const rng = new Rng(seed);
  const start = Date.UTC(2021, 0, 4);
  const dates = Array.from(
    { length: n },
    (_, i) => new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
  const price = Float64Array.from({ length: n }, () => 10 + rng.normal(0, 1));
  const kpi = new Float64Array(n);
  const contrib: Float64Array[] = [];
  const channels = TRUTH.map((c) => {
    const spend = Float64Array.from(
      { length: n },
      () => rng.uniform() < 0.25 ? 0 : c.meanSpend * rng.gamma(2) / 2 / 0.75,
    );
    let m = 0;
    for (const v of spend) m += v / n;
    const x = geometricAdstock(spend.map((v) => v / m), { decay: c.decay });
    const s = hillSaturation(x, { halfSaturation: c.halfSaturation, shape: c.shape });
    contrib.push(s.map((v) => c.beta * v));
    return { name: c.name, spend };
  });
  for (let t = 0; t < n; t++) {
    const season = 80 * Math.sin(2 * Math.PI * t / 52.18);
    let y = 2000 + 3 * t + season - 30 * ((price[t] as number) - 10) + rng.normal(0, noise);
    for (const c of contrib) y += c[t] as number;
    kpi[t] = y;
  }
  const roas = TRUTH.map((_, j) => {
    const sc = contrib[j]!.reduce((a, v) => a + v, 0);
    const sp = channels[j]!.spend.reduce((a, v) => a + v, 0);
    return sc / sp;
  });
  return {
    data: {
      dates,
      kpi: { name: "sales", values: kpi },
      kpiKind: "revenue",
      channels,
      controls: [{ name: "price", values: price }],
    },
    roas,
  };
}
