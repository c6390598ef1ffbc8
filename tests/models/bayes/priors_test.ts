import {
  constrain,
  essBulk,
  logPriorUnconstrained,
  type Prior,
  priorMean,
  resolvePrior,
  sampleNuts,
  unconstrain,
} from "mixlab/models/bayes/mod.ts";
import { ConfigError } from "mixlab/errors.ts";
import assert from "node:assert/strict";

const PRIORS: Prior[] = [
  { dist: "normal", mu: 1, sigma: 2 },
  { dist: "halfnormal", sigma: 1.5 },
  { dist: "lognormal", mu: 0.2, sigma: 0.5 },
  { dist: "beta", a: 2, b: 3, lower: 0, upper: 1 },
  { dist: "beta", a: 3, b: 3, lower: 0.1, upper: 0.9 },
];

Deno.test("constrain() inverts unconstrain()", () => {
  for (const p of PRIORS) {
    for (const v of [0.2, 0.5, 0.7]) {
      assert.ok(Math.abs(constrain(p, unconstrain(p, v)) - v) < 1e-12, p.dist);
    }
  }
});

Deno.test("logPriorUnconstrained() differences equal the density ratio times the Jacobian", () => {
  // Beta(2, 3) on (0, 1): log p(z) = log z + 2 log(1 − z) + const, Jacobian z(1 − z).
  const beta = PRIORS[3]!, out = new Float64Array(1);
  const f = (z: number) => Math.log(z) + 2 * Math.log(1 - z) + Math.log(z * (1 - z));
  const d = logPriorUnconstrained(beta, unconstrain(beta, 0.3), out) -
    logPriorUnconstrained(beta, unconstrain(beta, 0.6), out);
  assert.ok(Math.abs(d - (f(0.3) - f(0.6))) < 1e-12);
  // HalfNormal(1.5): log p(v) = −v²/4.5, Jacobian v.
  const hn = PRIORS[1]!;
  const g = (v: number) => -(v * v) / 4.5 + Math.log(v);
  const d2 = logPriorUnconstrained(hn, Math.log(0.4), out) -
    logPriorUnconstrained(hn, Math.log(2), out);
  assert.ok(Math.abs(d2 - (g(0.4) - g(2))) < 1e-12);
});

Deno.test("NUTS on each prior's unconstrained density recovers the prior's mean", () => {
  for (const p of PRIORS) {
    const out = new Float64Array(1);
    const target = {
      dim: 1,
      logDensityAndGradient(x: Float64Array, g: Float64Array) {
        const lp = logPriorUnconstrained(p, x[0] as number, out);
        g[0] = out[0] as number;
        return lp;
      },
    };
    const r = sampleNuts(target, { chains: 4, warmup: 300, draws: 1000, seed: 8 });
    const chains = r.chains.map((c) => c.draws.map((u) => constrain(p, u)));
    let s = 0, s2 = 0, n = 0;
    for (const c of chains) for (const v of c) (s += v, s2 += v * v, n++);
    const mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
    // Closed-form means: 1; 1.5·√(2/π); e^{0.2 + 0.125}; 2/5; 0.1 + 0.8·(1/2).
    const expected = [
      1,
      1.5 * Math.sqrt(2 / Math.PI),
      Math.exp(0.325),
      0.4,
      0.5,
    ][PRIORS.indexOf(p)]!;
    assert.ok(Math.abs(priorMean(p) - expected) < 1e-12);
    const mcse = sd / Math.sqrt(essBulk(chains));
    assert.ok(Math.abs(mean - expected) < 4 * mcse, `${p.dist}: ${mean} vs ${expected}`);
  }
});

Deno.test("resolvePrior() rejects a negative sigma with a ConfigError naming the key", () => {
  assert.throws(
    () => resolvePrior({ dist: "halfnormal", sigma: -1 }, "priors.tv"),
    (e: unknown) => e instanceof ConfigError && e.key === "priors.tv",
  );
});
