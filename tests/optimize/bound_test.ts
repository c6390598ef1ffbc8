import assert from "node:assert/strict";
import { lagrangianBound } from "../../lib/optimize/_bound.ts";

Deno.test("lagrangianBound() equals the optimum for concave curves (closed form)", () => {
  // a_i ln(1 + x_i), Σx = 30: x_i = a_i/λ − 1 with λ = 6/33 → optimum Σ a_i ln(a_i/λ)
  const a = [3, 2, 1];
  const lambda = 6 / 33;
  const opt = a.reduce((s, ai) => s + ai * Math.log(ai / lambda), 0);
  const bound = lagrangianBound(
    a.map((ai) => ({ curve: (x: number) => ai * Math.log1p(x), lower: 0, upper: 30 })),
    30,
    "equal",
  );
  assert.ok(bound >= opt - 1e-9, `${bound} < ${opt}`);
  assert.ok(bound - opt < 1e-6 * opt, `${bound} vs ${opt}`);
});

Deno.test("lagrangianBound() stays above the optimum of S-shaped curves", () => {
  const f = (x: number) => x * x / (x * x + 1);
  const bound = lagrangianBound(
    [{ curve: f, lower: 0, upper: 1 }, { curve: f, lower: 0, upper: 1 }],
    1,
    "equal",
  );
  assert.ok(bound >= 0.5 - 1e-12);
});
