/**
 * Missing-value policies for one numeric column: linear interpolation, forward fill, zero.
 * Prep applies them per geo, only when the user asked; the default is to reject missing values.
 *
 * @module
 */

/** What to do with empty cells of a column. `error` rejects them (the default in prep). */
export type MissingPolicy = "error" | "interpolate" | "forward-fill" | "zero" | "drop";

/** The policies that fill a value in place (as opposed to `error` and `drop`). */
export type FillMethod = "interpolate" | "forward-fill" | "zero";

/** Options of {@link fillMissing}. */
export interface FillMissingOptions {
  /** How to fill. @default "interpolate" */
  readonly method?: FillMethod;
  /** First row of the segment to fill (per geo). @default 0 */
  readonly start?: number;
  /** End (exclusive) of the segment. @default values.length */
  readonly end?: number;
}

/**
 * Fills NaN values of a column and returns a new array; `values` is not changed.
 *
 * - `interpolate`: linear in the row index between the nearest values before and after; leading
 *   and trailing gaps take the nearest value.
 * - `forward-fill`: the last value before the gap; a leading gap takes the first value after it.
 * - `zero`: 0 (meant for spend: no record means no spend).
 *
 * @param values Column with NaN where a cell was empty.
 * @param options Method and segment.
 * @returns A filled copy (the segment filled, other rows copied).
 * @throws {RangeError} When the segment has no value at all to fill from.
 *
 * @example Interpolating a gap
 * ```ts
 * import { fillMissing } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * const out = fillMissing(new Float64Array([1, NaN, NaN, 4]));
 * assert.deepEqual(Array.from(out), [1, 2, 3, 4]);
 * ```
 */
export function fillMissing(
  values: Float64Array,
  options: FillMissingOptions = {},
): Float64Array {
  const method = options.method ?? "interpolate";
  const start = options.start ?? 0, end = options.end ?? values.length;
  const out = values.slice();
  if (method === "zero") {
    for (let i = start; i < end; i++) if (Number.isNaN(out[i])) out[i] = 0;
    return out;
  }
  let previous = -1;
  for (let i = start; i < end; i++) {
    if (!Number.isNaN(out[i])) {
      previous = i;
      continue;
    }
    let next = i;
    while (next < end && Number.isNaN(out[next])) next++;
    if (previous < 0 && next >= end) {
      throw new RangeError(
        `Cannot fill missing values: rows ${start} to ${end - 1} have no value to fill from`,
      );
    }
    for (let k = i; k < next; k++) {
      if (previous < 0) out[k] = out[next] as number;
      else if (next >= end || method === "forward-fill") out[k] = out[previous] as number;
      else {
        const w = (k - previous) / (next - previous);
        out[k] = (1 - w) * (out[previous] as number) + w * (out[next] as number);
      }
    }
    i = next - 1;
  }
  return out;
}
