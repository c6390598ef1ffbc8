import assert from "node:assert/strict";
import { Rng } from "mixlab";
import { defaultBlockLength, movingBlockIndices } from "mixlab/mediation";

Deno.test("movingBlockIndices() draws runs of consecutive rows from every valid start", () => {
  // n = 10, L = 3: ⌈10/3⌉ = 4 blocks, the last cut to 1 row; starts lie in [0, 7].
  const rng = new Rng(11);
  const counts = new Float64Array(8);
  const reps = 4000;
  for (let r = 0; r < reps; r++) {
    const idx = movingBlockIndices(10, { blockLength: 3, rng });
    assert.equal(idx.length, 10);
    for (const s of [0, 3, 6, 9]) {
      const start = idx[s]!;
      assert.ok(start >= 0 && start <= 7);
      counts[start]! += 1;
      for (let k = 1; k < 3 && s + k < 10; k++) assert.equal(idx[s + k], start + k);
    }
  }
  // each of the 8 starts has probability 1/8 per block: 16000 blocks → 2000 expected,
  // binomial sd √(16000·(1/8)·(7/8)) ≈ 41.8; allow 5 sd.
  for (const c of counts) assert.ok(Math.abs(c - 2000) < 210, `count ${c}`);
});

Deno.test("movingBlockIndices() with L = n returns the series itself, and checks its arguments", () => {
  assert.deepEqual([...movingBlockIndices(5, { blockLength: 5 })], [0, 1, 2, 3, 4]);
  assert.equal(defaultBlockLength(156), 5); // 156^(1/3) = 5.38
  assert.equal(defaultBlockLength(1), 1);
  assert.throws(() => movingBlockIndices(5, { blockLength: 6 }), RangeError);
  assert.throws(() => movingBlockIndices(0), RangeError);
  assert.throws(() => movingBlockIndices(5, { blockLength: 1.5 }), RangeError);
});
