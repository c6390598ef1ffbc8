/**
 * Geo-level models: a balanced panel of geos, with fixed effects per geo and per week, media
 * transforms shared across geos, optionally per person.
 *
 * @module
 */
export * from "./panel_projection.ts";
export * from "./panel_media.ts";
export * from "./fit_geo_linear.ts";
export * from "./geo_fit.ts";
export * from "./geo_summary.ts";
export * from "./geo_linear_solve.ts";
export * from "./geo_guardrails.ts";
export * from "./fit_geos_separately.ts";
export * from "./sum_geos.ts";
export * from "./geo_response.ts";
export * from "./forecast_geo.ts";
export * from "./bayes/mod.ts";
