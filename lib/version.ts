/**
 * mixlab's version, written into result.json and saved models. Kept equal to `version` in
 * deno.json (a test checks it).
 *
 * @module
 */

/** The library version. */
export const VERSION = "0.1.0";
