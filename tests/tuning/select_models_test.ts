import { defineSearchSpace, type SearchResult, selectModels } from "mixlab/tuning";
import assert from "node:assert/strict";

// Ten trials on (nrmse, rssd); the expected filter, fronts and scores are worked by hand below.
const VALUES = [
  [0.10, 0.50],
  [0.12, 0.30],
  [0.15, 0.20],
  [0.20, 0.10],
  [0.13, 0.40],
  [0.16, 0.25],
  [0.50, 0.90],
  [0.30, 0.15],
  [0.11, 0.95],
  [0.25, 0.35],
];
// two ROAS profiles: trials 0, 1, 4 (and 8) near (1, 1); the rest near (5, 5)
const ROAS = [[1, 1], [1.1, 1], [5, 5], [5.1, 5], [1, 1.1], [5, 5.1], [5, 5], [5.2, 5], [1, 1], [
  5,
  5.2,
]];

function result(): SearchResult {
  const space = defineSearchSpace([{ name: "p", lower: 0, upper: 1 }]);
  return {
    space,
    sampler: "random",
    objectives: ["nrmse", "rssd"],
    extras: ["roas.a", "roas.b"],
    trials: VALUES.map((v, i) => ({
      index: i,
      params: { p: i / 10 },
      values: v,
      extras: { "roas.a": ROAS[i]![0]!, "roas.b": ROAS[i]![1]! },
    })),
    paramMatrix: Float64Array.from(VALUES.map((_, i) => i / 10)),
    valueMatrix: Float64Array.from(VALUES.flat()),
    extraMatrix: Float64Array.from(ROAS.flat()),
    front: [0, 1, 2, 3, 8],
    stopped: "budget",
    elapsedMs: 1,
  };
}

Deno.test("selectModels() filters by the 90% quantiles and keeps the first front", () => {
  // type-7 q90: nrmse 0.30 + 0.1·0.20 = 0.32 drops trial 6; rssd 0.90 + 0.1·0.05 = 0.905 drops 8
  const sel = selectModels(result(), { minCandidates: 4, clusterOn: [] });
  assert.deepEqual(sel.candidates, [0, 1, 2, 3]);
  // min-max over candidates: nrmse 0.10–0.20, rssd 0.10–0.50
  // t0 (0, 1) → 1; t1 (0.2, 0.5) → √0.29; t2 (0.5, 0.25) → √0.3125; t3 (1, 0) → 1
  const expected = [1, Math.sqrt(0.29), Math.sqrt(0.3125), 1];
  sel.errorScores.forEach((s, i) => assert.ok(Math.abs(s - expected[i]!) < 1e-12));
  assert.equal(sel.chosen, 1);
});

Deno.test("selectModels() adds fronts and picks the best model of each ROAS cluster", () => {
  const sel = selectModels(result(), { minCandidates: 5, clusters: 2 });
  // fronts 0 and 1 of the filtered trials; trial 9 is on front 2
  assert.deepEqual(sel.candidates, [0, 1, 2, 3, 4, 5, 7]);
  assert.deepEqual(sel.ranks, [0, 0, 0, 0, 1, 1, 1]);
  const c = sel.clusters;
  assert.ok(c[0] === c[1] && c[1] === c[4]);
  assert.ok(c[2] === c[3] && c[3] === c[5] && c[5] === c[6] && c[2] !== c[0]);
  // nrmse 0.10–0.30, rssd 0.10–0.50: t2 (0.25, 0.25) → 0.354 wins its cluster,
  // t1 (0.1, 0.5) → 0.510 wins the other
  assert.deepEqual(sel.best, [2, 1]);
  assert.equal(sel.chosen, 2);
});

Deno.test("selectModels() rejects an unknown extra to cluster on", () => {
  assert.throws(
    () => selectModels(result(), { clusterOn: ["roas.tv"] }),
    /unknown extra "roas.tv"/,
  );
});
