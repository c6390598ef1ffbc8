/**
 * Features: the columns a model derives from the data beyond media and controls, built in one
 * place for the design matrix, prep's helpers and the simulator.
 *
 * - Baseline features (trend, yearly Fourier seasonality, event dummies) are kinds of one
 *   registry (`BASELINE_FEATURES`): each validates its key of the spec's `baseline` and builds
 *   its design columns on the training frame. A new kind is one more entry.
 * - Series helpers: lags, share of voice, zero-spend indicators, Box-Cox and log transforms.
 *
 * @module
 */
export * from "./feature.ts";
export * from "./baseline.ts";
export * from "./trend.ts";
export * from "./fourier.ts";
export * from "./events.ts";
export * from "./lag.ts";
export * from "./spend_features.ts";
export * from "./box_cox.ts";
export * from "./calendar.ts";
export * from "./categoricals.ts";
export * from "./interactions.ts";
