import assert from "node:assert/strict";
import { applyAdstock, applyChannelTransforms, applySaturation } from "mixlab/transforms";

Deno.test("applyAdstock() carries over from history rows (hand calculation)", () => {
  const spec = { kind: "geometric", params: { decay: 0.5 } };
  const y = applyAdstock(new Float64Array([1, 0]), spec, { history: new Float64Array([4, 8]) });
  // history adstock: 4, 8 + 2 = 10; then 1 + 5 = 6, 0 + 3 = 3
  assert.deepEqual(Array.from(y), [6, 3]);
});

Deno.test("applyAdstock() history beyond the finite window has no effect", () => {
  const spec = { kind: "geometric-normalized", params: { decay: 0.5, maxLag: 2 } };
  const x = new Float64Array([3, 3]);
  const y = applyAdstock(x, spec, { history: new Float64Array([100, 0, 0]) });
  // weights 2/3, 1/3: only the last history row (0) reaches x
  assert.deepEqual(Array.from(y), [2, 3]);
});

Deno.test("applySaturation() rejects an adstock kind", () => {
  assert.throws(
    () => applySaturation(new Float64Array(1), { kind: "geometric", params: { decay: 0.1 } }),
    { name: "ConfigError" },
  );
});

Deno.test("applyChannelTransforms() is saturation(adstock(spend / scale) / gain) with history", () => {
  const channel = {
    name: "tv",
    scale: 2,
    adstock: { kind: "geometric", params: { decay: 0.5 } },
    saturation: { kind: "michaelis-menten", params: { halfSaturation: 1 } },
  };
  const spend = new Float64Array([2, 0]);
  const y = applyChannelTransforms(spend, channel, { history: new Float64Array([4]) });
  // scaled history 2 → 2; scaled 1 → 1 + 1 = 2, then 1; over the gain 1/(1 − 0.5) = 2: 1, 0.5;
  // MM x/(1 + x): 1/2, 1/3
  assert.deepEqual(Array.from(y), [0.5, 1 / 3]);
  assert.deepEqual(Array.from(spend), [2, 0]);
});
