import assert from "node:assert/strict";
import { coefficientStability } from "mixlab/analysis";
import type { ParameterRow } from "mixlab/core";

Deno.test("coefficientStability() fits end-aligned windows and summarises by hand", () => {
  const seen: number[][] = [];
  // 10 rows, windows of 4 moving by 3: (10 − 4) mod 3 = 0 → starts 0, 3, 6
  const r = coefficientStability(10, (rows) => {
    seen.push([rows.start, rows.end]);
    return { tv: [2, 4, 9][rows.start / 3] as number, radio: [1, -1, 3][rows.start / 3] as number };
  }, { windowSize: 4, step: 3 });
  assert.deepEqual(seen, [[0, 4], [3, 7], [6, 10]]);
  const [tv, radio] = r.summary;
  // tv: mean 5, deviations −3, −1, 4 → sd = √(26/2) = √13, cv = √13/5
  assert.equal(tv?.mean, 5);
  assert.ok(Math.abs((tv?.sd as number) - Math.sqrt(13)) < 1e-12);
  assert.ok(Math.abs((tv?.cv as number) - Math.sqrt(13) / 5) < 1e-12);
  assert.deepEqual([tv?.min, tv?.max, tv?.signChanges], [2, 9, false]);
  // radio: mean 1, sd 2, changes sign
  assert.deepEqual([radio?.mean, radio?.sd, radio?.signChanges], [1, 2, true]);
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.subject]), [
    ["coefficient-unstable", "tv"],
    ["coefficient-unstable", "radio"],
  ]);
  assert.match(r.diagnostics[1]?.message ?? "", /changes sign/);
});

Deno.test("coefficientStability() accepts a parameter table and the default step", () => {
  const params = (v: number): ParameterRow[] => [{ name: "tv", estimate: v }];
  // window 8 → step 2; (12 − 8) mod 2 = 0 → starts 0, 2, 4
  const r = coefficientStability(12, (rows) => params(10 + rows.start), { windowSize: 8 });
  assert.deepEqual(r.windows.map((w) => w.rows.start), [0, 2, 4]);
  assert.equal(r.summary[0]?.mean, 12);
  assert.equal(r.diagnostics.length, 0);
});

Deno.test("coefficientStability() rejects windows that do not fit or disagree", () => {
  assert.throws(() => coefficientStability(5, () => ({ a: 1 }), { windowSize: 6 }), RangeError);
  let k = 0;
  assert.throws(
    () =>
      coefficientStability(6, () => (k++ === 0 ? { a: 1 } : { b: 1 }), { windowSize: 4, step: 1 }),
    RangeError,
  );
});
