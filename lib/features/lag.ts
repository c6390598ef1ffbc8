/**
 * Lagged copies of a column.
 *
 * @module
 */

/** Options of {@link lagSeries}. */
export interface LagOptions {
  /** Value for the first `lag` rows (of each geo). @default 0 */
  readonly fill?: number;
  /** Geo label per row: lags do not cross geos. @default undefined */
  readonly groups?: readonly string[];
}

/**
 * `out[t] = values[t − lag]`, with `fill` where t − lag falls before the series (or its geo).
 *
 * @example Lag by one week
 * ```ts
 * import { lagSeries } from "mixlab";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(lagSeries(new Float64Array([1, 2, 3]), 1)), [0, 1, 2]);
 * ```
 */
export function lagSeries(
  values: Float64Array,
  lag: number,
  options: LagOptions = {},
): Float64Array {
  if (!Number.isInteger(lag) || lag < 0) {
    throw new RangeError(`Cannot lag a series: lag must be a whole number ≥ 0, got ${lag}`);
  }
  const fill = options.fill ?? 0, groups = options.groups;
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) {
    const s = t - lag;
    out[t] = s >= 0 && (groups === undefined || groups[s] === groups[t])
      ? values[s] as number
      : fill;
  }
  return out;
}
