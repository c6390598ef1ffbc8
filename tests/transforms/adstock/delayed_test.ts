import assert from "node:assert/strict";
import { delayedAdstock, delayedWeights } from "mixlab/transforms";
import { assertAllClose } from "../_close.ts";

Deno.test("delayedWeights() are θ^((l-L)^2) normalised (hand calculation)", () => {
  // θ = 0.5, L = 1, 4 lags: raw 0.5, 1, 0.5, 0.0625; sum 2.0625
  const w = delayedWeights({ decay: 0.5, peak: 1, maxLag: 4 });
  assertAllClose(w, [0.5 / 2.0625, 1 / 2.0625, 0.5 / 2.0625, 0.0625 / 2.0625], 1e-15);
});

Deno.test("delayedAdstock() with peak 0 equals normalised geometric on θ^(l²)", () => {
  const y = delayedAdstock(new Float64Array([2, 0, 0]), { decay: 0.5, peak: 0, maxLag: 3 });
  // raw 1, 0.5, 0.0625 → sum 1.5625
  assertAllClose(y, [2 / 1.5625, 1 / 1.5625, 0.125 / 1.5625], 1e-15);
  assert.equal(y.length, 3);
});
