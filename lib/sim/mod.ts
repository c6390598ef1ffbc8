/**
 * Simulated weekly MMM data with known truth, and the bundled sets in data/.
 *
 * @module
 */
export * from "./simulate.ts";
export * from "./truth.ts";
export type { SpendPattern } from "./_spend.ts";
export * from "./response.ts";
export * from "./presets.ts";
export * from "./write_simulation.ts";
export * from "./summary.ts";
export * from "./lift_test.ts";
