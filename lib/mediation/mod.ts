/**
 * Mediation and causal structure: a causal DAG with back-door adjustment sets and bad-control
 * checks, two-stage linear mediation (direct, indirect and total effects with the Sobel test,
 * moving-block bootstrap intervals and posterior summaries), elasticities, and mediation-aware
 * attribution on `MmmData`.
 *
 * @module
 */
export * from "./dag.ts";
export * from "./block_bootstrap.ts";
export * from "./sobel.ts";
export * from "./effects.ts";
export * from "./linear_mediation.ts";
export * from "./posterior_effects.ts";
export * from "./elasticity.ts";
export * from "./mediation_fit.ts";
export * from "./fit_mediation.ts";
export * from "./model_mediation.ts";
