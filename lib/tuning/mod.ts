/**
 * Hyperparameter tuning: search spaces, search strategies behind one ask/tell interface
 * (random, Latin hypercube, TPE, differential evolution), a driver that runs trials in batches
 * on Web Workers, Pareto fronts and Robyn-style model selection.
 *
 * @module
 */
export * from "./search_space.ts";
export * from "./sampler.ts";
export * from "./random_sampler.ts";
export * from "./latin_hypercube_sampler.ts";
export * from "./tpe_sampler.ts";
export * from "./differential_evolution_sampler.ts";
export * from "./kmeans.ts";
export * from "./evaluator.ts";
export * from "./minimize.ts";
export * from "./select_models.ts";
export * from "./progress.ts";
export * from "./mmm_search_space.ts";
export * from "./mmm_objective.ts";
export * from "./tune.ts";
export * from "./search_and_select.ts";
export * from "./bootstrap.ts";
export * from "./families.ts";
export * from "./geo_cross_validation.ts";
export * from "./tune_geo.ts";
