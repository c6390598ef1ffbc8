import assert from "node:assert/strict";
import {
  log1pSaturation,
  logisticSaturation,
  michaelisMentenSaturation,
  tanhSaturation,
} from "mixlab/transforms";
import { assertAllClose } from "../_close.ts";

Deno.test("logisticSaturation() matches the logistic test vector (anchors.md §6 vector 11)", () => {
  const y = logisticSaturation(new Float64Array([0, 0.5, 1, 2]), { lambda: 2 });
  assertAllClose(y, [0, 0.462117, 0.761594, 0.964028], 5e-7);
});

Deno.test("michaelisMentenSaturation() is x/(k+x)", () => {
  const y = michaelisMentenSaturation(new Float64Array([0, 1, 4]), { halfSaturation: 4 });
  assert.deepEqual(Array.from(y), [0, 0.2, 0.5]);
});

Deno.test("tanhSaturation() is tanh(x/c)", () => {
  // x/c = ln 2 and tanh(ln 2) = (4 - 1)/(4 + 1) = 0.6
  const y = tanhSaturation(new Float64Array([0, 2 * Math.LN2]), { scale: 2 });
  assertAllClose(y, [0, 0.6], 1e-15);
});

Deno.test("log1pSaturation() is log(1+x)", () => {
  const y = log1pSaturation(new Float64Array([0, 1, 3]));
  assertAllClose(y, [0, Math.LN2, 2 * Math.LN2], 1e-15);
});
