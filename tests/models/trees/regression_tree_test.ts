import assert from "node:assert/strict";
import { RegressionTree } from "mixlab/models/trees";
import { assertAllClose, T, X, y } from "./_data.ts";

// Expected values: scikit-learn 1.2.1 DecisionTreeRegressor(random_state=0), printed by
// tests/fixtures/reference/diag_trees.py on the data of ./_data.ts.

Deno.test("RegressionTree.fit() matches sklearn DecisionTreeRegressor(max_depth=3)", () => {
  const tree = RegressionTree.fit(X, y, { maxDepth: 3 });
  assert.equal(tree.nLeaves, 8);
  assert.equal(tree.depth, 3);
  assert.equal(tree.feature[0], 2);
  assert.equal(tree.threshold[0], 4.5);
  assertAllClose(tree.featureImportances, [0.28494061978978097, 0, 0.715059380210219]);
  assertAllClose(tree.predict(T), [
    0.575183589518244,
    7.565963657836294,
    5.2481454807421555,
    7.408874671106739,
    4.900577805756692,
    5.2481454807421555,
    7.408874671106739,
    4.900577805756692,
  ]);
  assertAllClose(tree.predict(X).subarray(0, 10), [
    0.575183589518244,
    8.968562219991426,
    7.565963657836294,
    5.2481454807421555,
    7.565963657836294,
    0.575183589518244,
    8.968562219991426,
    7.408874671106739,
    5.2481454807421555,
    7.565963657836294,
  ]);
});

Deno.test("RegressionTree.fit() matches sklearn with max_depth=4, min_samples_leaf=3", () => {
  const tree = RegressionTree.fit(X, y, { maxDepth: 4, minSamplesLeaf: 3 });
  assert.equal(tree.nLeaves, 10);
  assert.equal(tree.depth, 4);
  assertAllClose(tree.featureImportances, [0.3041525521284212, 0, 0.6958474478715788]);
  assertAllClose(tree.predict(T), [
    1.0582137038227066,
    7.869236839434566,
    5.539604111750432,
    7.408874671106739,
    5.1284598276826605,
    4.859533972731122,
    7.408874671106739,
    5.1284598276826605,
  ]);
});

Deno.test("RegressionTree.fit() matches sklearn with min_samples_split=6, unlimited depth", () => {
  const tree = RegressionTree.fit(X, y, { minSamplesSplit: 6 });
  assert.equal(tree.nLeaves, 12);
  assert.equal(tree.depth, 5);
  assertAllClose(tree.featureImportances, [
    0.26855004406347016,
    0.009719504229311266,
    0.7217304517072185,
  ]);
  assertAllClose(tree.predict(T), [
    1.0582137038227066,
    7.809928357021505,
    5.79779876574479,
    7.408874671106739,
    5.12845982768266,
    5.79779876574479,
    7.408874671106739,
    5.12845982768266,
  ]);
  assertAllClose(tree.predict(X).subarray(0, 10), [
    1.0582137038227066,
    9.327003913819043,
    7.809928357021505,
    5.79779876574479,
    8.250629825375569,
    1.0582137038227066,
    9.327003913819043,
    7.408874671106739,
    5.79779876574479,
    8.250629825375569,
  ]);
});

Deno.test("RegressionTree.fit() recovers a two-feature step function exactly", () => {
  // y = 5 where a > 3 and b ≤ 0.5, else −1: a pure-leaf tree, exact on new points away from the cuts
  const n = 64;
  const a = Float64Array.from({ length: n }, (_, i) => i % 8);
  const b = Float64Array.from({ length: n }, (_, i) => Math.floor(i / 8) / 8);
  const f = (u: number, v: number) => (u > 3 && v <= 0.5 ? 5 : -1);
  const target = Float64Array.from({ length: n }, (_, i) => f(a[i] as number, b[i] as number));
  const tree = RegressionTree.fit([a, b], target);
  assert.deepEqual(Array.from(tree.predict([a, b])), Array.from(target));
  assert.equal(tree.nLeaves, 3);
  const ua = [0.2, 2.9, 4.1, 7.9], ub = [0.1, 0.45, 0.7, 0.9];
  const gridA = new Float64Array(16), gridB = new Float64Array(16);
  ua.forEach((u, i) =>
    ub.forEach((v, j) => {
      gridA[i * 4 + j] = u;
      gridB[i * 4 + j] = v;
    })
  );
  const expected = Array.from(gridA, (u, i) => f(u, gridB[i] as number));
  // new points off the gaps between observed values (cuts are learned at 3.5 and 0.5625)
  assert.deepEqual(Array.from(tree.predict([gridA, gridB])), expected);
});

Deno.test("RegressionTree.fit() respects depth 0 and rejects bad input", () => {
  const stump = RegressionTree.fit(X, y, { maxDepth: 0 });
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  assertAllClose(stump.predict(T), new Array(8).fill(mean));
  assert.deepEqual(Array.from(stump.featureImportances), [0, 0, 0]);
  assert.throws(() => RegressionTree.fit(X, y.subarray(1)), RangeError);
  assert.throws(() => RegressionTree.fit(X, y, { minSamplesLeaf: 0 }), RangeError);
  assert.throws(
    () => RegressionTree.fit([new Float64Array([1, NaN])], new Float64Array(2)),
    RangeError,
  );
  assert.throws(() => stump.predict([T[0]!]), RangeError);
});
