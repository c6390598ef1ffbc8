/**
 * Charts: each builder takes a result and returns a {@link Chart} that displays itself.
 *
 * @module
 */
export * from "./render.ts";
export * from "./theme.ts";
