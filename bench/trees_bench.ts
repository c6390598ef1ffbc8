/**
 * Tree regressors on an MMM-sized design: 156 weekly rows × 15 features (the size of a
 * 3-year, 10-channel model with controls and seasonality).
 */
import { Rng } from "mixlab";
import {
  GradientBoostingRegressor,
  permutationImportance,
  RandomForestRegressor,
  RegressionTree,
} from "mixlab/models/trees";

const N = 156, P = 15;
const rng = new Rng(2024);
const x = Array.from({ length: P }, () => Float64Array.from({ length: N }, () => rng.uniform()));
const y = Float64Array.from(
  { length: N },
  (_, i) =>
    10 * Math.sin(Math.PI * x[0]![i]! * x[1]![i]!) + 20 * (x[2]![i]! - 0.5) ** 2 +
    10 * x[3]![i]! + 5 * x[4]![i]! + rng.normal(),
);
const forest = RandomForestRegressor.fit(x, y, { nTrees: 100, seed: 1 });

Deno.bench("random forest, 100 trees, 156×15", { group: "fit", baseline: true }, () => {
  RandomForestRegressor.fit(x, y, { nTrees: 100, seed: 1 });
});

Deno.bench("gradient boosting, 100 stages of depth 3, 156×15", { group: "fit" }, () => {
  GradientBoostingRegressor.fit(x, y, { nEstimators: 100 });
});

Deno.bench("one full-depth CART tree, 156×15", { group: "fit" }, () => {
  RegressionTree.fit(x, y);
});

Deno.bench("random forest predict, 100 trees, 156 rows", { group: "use" }, () => {
  forest.predict(x);
});

Deno.bench("permutation importance, 100-tree forest, 5 repeats × 15 features", {
  group: "use",
}, () => {
  permutationImportance(forest, x, y);
});
