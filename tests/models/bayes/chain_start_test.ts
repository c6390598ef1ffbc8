import { maximizeLogDensity } from "mixlab/models/bayes/_lbfgs.ts";
import { chainStart, laplaceCovariance } from "mixlab/models/bayes/_chain_start.ts";
import assert from "node:assert/strict";

/** log N(x | μ, P⁻¹) up to a constant, P = [[4, 1], [1, 2]], μ = (1, −2). */
const gaussian = {
  dim: 2,
  logDensityAndGradient(x: Float64Array, g: Float64Array) {
    const a = x[0]! - 1, b = x[1]! + 2;
    g[0] = -(4 * a + b);
    g[1] = -(a + 2 * b);
    return -0.5 * (4 * a * a + 2 * a * b + 2 * b * b);
  },
};

Deno.test("maximizeLogDensity() finds a Gaussian's mean and Rosenbrock's minimum (1, 1)", () => {
  const g = maximizeLogDensity(gaussian, Float64Array.of(10, 10));
  assert.ok(Math.abs(g.theta[0]! - 1) < 1e-6 && Math.abs(g.theta[1]! + 2) < 1e-6);
  // −log p = (1 − x)² + 100 (y − x²)²
  const rosenbrock = {
    dim: 2,
    logDensityAndGradient(v: Float64Array, out: Float64Array) {
      const x = v[0]!, y = v[1]!;
      out[0] = 2 * (1 - x) + 400 * x * (y - x * x);
      out[1] = -200 * (y - x * x);
      return -((1 - x) ** 2 + 100 * (y - x * x) ** 2);
    },
  };
  const r = maximizeLogDensity(rosenbrock, Float64Array.of(-1.2, 1), {
    functionTolerance: 0,
    gradientTolerance: 1e-9,
  });
  assert.ok(Math.abs(r.theta[0]! - 1) < 1e-5 && Math.abs(r.theta[1]! - 1) < 1e-5, `${r.theta}`);
});

Deno.test("laplaceCovariance() of a Gaussian is the inverse of its precision", () => {
  // P⁻¹ = [[2, −1], [−1, 4]] / 7 (by hand: det 7)
  const cov = laplaceCovariance(gaussian, Float64Array.of(1, -2))!;
  const expected = [2 / 7, -1 / 7, -1 / 7, 4 / 7];
  expected.forEach((v, i) => assert.ok(Math.abs(cov[i]! - v) < 1e-8, `${cov[i]} vs ${v}`));
  const start = chainStart(gaussian, Float64Array.of(0, 0), 3);
  assert.ok(Math.abs(start.init[0]! - 1) < 1e-6 && Math.abs(start.init[1]! + 2) < 1e-6);
});
