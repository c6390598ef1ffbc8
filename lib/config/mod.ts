/**
 * The `mmm` command line's run configuration.
 *
 * @module
 */
export * from "./mmm_config.ts";
export * from "./fit_configured.ts";
export * from "./refresh_configured.ts";
