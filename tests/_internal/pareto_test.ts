import { Rng } from "mixlab";
import { crowdingDistance, paretoFront, paretoRanks, rankOrder } from "mixlab/_internal/pareto.ts";
import assert from "node:assert/strict";

// Reference ranks by repeated peeling, straight from the definition of dominance.
function peelRanks(values: number[][]): number[] {
  const rank = values.map(() => -1);
  const dom = (a: number[], b: number[]) =>
    a.every((x, j) => x <= b[j]!) && a.some((x, j) => x < b[j]!);
  for (let r = 0; rank.includes(-1); r++) {
    const left = values.map((_, i) => i).filter((i) => rank[i] === -1);
    const front = left.filter((i) => !left.some((k) => dom(values[k]!, values[i]!)));
    for (const i of front) rank[i] = r;
  }
  return rank;
}

for (const m of [2, 3]) {
  Deno.test(`paretoRanks() matches peeling by definition with ${m} objectives`, () => {
    const rng = new Rng(5 + m);
    const pts = Array.from(
      { length: 300 },
      () => Array.from({ length: m }, () => Math.round(rng.uniform() * 20) / 20),
    );
    const ranks = paretoRanks(Float64Array.from(pts.flat()), m);
    assert.deepEqual(Array.from(ranks), peelRanks(pts));
  });
}

Deno.test("paretoFront() keeps exact duplicates together", () => {
  const v = new Float64Array([1, 1, 1, 1, 2, 0.5, 2, 2]);
  assert.deepEqual(paretoFront(v, 2), [0, 1, 2]);
});

Deno.test("crowdingDistance() matches a hand calculation", () => {
  // points (0,4) (1,2) (3,1) (4,0): ranges 4 and 4
  const v = new Float64Array([0, 4, 1, 2, 3, 1, 4, 0]);
  const d = crowdingDistance(v, 2, [0, 1, 2, 3]);
  assert.equal(d[0], Infinity);
  assert.equal(d[3], Infinity);
  // point 1: (3−0)/4 + (4−1)/4 = 1.5; point 2: (4−1)/4 + (2−0)/4 = 1.25
  assert.ok(Math.abs(d[1]! - 1.5) < 1e-12);
  assert.ok(Math.abs(d[2]! - 1.25) < 1e-12);
  assert.deepEqual(rankOrder(v, 2), [0, 3, 1, 2]);
});
