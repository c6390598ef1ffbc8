/**
 * The bottom layer of mixlab as one entry point (`mixlab/core`): the shared types
 * (`MmmData`, `ModelSpec`, `FittedModel`, …), the errors, the seeded `Rng`, ISO-date arithmetic
 * and the row and spend helpers of `MmmData`. The root (`mixlab`) re-exports the most used of
 * these; this folder holds none of its own code.
 *
 * @module
 */
export * from "../types.ts";
export * from "../errors.ts";
export * from "../rng.ts";
export * from "../version.ts";
export * from "../dates.ts";
export * from "../mmm_data.ts";
