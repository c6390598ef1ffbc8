import assert from "node:assert/strict";
import { maxChordExcess, samplePiecewise } from "../../lib/optimize/_piecewise.ts";

Deno.test("samplePiecewise() keeps the ends, the point count and concavity", () => {
  const f = (x: number) => Math.log1p(x);
  const p = samplePiecewise(f, 2, 40, 50);
  assert.equal(p.xs.length, 50);
  assert.equal(p.xs[0], 2);
  assert.equal(p.xs[49], 40);
  assert.equal(p.ordered, 0);
  for (let i = 0; i < 50; i++) assert.equal(p.ys[i], f(p.xs[i]!));
});

Deno.test("samplePiecewise() puts more breakpoints where the curve bends", () => {
  // ln(1 + x) bends most near 0: the first quarter of [0, 40] gets more than a quarter of points
  const p = samplePiecewise((x) => Math.log1p(x), 0, 40, 50);
  const early = Array.from(p.xs).filter((x) => x < 10).length;
  assert.ok(early > 20, `${early} breakpoints below 10`);
});

Deno.test("samplePiecewise() marks the rising-slope prefix of an S-curve", () => {
  // x³/(x³ + 1): slope rises up to the inflection (2^(1/3)/... ≈ 0.79) and falls after
  const f = (x: number) => x ** 3 / (x ** 3 + 1);
  const p = samplePiecewise(f, 0, 4, 40);
  assert.ok(p.ordered > 0);
  const inflection = Math.cbrt(0.5);
  assert.ok(p.xs[p.ordered]! > inflection * 0.8 && p.xs[p.ordered]! < 1.5, `${p.xs[p.ordered]}`);
});

Deno.test("maxChordExcess() is the gap of a concave curve above its chords, 0 for a convex one", () => {
  // √x on [0, 4] as one segment: chord x/2, largest gap √x − x/2 at x = 1, which is 1/2
  assert.ok(Math.abs(maxChordExcess(Math.sqrt, samplePiecewise(Math.sqrt, 0, 4, 2)) - 0.5) < 1e-12);
  const square = (x: number) => x * x;
  assert.equal(maxChordExcess(square, samplePiecewise(square, 0, 1, 5)), 0);
});
