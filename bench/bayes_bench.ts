/**
 * Benchmarks of the Bayesian MMM: one posterior gradient on 156 weeks × 5 channels, the NUTS
 * sampler's own cost per draw (diagonal vs dense metric on a cheap target), and one full fit
 * (4 chains × 1000 warmup + 1000 draws, 156 weeks × 5 channels with geometric adstock and Hill
 * saturation) run sequentially and in two workers. The bundled "demo" set (Weibull, delayed and
 * logistic transforms, 5% noise) needs about 10× more leapfrog steps per draw: 269 s sequential
 * and 147 s in two workers when measured on a shared 2-core machine.
 */
import { simulateMmm, simulatePreset } from "../lib/sim/mod.ts";
import { fitBayes, fitBayesParallel, MmmPosterior, sampleNuts } from "../lib/models/bayes/mod.ts";

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
      };
    }),
    baseline: [{ name: "trend", values: Float64Array.from({ length: n }, (_, t) => t / n - 0.5) }],
  });
}
for (const kinds of ["fused", "descriptors"] as const) {
  const post = posterior(kinds);
  const theta = new Float64Array(post.dim).fill(0.1), grad = new Float64Array(post.dim);
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

// The demo set's channels with geometric adstock and Hill saturation throughout.
const geometricHill = simulateMmm({
  seed: 7,
  weeks: 156,
  channels: [
    ["tv", 12000, 0.6, 2.5, 1.5, 1.6],
    ["radio", 4000, 0.3, 1.8, 1, 1.1],
    ["social", 8000, 0.4, 1.2, 1.2, 2.2],
    ["search", 6000, 0.1, 1.5, 1, 3],
    ["display", 4500, 0.2, 1, 1, 0.9],
  ].map(([name, mean, decay, halfSaturation, shape, roas]) => ({
    name: name as string,
    spend: { mean: mean as number, volatility: 0.4 },
    adstock: { kind: "geometric", params: { decay: decay as number } },
    saturation: {
      kind: "hill",
      params: { halfSaturation: halfSaturation as number, shape: shape as number },
    },
    roas: roas as number,
  })),
  noise: 0.05,
});
const fitOptions = { chains: 4, warmup: 1000, draws: 1000, seed: 1 };
Deno.bench({
  name: "fitBayes, 156 weeks × 5 channels (geometric + hill), 4 chains × 1000 + 1000, sequential",
  group: "bayes-fit",
  baseline: true,
  n: 1,
  warmup: 0,
  fn() {
    fitBayes(geometricHill.data, geometricHill.truth.spec, fitOptions);
  },
});
Deno.bench({
  name: "fitBayesParallel, same fit, 2 workers",
  group: "bayes-fit",
  n: 1,
  warmup: 0,
  async fn() {
    await fitBayesParallel(geometricHill.data, geometricHill.truth.spec, {
      ...fitOptions,
      workers: 2,
    });
  },
});
