import assert from "node:assert/strict";
import { FitError, Rng } from "mixlab";
import { createRidgeWorkspace, solveElasticNet, solveRidge } from "mixlab/models";

/** A random n×p design's Gram matrix and X'y, with some strongly negative effects. */
function problem(rng: Rng, n: number, p: number): { g: Float64Array; c: Float64Array } {
  const x = Float64Array.from({ length: n * p }, () => rng.normal());
  for (let i = 0; i < n; i++) x[i * p + 1] = x[i * p]! * 0.9 + 0.1 * x[i * p + 1]!; // collinear pair
  const beta = Float64Array.from({ length: p }, () => rng.normal(0, 2));
  const g = new Float64Array(p * p), c = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    let y = rng.normal();
    for (let j = 0; j < p; j++) y += x[i * p + j]! * beta[j]!;
    for (let a = 0; a < p; a++) {
      c[a] = c[a]! + x[i * p + a]! * y;
      for (let b = 0; b < p; b++) g[a * p + b] = g[a * p + b]! + x[i * p + a]! * x[i * p + b]!;
    }
  }
  return { g, c };
}

Deno.test("solveRidge() satisfies the KKT conditions on random sign-constrained problems", () => {
  const rng = new Rng(99);
  for (let trial = 0; trial < 300; trial++) {
    const p = 2 + rng.int(12),
      n = p + 5 + rng.int(40),
      lambda = rng.uniform() < 0.2 ? 0 : rng.uniformIn(0, 20);
    const { g, c } = problem(rng, n, p);
    const mask = Uint8Array.from({ length: p }, () => (rng.uniform() < 0.7 ? 1 : 0));
    const b = solveRidge(g, c, p, lambda, {
      nonNegative: mask,
      workspace: createRidgeWorkspace(p),
    });
    const scale = Math.max(...Array.from(c, Math.abs));
    for (let j = 0; j < p; j++) {
      // gradient of ½b'(G + λI)b − c'b
      let grad = lambda * b[j]! - c[j]!;
      for (let k = 0; k < p; k++) grad += g[j * p + k]! * b[k]!;
      if (mask[j] === 1) {
        assert.ok(b[j]! >= 0, `trial ${trial}: b${j} = ${b[j]}`);
        assert.ok(grad >= -1e-9 * scale, `trial ${trial}: dual feasibility ${grad}`);
        if (b[j]! > 0) {
          assert.ok(Math.abs(grad) <= 1e-9 * scale, `trial ${trial}: slackness ${grad}`);
        }
      } else {
        assert.ok(Math.abs(grad) <= 1e-9 * scale, `trial ${trial}: stationarity ${grad}`);
      }
    }
  }
});

Deno.test("solveRidge() reports a singular problem", () => {
  assert.throws(
    () => solveRidge(new Float64Array([1, 1, 1, 1]), new Float64Array([1, 1]), 2, 0),
    FitError,
  );
  assert.throws(() => solveRidge(new Float64Array([1]), new Float64Array([1]), 1, -1), RangeError);
});

Deno.test("solveElasticNet() satisfies the subgradient conditions on random problems", () => {
  const rng = new Rng(5);
  for (let trial = 0; trial < 100; trial++) {
    const p = 2 + rng.int(8), n = p + 10 + rng.int(30);
    const { g, c } = problem(rng, n, p);
    const gn = g.map((v) => v / n), cn = c.map((v) => v / n);
    const lambda = rng.uniformIn(0.01, 1), rho = rng.uniform();
    const mask = Uint8Array.from({ length: p }, () => (rng.uniform() < 0.5 ? 1 : 0));
    const { coefficients: b } = solveElasticNet(gn, cn, p, lambda, {
      l1Ratio: rho,
      nonNegative: mask,
    });
    const scale = Math.max(...Array.from(cn, Math.abs));
    for (let j = 0; j < p; j++) {
      // smooth part's gradient: G b − c + λ(1−ρ) b; the L1 part contributes λρ·sign(b_j)
      let grad = lambda * (1 - rho) * b[j]! - cn[j]!;
      for (let k = 0; k < p; k++) grad += gn[j * p + k]! * b[k]!;
      const tol = 1e-8 * scale;
      if (b[j]! > 0) assert.ok(Math.abs(grad + lambda * rho) <= tol, `trial ${trial} j ${j}`);
      else if (b[j]! < 0) assert.ok(Math.abs(grad - lambda * rho) <= tol, `trial ${trial} j ${j}`);
      else if (mask[j] === 1) assert.ok(grad >= -lambda * rho - tol, `trial ${trial} j ${j}`);
      else assert.ok(Math.abs(grad) <= lambda * rho + tol, `trial ${trial} j ${j}`);
    }
  }
});
