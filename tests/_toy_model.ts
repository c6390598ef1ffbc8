/**
 * A hand-written FittedModel for testing analysis code without any estimator: an intercept plus,
 * per channel, beta · hill(geometricAdstock(spend) / scale). The math is written out here on
 * purpose (not imported from lib/transforms) so tests check lib/analysis against an independent
 * implementation and closed forms:
 * - geometric adstock (Robyn): a_t = x_t + theta · a_{t-1}; for constant x its limit is x / (1 − theta)
 * - hill: h(z) = z^shape / (z^shape + k^shape)
 *
 * Optional `draws` scale every beta by a factor per draw, so intervals have a known form.
 */
import type { Decomposition, FittedModel, MmmData } from "mixlab";
import type { PredictOptions, Term } from "mixlab/core";

export interface ToyChannel {
  name: string;
  theta: number;
  k: number;
  shape: number;
  beta: number;
  scale: number;
}

export function toyMedia(
  spend: Float64Array,
  ch: ToyChannel,
  history?: Float64Array,
): Float64Array {
  const h = history ?? new Float64Array(0);
  let a = 0;
  for (let i = 0; i < h.length; i++) a = (h[i] as number) + ch.theta * a;
  const out = new Float64Array(spend.length);
  for (let i = 0; i < spend.length; i++) {
    a = (spend[i] as number) + ch.theta * a;
    const z = a / ch.scale;
    out[i] = z === 0 ? 0 : z ** ch.shape / (z ** ch.shape + ch.k ** ch.shape);
  }
  return out;
}

export function toyModel(
  data: MmmData,
  channels: ToyChannel[],
  intercept: number,
  drawFactors: number[] = [],
): FittedModel {
  const decompose = (d: MmmData, options: PredictOptions = {}): Decomposition => {
    const factor = options.draw === undefined ? 1 : drawFactors[options.draw] as number;
    const terms: Term[] = [{
      name: "intercept",
      group: "intercept",
      values: new Float64Array(d.dates.length).fill(intercept),
    }];
    for (const ch of channels) {
      const spend = d.channels.find((c) => c.name === ch.name)!.spend;
      const hist = options.history?.channels.find((c) => c.name === ch.name)?.spend;
      const m = toyMedia(spend, ch, hist).map((v) => v * ch.beta * factor);
      terms.push({ name: ch.name, group: "media", values: m });
    }
    const fitted = new Float64Array(d.dates.length);
    for (const t of terms) for (let i = 0; i < fitted.length; i++) fitted[i]! += t.values[i]!;
    return { dates: d.dates, terms, fitted };
  };
  return {
    kind: "toy",
    spec: {
      channels: channels.map((c) => ({
        name: c.name,
        adstock: { kind: "geometric", params: { decay: c.theta } },
        saturation: { kind: "hill", params: { halfSaturation: c.k, shape: c.shape } },
        scale: c.scale,
      })),
      controls: [],
      baseline: { yearlyFourier: 0, trend: "none", events: {} },
      specification: "linear",
    },
    data,
    fitted: decompose(data).fitted,
    nDraws: drawFactors.length,
    parameters: [],
    diagnostics: [],
    predict: (d, o) => decompose(d, o).fitted,
    transformParams: () => [],
    decompose,
    toJSON: () => ({}),
  };
}

/** Weekly ISO dates from a start date. */
export function weeklyDates(start: string, n: number): string[] {
  const t0 = Date.parse(start + "T00:00:00Z");
  return Array.from(
    { length: n },
    (_, i) => new Date(t0 + i * 7 * 86400000).toISOString().slice(0, 10),
  );
}

/** A dataset with given spends (KPI = 0, it is not used by these tests). */
export function toyData(spend: Record<string, number[]>, start = "2024-01-01"): MmmData {
  const n = Object.values(spend)[0]!.length;
  return {
    dates: weeklyDates(start, n),
    kpi: { name: "sales", values: new Float64Array(n) },
    kpiKind: "revenue",
    channels: Object.entries(spend).map(([name, v]) => ({ name, spend: Float64Array.from(v) })),
    controls: [],
  };
}
