/**
 * Tree-based regressors for comparison with the linear models: a CART regression tree
 * (matching scikit-learn), a random forest and gradient boosting, with impurity and
 * permutation feature importances.
 *
 * @module
 */
export * from "./regressor.ts";
export type { TreeJson } from "./_cart.ts";
export * from "./regression_tree.ts";
export * from "./random_forest.ts";
export * from "./gradient_boosting.ts";
export * from "./permutation_importance.ts";
export * from "./tree_model.ts";
export * from "./fit_tree_model.ts";
