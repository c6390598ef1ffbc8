/**
 * Benchmarks of the Bayesian MMM.
 *
 * - One posterior gradient on 156 weeks × 5 channels, fused kernels (geometric + Hill) against
 *   the descriptors' generic path.
 * - The NUTS sampler's own cost per draw (diagonal vs dense metric) on a cheap target.
 * - **The standard set** (issue 13): 4 chains × (1000 warmup + 1000 draws) at default settings on
 *   the first 130 of 156 weeks of an independent four-channel set (numpy,
 *   `tests/fixtures/reference/bayes_lift.py`: geometric adstock + Hill, price and promo, two
 *   Fourier pairs, a trend, 5% noise, media 29% of revenue), chains on two Web Workers. After the
 *   last run it prints wall time (median), min bulk ESS, ESS/s, divergences, leapfrog steps per
 *   draw and max R-hat beside Stan's figures on the issue's set (rstan 2.21, same chains: 243 s
 *   sampling after 65 s compiling, min bulk ESS 1,932, 7.9 ESS/s, 2 divergences, R-hat 1.005).
 *
 * @module
 */
import { dirname, join } from "node:path";
import { type BayesFit, defineModelSpec, loadCsv, simulatePreset } from "../lib/mod.ts";
import { sliceRows } from "../lib/mmm_data.ts";
import { fitBayesParallel, MmmPosterior, sampleNuts } from "../lib/models/bayes/mod.ts";

const sim = simulatePreset("demo");
const n = sim.data.dates.length;

// Posterior on the demo data with geometric adstock and Hill saturation (the fused kernels) and
// a second one with every transform through the descriptors (the generic path).
function posterior(kinds: "fused" | "descriptors"): MmmPosterior {
  let yMean = 0;
  for (const v of sim.data.kpi.values) yMean += v / n;
  return new MmmPosterior({
    y: sim.data.kpi.values.map((v) => v / yMean),
    channels: sim.data.channels.map((c) => {
      let m = 0;
      for (const v of c.spend) m += v / n;
      return {
        name: c.name,
        x: c.spend.map((v) => v / m),
        adstock: kinds === "fused"
          ? { kind: "geometric", params: { decay: 0.3 } }
          : { kind: "geometric-normalized", params: { decay: 0.3, maxLag: 13 } },
        saturation: kinds === "fused"
          ? { kind: "hill", params: { halfSaturation: 1, shape: 1 } }
          : { kind: "michaelis-menten", params: { halfSaturation: 1 } },
        roasFactor: yMean / m,
      };
    }),
    baseline: [{ name: "trend", values: Float64Array.from({ length: n }, (_, t) => t / n - 0.5) }],
  });
}
for (const kinds of ["fused", "descriptors"] as const) {
  const post = posterior(kinds);
  const theta = post.centralPoint(), grad = new Float64Array(post.dim);
  Deno.bench({
    name: `gradient, 156 weeks × 5 channels, ${
      kinds === "fused"
        ? "geometric + hill (fused)"
        : "geometric-normalized + michaelis-menten (descriptors)"
    }`,
    group: "mmm-gradient",
    baseline: kinds === "fused",
    fn() {
      post.logDensityAndGradient(theta, grad);
    },
  });
}

const normal = {
  dim: 28,
  logDensityAndGradient(x: Float64Array, g: Float64Array) {
    let lp = 0;
    for (let i = 0; i < 28; i++) {
      const v = x[i] as number;
      lp -= 0.5 * v * v;
      g[i] = -v;
    }
    return lp;
  },
};
for (const metric of ["diag", "dense"] as const) {
  Deno.bench({
    name: `NUTS overhead, 28-d standard normal, 1 chain × 500 + 500, ${metric} metric`,
    group: "nuts-metric",
    baseline: metric === "diag",
    fn() {
      sampleNuts(normal, { chains: 1, warmup: 500, draws: 500, seed: 1, metric });
    },
  });
}

// The standard set: the shape, made by numpy.
const channels = ["tv", "search", "social", "display"];
const csv = join(
  dirname(new URL(import.meta.url).pathname),
  "..",
  "tests",
  "fixtures",
  "reference",
  "bayes_lift",
  "data.csv",
);
const all = await loadCsv(csv, {
  columns: {
    date: "date",
    kpi: "revenue",
    channels: channels.map((name) => ({ name, spend: `${name}_spend` })),
    controls: ["price", "promo"],
  },
});
const standard = sliceRows(all, 0, 130);
const spec = defineModelSpec({
  channels,
  controls: ["price", "promo"],
  baseline: { yearlyFourier: 2, trend: "linear" },
});

const RUNS = 3;
const runs: { seconds: number; fit: BayesFit }[] = [];
Deno.bench({
  name:
    "standard set: fitBayesParallel, 130 weeks × 4 channels, 4 chains × (1000 + 1000), 2 workers",
  group: "bayes-fit",
  n: RUNS,
  warmup: 0,
  async fn() {
    const t0 = performance.now();
    const fit = await fitBayesParallel(standard, spec, {
      chains: 4,
      warmup: 1000,
      draws: 1000,
      seed: 1,
    });
    runs.push({ seconds: (performance.now() - t0) / 1000, fit });
    if (runs.length === RUNS) report();
  },
});

function report(): void {
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
  const s = runs[0]!.fit.sampler;
  const rows = [
    ["sampler", "wall time", "min bulk ESS", "ESS/s", "divergences", "leapfrog/draw", "max R-hat"],
    [
      "mixlab NUTS (2 workers)",
      `${seconds.toFixed(1)} s`,
      s.essBulkMin.toFixed(0),
      (s.essBulkMin / seconds).toFixed(1),
      String(s.divergences),
      s.meanLeapfrogSteps.toFixed(1),
      s.rhatMax.toFixed(3),
    ],
    ["Stan, rstan 2.21 (issue 13)", "243 s (+65 s compile)", "1932", "7.9", "2", "—", "1.005"],
  ];
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  console.error("\nBayesian MMM on the standard set (median wall time of " + RUNS + " runs):");
  for (const r of rows) console.error("  " + r.map((c, j) => c.padEnd(widths[j]!)).join("  "));
}
