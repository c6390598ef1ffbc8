/**
 * Ridge fit benchmarks: one fit with transforms (geometric adstock + Hill per channel, linear
 * trend, 2 Fourier pairs, one control) on a 156-week frame with 5 and 10 channels, and the
 * ridge kernel alone on the resulting Gram matrix.
 */
import {
  crossValidate,
  defineModelSpec,
  fitRidge,
  type MmmData,
  Rng,
  simulatePreset,
} from "mixlab";
import { createRidgeWorkspace, designBasis, designMatrix, solveRidge } from "mixlab/models";

function frame(channels: number, weeks = 156): MmmData {
  const rng = new Rng(2024), t0 = Date.UTC(2021, 0, 4);
  const dates = Array.from(
    { length: weeks },
    (_, i) => new Date(t0 + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
  const series = (lo: number, hi: number) =>
    Float64Array.from({ length: weeks }, () => rng.uniformIn(lo, hi));
  return {
    dates,
    kpiKind: "revenue",
    kpi: { name: "sales", values: series(800, 1200) },
    channels: Array.from(
      { length: channels },
      (_, j) => ({ name: `ch${j}`, spend: series(0, 100) }),
    ),
    controls: [{ name: "price", values: series(9, 11) }],
  };
}

for (const channels of [5, 10]) {
  const data = frame(channels);
  const spec = defineModelSpec({
    channels: data.channels.map((c, j) => ({
      name: c.name,
      adstock: { kind: "geometric", params: { decay: 0.1 + 0.07 * j } },
      saturation: { kind: "hill", params: { halfSaturation: 1 + 0.1 * j, shape: 1.5 } },
    })),
    controls: ["price"],
  });
  const group = `ridge fit, 156 weeks × ${channels} channels`;
  Deno.bench({
    name: `fitRidge (transforms + design + solve), ${channels} channels`,
    group,
    baseline: true,
    fn: () => {
      fitRidge(data, spec, { lambda: 1 });
    },
  });
  const basis = designBasis(data, spec);
  Deno.bench({
    name: `designMatrix only, ${channels} channels`,
    group,
    fn: () => {
      designMatrix(data, basis);
    },
  });
  const d = designMatrix(data, basis), p = d.values.length;
  const g = new Float64Array(p * p), c = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = 0;
      for (let i = 0; i < 156; i++) s += d.values[a]![i]! * d.values[b]![i]!;
      g[a * p + b] = s;
    }
    let s = 0;
    for (let i = 0; i < 156; i++) s += d.values[a]![i]! * d.y![i]!;
    c[a] = s;
  }
  const ws = createRidgeWorkspace(p), out = new Float64Array(p);
  const mask = new Uint8Array(p).fill(1, 0, channels);
  Deno.bench({
    name: `solveRidge kernel only (p = ${p}, non-negative media), ${channels} channels`,
    group,
    fn: () => {
      solveRidge(g, c, p, 1, { workspace: ws, out, nonNegative: mask });
    },
  });
}

// Issue 4's "one ridge fit with transforms and 5-fold time-series CV" on the bundled demo data,
// through the general path (fitRidge per fold + forecast of each test fold, any estimator
// works here). The tuner's fast path for the same work is "one candidate" in tuning_bench.ts.
const demo = simulatePreset("demo");
Deno.bench({
  name: "crossValidate(fitRidge), 5 folds + transforms, demo (156 weeks × 5 channels)",
  group: "ridge + 5-fold time-series CV",
  baseline: true,
  fn: () => {
    crossValidate(demo.data, (train) => fitRidge(train, demo.truth.spec, { lambda: 0.1 }), {
      folds: 5,
    });
  },
});
