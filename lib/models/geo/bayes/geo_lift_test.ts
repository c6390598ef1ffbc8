/**
 * A lift test of the geo model: the national model's lift test (channel, weeks, measured lift and
 * its standard error, in KPI units) with the geos it ran in.
 *
 * @module
 */
import type { LiftTest } from "../../../types.ts";

/**
 * A lift test run in some geos: the lift is the incremental KPI summed over `geos` and the
 * test's weeks.
 *
 * @example A test of tv in two geos
 * ```ts
 * import type { GeoLiftTest } from "mixlab/models/geo";
 * const test: GeoLiftTest = {
 *   channel: "tv", start: "2024-03-04", end: "2024-03-25", lift: 1200, standardError: 300,
 *   geos: ["north", "south"],
 * };
 * console.assert(test.geos?.length === 2);
 * ```
 */
export interface GeoLiftTest extends LiftTest {
  /** The geos the test ran in. @default every geo */
  readonly geos?: readonly string[];
}
