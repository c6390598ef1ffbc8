/**
 * The `mmm` command line's run configuration.
 *
 * @module
 */
export * from "./mmm_config.ts";
export * from "./load_configured.ts";
export { modelSpecFromConfig } from "./configured_spec.ts";
export { configuredEstimator } from "./configured_estimator.ts";
export * from "./configured_tuning.ts";
export * from "./fit_configured.ts";
export * from "./refresh_configured.ts";
export * from "./fit_geo_configured.ts";
