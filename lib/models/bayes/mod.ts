/**
 * The Bayesian media mix model and its sampler: NUTS on an unconstrained space, convergence
 * diagnostics (split rank-normalised R-hat, bulk and tail ESS) and the MMM posterior.
 *
 * @module
 */
export * from "./nuts.ts";
export * from "./convergence.ts";
export * from "./priors.ts";
export * from "./model.ts";
export * from "./fit_bayes.ts";
