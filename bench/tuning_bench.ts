/**
 * Tuning benchmarks on the bundled demo data (156 weeks, 5 channels, 3 controls, trend and two
 * Fourier pairs) and on a 10-channel version of it (5 more channels whose spend is the demo's
 * spend rotated by 13–65 weeks):
 *
 * - "tune 10k": `tune()` at its defaults with 10,000 candidates (in-sample NRMSE, differential
 *   evolution on Web Workers, one per core, the spec's families), selection and the final refit.
 * - "one candidate": one evaluation in this thread (media transforms, 5 fold fits, the all-data
 *   fit), i.e. the work per trial.
 * - "sampler": ask + tell of 500 trials in 16 dimensions, without any model: the strategies'
 *   own overhead.
 */
import { defineModelSpec, loadCsv, type MmmData, type ModelSpec, tune } from "mixlab";
import { expandingWindowSplit } from "mixlab/analysis";
import { designBasis } from "mixlab/models";
import {
  createEvaluator,
  differentialEvolutionSampler,
  mmmSearchSpace,
  randomSampler,
  type Sampler,
  tpeSampler,
} from "mixlab/tuning";

const CHANNELS = ["tv", "radio", "social", "search", "display"];
const demo = await loadCsv(new URL("../data/demo.csv", import.meta.url).pathname, {
  columns: {
    date: "date",
    kpi: "revenue",
    channels: CHANNELS.map((name) => ({ name, spend: `${name}_spend` })),
    controls: ["price", "promo", "holiday"],
  },
});

function tenChannels(data: MmmData): MmmData {
  const n = data.dates.length;
  const extra = data.channels.map((c, j) => {
    const shift = 13 * (j + 1);
    return {
      name: `${c.name}_b`,
      spend: Float64Array.from({ length: n }, (_, t) => c.spend[(t + shift) % n]!),
    };
  });
  return { ...data, channels: [...data.channels, ...extra] };
}

function specOf(data: MmmData): ModelSpec {
  return defineModelSpec({
    channels: data.channels.map((c) => c.name),
    controls: ["price", "promo", "holiday"],
  });
}

const sets: [string, MmmData][] = [["5 channels", demo], ["10 channels", tenChannels(demo)]];

for (const [label, data] of sets) {
  const spec = specOf(data);
  Deno.bench({
    name: `tune 10k, ${label}`,
    group: "tune 10k",
    baseline: label === "5 channels",
    n: 3,
    warmup: 1,
    async fn() {
      await tune(data, spec, { trials: 10_000, seed: 1 });
    },
  });
}

for (const [label, data] of sets) {
  const scaled = designBasis(data, specOf(data)).spec;
  const space = mmmSearchSpace(scaled);
  const ev = createEvaluator({
    data,
    spec: scaled,
    paramNames: space.names,
    splits: expandingWindowSplit(data.dates.length, { nSplits: 5, testSize: 15 }),
    metric: "nrmse",
    validation: "cv",
    rssd: true,
    liftTests: [],
    nonNegative: true,
  });
  const params = space.toValues(new Float64Array(space.dimension).fill(0.5));
  const out = new Float64Array(ev.objectives.length + ev.extras.length);
  Deno.bench({
    name: `one candidate, ${label}`,
    group: "one candidate",
    baseline: label === "5 channels",
    fn() {
      ev.evaluate(params, out);
    },
  });
}

const makers: [string, (d: number) => Sampler][] = [
  ["random", (d) => randomSampler(d, { seed: 1 })],
  ["differential-evolution", (d) => differentialEvolutionSampler(d, { seed: 1 })],
  ["tpe", (d) => tpeSampler(d, { seed: 1 })],
];
for (const [name, make] of makers) {
  Deno.bench({
    name: `sampler ${name}, 500 trials × 16 dims`,
    group: "sampler",
    baseline: name === "random",
    n: 3,
    fn() {
      const s = make(16), x = new Float64Array(16), v = new Float64Array(1);
      for (let i = 0; i < 500; i++) {
        s.ask(i, x);
        let y = 0;
        for (let k = 0; k < 16; k++) y += (x[k]! - 0.3) ** 2;
        v[0] = y;
        s.tell(i, x, v);
      }
    },
  });
}
