import { essBulk, essTail, rhat, splitChains } from "mixlab/models/bayes/mod.ts";
import assert from "node:assert/strict";

// Chains and expected values from tests/fixtures/reference/bayes_convergence.py (numpy/scipy,
// FFT autocovariance, Vehtari et al. 2021 formulas as in the R package `posterior`).
const fixture: Record<string, number[][]> = JSON.parse(
  await Deno.readTextFile(
    new URL("../../fixtures/reference/bayes_convergence_chains.json", import.meta.url),
  ),
);
const chains = (name: string) => (fixture[name] as number[][]).map((c) => Float64Array.from(c));
const close = (actual: number, expected: number, tol = 1e-9) =>
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${actual} != ${expected}`,
  );

Deno.test("rhat() matches the numpy reference on well-mixed AR(1) chains", () => {
  close(rhat(chains("ar1")), 1.0254794964855818);
});

Deno.test("essBulk() and essTail() match the numpy reference on AR(1) chains", () => {
  close(essBulk(chains("ar1")), 125.78455287293421);
  close(essTail(chains("ar1")), 195.8594730616564);
});

Deno.test("rhat() and ESS match the reference on odd-length chains with one shifted", () => {
  const c = chains("shifted");
  close(rhat(c), 1.1898769337431052);
  close(essBulk(c), 12.41953244496461);
  close(essTail(c), 312.8983264091938);
});

Deno.test("rhat() and ESS use average ranks for ties", () => {
  const c = chains("ties");
  close(rhat(c), 1.0027180832753269);
  close(essBulk(c), 464.56470158957643);
  close(essTail(c), 395.49470896932837);
});

Deno.test("splitChains() drops the middle draw of an odd chain", () => {
  const halves = splitChains([Float64Array.of(1, 2, 3, 4, 5)]);
  assert.deepEqual(halves.map((h) => Array.from(h)), [[1, 2], [4, 5]]);
});

Deno.test("rhat() rejects chains of unequal length", () => {
  assert.throws(() => rhat([new Float64Array(10), new Float64Array(12)]), RangeError);
});

Deno.test("essBulk() is NaN when every draw is equal", () => {
  assert.ok(Number.isNaN(essBulk([new Float64Array(10).fill(2), new Float64Array(10).fill(2)])));
});
