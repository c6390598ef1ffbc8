/**
 * Data generators for the recovery study, written independently of mixlab's lib/ (nothing here
 * imports it): their own seeded generator, their own transforms from Robyn's, Meridian's and
 * PyMC-Marketing's published definitions, and a truth measured on the data they make.
 *
 * @module
 */
export * from "./prng.ts";
export * from "./robyn_transforms.ts";
export * from "./normalized_transforms.ts";
export * from "./spend.ts";
export * from "./baseline.ts";
export * from "./settings.ts";
export * from "./truth.ts";
export * from "./robyn.ts";
export * from "./meridian.ts";
export * from "./geo_spend.ts";
export * from "./geo_truth.ts";
export * from "./geo_panel.ts";
export * from "./presets.ts";
