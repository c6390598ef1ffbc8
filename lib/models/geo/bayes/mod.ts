/**
 * The hierarchical Bayesian geo model: per-geo media effects partially pooled around national
 * ones (non-centred), shared transforms, geo levels and trends integrated out analytically,
 * sampled by the national model's NUTS in Web Workers.
 *
 * @module
 */
export * from "./geo_posterior_input.ts";
export * from "./geo_posterior.ts";
export * from "./geo_bayes_fit.ts";
export * from "./fit_geo_bayes.ts";
export * from "./geo_lift_test.ts";
