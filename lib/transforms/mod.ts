/**
 * Media transforms: adstock (carry-over) and saturation (diminishing returns). Each is a pure
 * function over `Float64Array` plus a descriptor registered by kind (parameters with bounds,
 * defaults and meaning, and a gradient), found with {@link getTransform}.
 *
 * Parameters are in fixed units of scaled spend and never depend on the data window, so a
 * fitted transform means the same on any rows (see Weibull's `maxLag` and Robyn helpers).
 *
 * @module
 */
export * from "./descriptor.ts";
export * from "./registry.ts";
export * from "./apply_channel.ts";
export * from "./adstock/geometric.ts";
export * from "./adstock/delayed.ts";
export * from "./adstock/binomial.ts";
export * from "./adstock/weibull.ts";
export * from "./saturation/hill.ts";
export * from "./saturation/logistic.ts";
export * from "./saturation/michaelis_menten.ts";
export * from "./saturation/tanh.ts";
export * from "./saturation/log1p.ts";
export * from "./saturation/identity.ts";
