import assert from "node:assert/strict";
import {
  expandingWindowSplit,
  holdoutSplit,
  rangeIndices,
  rollingWindowSplit,
  type TimeSplit,
} from "mixlab/analysis";

/** [train first, train last, test first, test last] of each split, as sklearn prints them. */
function bounds(splits: readonly TimeSplit[]): number[][] {
  return splits.map((s) => [s.train.start, s.train.end - 1, s.test.start, s.test.end - 1]);
}

// Expected values: scikit-learn 1.2.1 TimeSeriesSplit, printed by
// tests/fixtures/reference/diag_cv_splits.py.
Deno.test("expandingWindowSplit() matches sklearn TimeSeriesSplit defaults on 156 rows", () => {
  assert.deepEqual(bounds(expandingWindowSplit(156)), [
    [0, 25, 26, 51],
    [0, 51, 52, 77],
    [0, 77, 78, 103],
    [0, 103, 104, 129],
    [0, 129, 130, 155],
  ]);
});

Deno.test("expandingWindowSplit() matches sklearn with test_size and gap", () => {
  assert.deepEqual(bounds(expandingWindowSplit(20, { nSplits: 3, testSize: 4, gap: 2 })), [
    [0, 5, 8, 11],
    [0, 9, 12, 15],
    [0, 13, 16, 19],
  ]);
});

Deno.test("expandingWindowSplit() matches sklearn with max_train_size", () => {
  assert.deepEqual(bounds(expandingWindowSplit(30, { nSplits: 4, maxTrainSize: 10 })), [
    [0, 5, 6, 11],
    [2, 11, 12, 17],
    [8, 17, 18, 23],
    [14, 23, 24, 29],
  ]);
  assert.deepEqual(
    bounds(expandingWindowSplit(25, { nSplits: 3, testSize: 5, gap: 1, maxTrainSize: 6 })),
    [[3, 8, 10, 14], [8, 13, 15, 19], [13, 18, 20, 24]],
  );
});

Deno.test("expandingWindowSplit() matches sklearn at the smallest valid size", () => {
  assert.deepEqual(bounds(expandingWindowSplit(6)), [
    [0, 0, 1, 1],
    [0, 1, 2, 2],
    [0, 2, 3, 3],
    [0, 3, 4, 4],
    [0, 4, 5, 5],
  ]);
});

Deno.test("expandingWindowSplit() rejects splits sklearn rejects", () => {
  // sklearn: "Cannot have number of folds=6 greater than the number of samples=5"
  assert.throws(() => expandingWindowSplit(5), RangeError);
  // sklearn: "Too many splits=3 for number of samples=10 with test_size=3 and gap=1"
  assert.throws(() => expandingWindowSplit(10, { nSplits: 3, testSize: 3, gap: 1 }), RangeError);
  assert.throws(() => expandingWindowSplit(10, { nSplits: 1 }), RangeError);
  assert.throws(() => expandingWindowSplit(10, { gap: -1 }), RangeError);
});

Deno.test("rollingWindowSplit() keeps the training length and ends at the last row", () => {
  // 11 rows, 4 train + 1 gap + 2 test, step 2: (11 − 7) mod 2 = 0 → starts 0, 2, 4
  const s = rollingWindowSplit(11, { trainSize: 4, testSize: 2, gap: 1 });
  assert.deepEqual(bounds(s), [[0, 3, 5, 6], [2, 5, 7, 8], [4, 7, 9, 10]]);
  // 10 rows, 3 train + 2 test, step 3: (10 − 5) mod 3 = 2 → starts 2, 5
  const t = rollingWindowSplit(10, { trainSize: 3, testSize: 2, step: 3 });
  assert.deepEqual(bounds(t), [[2, 4, 5, 6], [5, 7, 8, 9]]);
  assert.throws(() => rollingWindowSplit(5, { trainSize: 4, testSize: 2 }), RangeError);
});

Deno.test("holdoutSplit() holds out the last rows", () => {
  assert.deepEqual(holdoutSplit(10), { train: { start: 0, end: 8 }, test: { start: 8, end: 10 } });
  assert.deepEqual(holdoutSplit(10, { testSize: 3, gap: 2 }), {
    train: { start: 0, end: 5 },
    test: { start: 7, end: 10 },
  });
  assert.throws(() => holdoutSplit(4, { testSize: 4 }), RangeError);
});

Deno.test("rangeIndices() expands a range", () => {
  assert.deepEqual(Array.from(rangeIndices({ start: 2, end: 5 })), [2, 3, 4]);
  assert.equal(rangeIndices({ start: 5, end: 5 }).length, 0);
});
