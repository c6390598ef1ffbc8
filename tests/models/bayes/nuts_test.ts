import { essBulk, type LogDensity, type NutsResult, sampleNuts } from "mixlab/models/bayes/mod.ts";
import assert from "node:assert/strict";

/** Column j of every chain, as one array per chain. */
function param(r: NutsResult, j: number, f: (v: number) => number = (v) => v): Float64Array[] {
  return r.chains.map((c) => {
    const out = new Float64Array(r.draws);
    for (let i = 0; i < r.draws; i++) out[i] = f(c.draws[i * r.dim + j] as number);
    return out;
  });
}

function pooledMean(chains: Float64Array[]): number {
  let s = 0, n = 0;
  for (const c of chains) for (const v of c) (s += v, n++);
  return s / n;
}

/**
 * Asserts |estimate − truth| < 4 Monte Carlo standard errors, MCSE = sd / √ESS(bulk).
 * The sd is the known posterior sd of the quantity averaged.
 */
function assertWithinMcse(chains: Float64Array[], truth: number, sd: number, label: string) {
  const est = pooledMean(chains);
  const mcse = sd / Math.sqrt(essBulk(chains));
  assert.ok(
    Math.abs(est - truth) < 4 * mcse,
    `${label}: estimate ${est}, truth ${truth}, 4·MCSE ${4 * mcse}`,
  );
}

const standardNormal = (dim: number): LogDensity => ({
  dim,
  logDensityAndGradient(x, g) {
    let lp = 0;
    for (let i = 0; i < dim; i++) {
      const v = x[i] as number;
      lp -= 0.5 * v * v;
      g[i] = -v;
    }
    return lp;
  },
});

Deno.test("sampleNuts() recovers the mean and variance of a 5-d standard normal", () => {
  const r = sampleNuts(standardNormal(5), { chains: 4, warmup: 500, draws: 1000, seed: 11 });
  for (let j = 0; j < 5; j++) {
    // E[x] = 0 with sd 1; E[x²] = 1 with sd √2 (chi-square with 1 d.o.f. has variance 2).
    assertWithinMcse(param(r, j), 0, 1, `mean[${j}]`);
    assertWithinMcse(param(r, j, (v) => v * v), 1, Math.SQRT2, `E[x²][${j}]`);
  }
  const divergences = r.chains.reduce((s, c) => s + c.divergent.reduce((a, b) => a + b, 0), 0);
  assert.equal(divergences, 0);
});

// x ~ N(μ, Σ), μ = (1, −2), sd = (1, 3), correlation `rho`.
const MU = [1, -2], S1 = 1, S2 = 3;
function correlatedGaussian(rho: number): LogDensity {
  const det = S1 * S1 * S2 * S2 * (1 - rho * rho);
  // Precision matrix Σ⁻¹ by the 2×2 inverse formula.
  const p11 = (S2 * S2) / det, p22 = (S1 * S1) / det, p12 = (-rho * S1 * S2) / det;
  return {
    dim: 2,
    logDensityAndGradient(x, g) {
      const a = (x[0] as number) - MU[0]!, b = (x[1] as number) - MU[1]!;
      g[0] = -(p11 * a + p12 * b);
      g[1] = -(p12 * a + p22 * b);
      return -0.5 * (p11 * a * a + 2 * p12 * a * b + p22 * b * b);
    },
  };
}

/** Means, variances and covariance of {@link correlatedGaussian}'s draws, within 4 MCSE. */
function assertCorrelatedMoments(r: NutsResult, rho: number): void {
  assertWithinMcse(param(r, 0), 1, S1, "mean x1");
  assertWithinMcse(param(r, 1), -2, S2, "mean x2");
  // Var(x1) = E[(x1 − μ1)²] = 1, whose sd is √2·σ1².
  assertWithinMcse(param(r, 0, (v) => (v - 1) ** 2), 1, Math.SQRT2 * S1 * S1, "var x1");
  assertWithinMcse(param(r, 1, (v) => (v + 2) ** 2), 9, Math.SQRT2 * S2 * S2, "var x2");
  // Cov = ρ σ1 σ2; the product's sd is σ1σ2√(1 + ρ²) for a bivariate normal.
  const prod = r.chains.map((c) => {
    const out = new Float64Array(r.draws);
    for (let i = 0; i < r.draws; i++) {
      out[i] = ((c.draws[2 * i] as number) - 1) * ((c.draws[2 * i + 1] as number) + 2);
    }
    return out;
  });
  assertWithinMcse(prod, rho * S1 * S2, S1 * S2 * Math.sqrt(1 + rho * rho), "cov");
}

Deno.test("sampleNuts() recovers a correlated Gaussian's means and covariance", () => {
  const r = sampleNuts(correlatedGaussian(0.9), { chains: 4, warmup: 500, draws: 1000, seed: 5 });
  assertCorrelatedMoments(r, 0.9);
});

Deno.test("sampleNuts() with the dense metric learns Σ and then takes short trajectories", () => {
  // At ρ = 0.99 the diagonal metric needs long trajectories along the ridge; with M⁻¹ ≈ Σ the
  // posterior is isotropic in the metric's coordinates: a few leapfrog steps per draw, a fraction
  // of what the diagonal metric takes.
  const rho = 0.99;
  const r = sampleNuts(correlatedGaussian(rho), {
    chains: 4,
    warmup: 500,
    draws: 1000,
    seed: 5,
    metric: "dense",
  });
  assertCorrelatedMoments(r, rho);
  const sigma = [S1 * S1, rho * S1 * S2, rho * S1 * S2, S2 * S2];
  const diag = sampleNuts(correlatedGaussian(rho), { chains: 1, warmup: 500, draws: 200, seed: 5 });
  const diagSteps = diag.chains[0]!.leapfrogSteps.reduce((a, b) => a + b, 0) / 200;
  for (const c of r.chains) {
    c.inverseMetric.forEach((v, k) =>
      assert.ok(Math.abs(v / sigma[k]! - 1) < 0.3, `M⁻¹[${k}] = ${v} against Σ ${sigma[k]}`)
    );
    const meanSteps = c.leapfrogSteps.reduce((a, b) => a + b, 0) / c.leapfrogSteps.length;
    assert.ok(meanSteps < diagSteps / 3, `${meanSteps} steps per draw, diagonal ${diagSteps}`);
  }
});

Deno.test("sampleNuts() recovers the variance π²/3 of a logistic distribution", () => {
  // log p(x) = −x − 2 log(1 + e^−x) per coordinate; mean 0, variance π²/3.
  const target: LogDensity = {
    dim: 3,
    logDensityAndGradient(x, g) {
      let lp = 0;
      for (let i = 0; i < 3; i++) {
        const v = x[i] as number;
        // Stable form: −|v| − 2 log(1 + e^−|v|) (the density is symmetric).
        const a = Math.abs(v);
        lp += -a - 2 * Math.log1p(Math.exp(-a));
        g[i] = -Math.tanh(v / 2);
      }
      return lp;
    },
  };
  const r = sampleNuts(target, { chains: 4, warmup: 500, draws: 1000, seed: 21 });
  const variance = (Math.PI * Math.PI) / 3;
  // E[x⁴] of the standard logistic is 7π⁴/15, so sd(x²) = √(7π⁴/15 − π⁴/9).
  const sdSquare = Math.sqrt((7 * Math.PI ** 4) / 15 - Math.PI ** 4 / 9);
  for (let j = 0; j < 3; j++) {
    assertWithinMcse(param(r, j), 0, Math.sqrt(variance), `mean[${j}]`);
    assertWithinMcse(param(r, j, (v) => v * v), variance, sdSquare, `var[${j}]`);
  }
});

// "auto" with the identity as first metric: the initial buffer's trajectories are long, so it
// adapts in Stan's doubling windows; with the true variances as first metric they are short, and
// one window over the warmup's middle must still estimate them.
for (
  const [label, options] of [
    ["Stan's windows", {}],
    ['"auto" from the identity', { metricWindow: "auto" }],
    ['"auto" from the true variances', {
      metricWindow: "auto",
      initMetric: Float64Array.of(1e-4, 1, 1e4),
    }],
  ] as const
) {
  Deno.test(`sampleNuts() adapts the diagonal metric to very different scales (${label})`, () => {
    const sd = [0.01, 1, 100];
    const target: LogDensity = {
      dim: 3,
      logDensityAndGradient(x, g) {
        let lp = 0;
        for (let i = 0; i < 3; i++) {
          const z = (x[i] as number) / sd[i]!;
          lp -= 0.5 * z * z;
          g[i] = -z / sd[i]!;
        }
        return lp;
      },
    };
    const r = sampleNuts(target, {
      chains: 2,
      warmup: 1000,
      draws: 200,
      seed: 3,
      initRadius: 0.01,
      ...options,
    });
    for (const c of r.chains) {
      for (let i = 0; i < 3; i++) {
        const ratio = (c.inverseMetric[i] as number) / (sd[i]! * sd[i]!);
        assert.ok(ratio > 0.6 && ratio < 1.6, `metric[${i}] / variance = ${ratio}`);
      }
      // With a well-adapted metric, a Gaussian needs few leapfrog steps per draw.
      const meanDepth = c.treeDepth.reduce((a, b) => a + b, 0) / c.treeDepth.length;
      assert.ok(meanDepth < 4, `mean tree depth ${meanDepth}`);
    }
  });
}

Deno.test("sampleNuts() gives identical draws for the same seed and different ones otherwise", () => {
  const o = { chains: 2, warmup: 100, draws: 50 };
  const a = sampleNuts(standardNormal(3), { ...o, seed: 9 });
  const b = sampleNuts(standardNormal(3), { ...o, seed: 9 });
  const c = sampleNuts(standardNormal(3), { ...o, seed: 10 });
  assert.deepEqual(a.chains[0]!.draws, b.chains[0]!.draws);
  assert.deepEqual(a.chains[1]!.draws, b.chains[1]!.draws);
  assert.notDeepEqual(a.chains[0]!.draws, c.chains[0]!.draws);
  // Chain 1 of seed 9 is chain 0 of seed 10.
  assert.deepEqual(a.chains[1]!.draws, c.chains[0]!.draws);
});

Deno.test("sampleNuts() reports divergences at a wall of zero density", () => {
  // A half-normal truncated at 0.5: trajectories that cross the wall diverge.
  const target: LogDensity = {
    dim: 1,
    logDensityAndGradient(x, g) {
      const v = x[0] as number;
      g[0] = -v;
      return v < 0.5 ? -0.5 * v * v : -Infinity;
    },
  };
  const r = sampleNuts(target, {
    chains: 1,
    warmup: 200,
    draws: 500,
    seed: 1,
    init: Float64Array.of(0),
  });
  const c = r.chains[0]!;
  assert.ok(c.divergent.reduce((a, b) => a + b, 0) > 0);
  assert.ok(c.draws.every((v) => v < 0.5));
});

Deno.test("sampleNuts() respects the maximum tree depth", () => {
  const r = sampleNuts(standardNormal(2), {
    chains: 1,
    warmup: 50,
    draws: 100,
    seed: 2,
    maxTreeDepth: 2,
  });
  const c = r.chains[0]!;
  assert.ok(c.treeDepth.every((d) => d <= 2));
  assert.ok(c.leapfrogSteps.every((n) => n <= 3));
});

Deno.test("sampleNuts() rejects a target acceptance outside (0, 1)", () => {
  assert.throws(() => sampleNuts(standardNormal(1), { targetAccept: 1 }), RangeError);
});
