/**
 * The Bayesian media mix model and its sampler: NUTS on an unconstrained space, convergence
 * diagnostics (split rank-normalised R-hat, bulk and tail ESS), priors, the MMM posterior, and
 * `fitBayes` / `fitBayesParallel`, which return a {@link BayesFit} with posterior draws.
 *
 * @module
 */
export * from "./nuts.ts";
export * from "./convergence.ts";
export * from "./priors.ts";
export * from "./model.ts";
export * from "./posterior_input.ts";
export * from "./default_priors.ts";
export * from "./transform_priors.ts";
export * from "./bayes_fit.ts";
export * from "./bayes_fit_parts.ts";
export * from "./load_bayes_model.ts";
export * from "./fit_bayes.ts";
export * from "./lift_tests.ts";
export * from "./sampling_progress.ts";
export * from "./predictive_check.ts";
export * from "./prior_predictive.ts";
export * from "./posterior_predictive.ts";
export * from "./pre_fit_check.ts";
export * from "./prior_posterior.ts";
