import { defineSearchSpace } from "mixlab/tuning";
import assert from "node:assert/strict";

Deno.test("defineSearchSpace() maps the unit cube linearly and on a log scale", () => {
  const space = defineSearchSpace([
    { name: "a", lower: 2, upper: 6 },
    { name: "b", lower: 1e-3, upper: 10, fixed: 0.5 },
    { name: "c", lower: 1e-2, upper: 1e2, log: true },
  ]);
  assert.equal(space.dimension, 2);
  const v = space.toValues(new Float64Array([0.25, 0.75]));
  // a = 2 + 0.25·4 = 3; c = 10^(−2 + 0.75·4) = 10
  assert.ok(Math.abs(v[0]! - 3) < 1e-12);
  assert.equal(v[1], 0.5);
  assert.ok(Math.abs(v[2]! - 10) < 1e-9);
  const u = space.toUnit(v);
  assert.ok(Math.abs(u[0]! - 0.25) < 1e-12 && Math.abs(u[1]! - 0.75) < 1e-12);
  assert.deepEqual(space.toRecord(v).b, 0.5);
});

Deno.test("defineSearchSpace() rejects bad definitions", () => {
  assert.throws(
    () => defineSearchSpace([{ name: "a", lower: 1, upper: 0 }]),
    RangeError,
  );
  assert.throws(
    () => defineSearchSpace([{ name: "a", lower: 0, upper: 1, log: true }]),
    /log scale/,
  );
  assert.throws(
    () => defineSearchSpace([{ name: "a", lower: 0, upper: 1, fixed: 2 }]),
    /outside/,
  );
  assert.throws(
    () => defineSearchSpace([{ name: "a", lower: 0, upper: 1 }, { name: "a", lower: 0, upper: 1 }]),
    TypeError,
  );
});
