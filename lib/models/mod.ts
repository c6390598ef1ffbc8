/**
 * Linear MMM estimators and what they share: the model spec, the design matrix, the fast ridge
 * kernel, the fitted {@link LinearModel} and {@link loadLinearModel}.
 *
 * @module
 */
export * from "./model_spec.ts";
export * from "./param_key.ts";
export * from "./design_matrix.ts";
export * from "./ridge_solve.ts";
export * from "./ridge.ts";
export * from "./fitted_model_base.ts";
export * from "./linear_model.ts";
export * from "./data_json.ts";
export * from "./load_linear_model.ts";
export * from "./ols.ts";
export * from "./elastic_net_solve.ts";
export * from "./elastic_net.ts";
export * from "./bayes_linear.ts";
export * from "./bagged_model.ts";
export * from "./load_fitted_model.ts";
