import assert from "node:assert/strict";
import { hillSaturation, powerHillSaturation, robynHillInflexion } from "mixlab/transforms";
import { assertAllClose } from "../_close.ts";

Deno.test("hillSaturation() matches Robyn v3.12 with gamma 0.5 (anchors.md §6 vector 6)", () => {
  const x = new Float64Array([10, 20, 50, 100]);
  const k = robynHillInflexion(x, 0.5);
  assert.equal(k, 50);
  const y = hillSaturation(x, { halfSaturation: k, shape: 2 });
  assertAllClose(y, [0.038462, 0.137931, 0.5, 0.8], 5e-7);
});

Deno.test("hillSaturation() is 0 at 0 and x/(k+x) at shape 1", () => {
  const y = hillSaturation(new Float64Array([0, 1, 3]), { halfSaturation: 1, shape: 1 });
  assert.deepEqual(Array.from(y), [0, 0.5, 0.75]);
});

Deno.test("powerHillSaturation() is x^a/(x^a+1)", () => {
  const y = powerHillSaturation(new Float64Array([0, 3]), { shape: 2 });
  assertAllClose(y, [0, 0.9], 1e-15);
});
