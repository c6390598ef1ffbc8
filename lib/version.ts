/**
 * mixlab's version, written into result.json and saved models. Kept equal to `version` in
 * deno.json (a test checks it).
 *
 * @module
 */

/**
 * The library version.
 *
 * @example A semantic version
 * ```ts
 * import { VERSION } from "mixlab";
 * import assert from "node:assert/strict";
 * assert.match(VERSION, /^\d+\.\d+\.\d+$/);
 * ```
 */
export const VERSION = "0.1.0";
