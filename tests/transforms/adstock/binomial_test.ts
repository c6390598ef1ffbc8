import assert from "node:assert/strict";
import {
  adstockGain,
  binomialAdstock,
  binomialWeights,
  getTransform,
  resolveTransform,
} from "mixlab/transforms";
import { assertAllClose } from "../_close.ts";

Deno.test("binomialWeights() matches Meridian's binomial decay (anchors.md §6 vector 10)", () => {
  // α = 0.5, L = 4: (1 − l/4)^1 = 1, 0.75, 0.5, 0.25, over their sum 2.5
  assertAllClose(binomialWeights(0.5, 4), [0.4, 0.3, 0.2, 0.1], 1e-15);
});

Deno.test("binomialWeights() by hand: α = 0.25 over 3 lags, and α = 1 spreads evenly", () => {
  // exponent 1/0.25 − 1 = 3: (1, (2/3)^3, (1/3)^3) = (27, 8, 1)/27, over their sum 36/27
  assertAllClose(binomialWeights(0.25, 3), [27 / 36, 8 / 36, 1 / 36], 1e-15);
  assertAllClose(binomialWeights(1, 5), [0.2, 0.2, 0.2, 0.2, 0.2], 1e-15);
});

Deno.test("binomialAdstock() convolves with zero spend before the start and keeps mass", () => {
  // weights 0.4, 0.3, 0.2, 0.1 on x = 10, 20: 4; 3 + 8; 2 + 6; 1 + 4; 2
  const y = binomialAdstock(new Float64Array([10, 20, 0, 0, 0]), { decay: 0.5, maxLag: 4 });
  assertAllClose(y, [4, 11, 8, 5, 2], 1e-12);
  assert.ok(Math.abs(y.reduce((a, b) => a + b) - 30) < 1e-12);
});

Deno.test("binomial is registered with unit gain and resolves from a config-style spec", () => {
  const spec = resolveTransform({ kind: "binomial", params: { decay: 0.4 } });
  assert.deepEqual(spec.params, { decay: 0.4, maxLag: 9 });
  assert.equal(getTransform("binomial").family, "adstock");
  assert.equal(adstockGain(spec), 1);
});
