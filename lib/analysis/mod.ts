/**
 * Evaluation of fitted models: goodness-of-fit metrics, time-series cross-validation splits and
 * residual diagnostics.
 *
 * @module
 */
export * from "./metrics.ts";
export * from "./cv.ts";
export * from "./contributions.ts";
export * from "./roas.ts";
export * from "./roas_probability.ts";
export * from "./response_curve.ts";
export * from "./diagnostics/mod.ts";
export * from "./adstock_curve.ts";
export * from "./cross_validate.ts";
export * from "./model_summary.ts";
export * from "./cv_selection.ts";
export * from "./sensitivity.ts";
export * from "./drift.ts";
