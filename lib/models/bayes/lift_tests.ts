/**
 * Lift tests of the Bayesian MMM placed on the rows of the data it is fitted on.
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import type { LiftTest, MmmData } from "../../types.ts";

/** A lift test located on the rows: channel index and row window [start, end). */
export interface ResolvedLiftTest {
  /** Index of the channel in the spec. */
  readonly channel: number;
  /** First row of the window. */
  readonly start: number;
  /** Row after the last of the window. */
  readonly end: number;
  /** Measured incremental KPI. */
  readonly lift: number;
  /** Its standard error. */
  readonly standardError: number;
}

/**
 * Places lift tests on the rows of `data`: the window is every row dated from `start` to `end`
 * (inclusive). Errors name `<key>[i]`.
 *
 * @param data The rows the model is fitted on.
 * @param spec The model spec (its channels; anything with named channels).
 * @param tests The lift tests.
 * @param key The config key of the list, for errors.
 * @returns The tests with channel indices and row windows.
 * @throws {ConfigError} For an unknown channel, a lift that is not a non-zero number, a missing
 * or non-positive standard error, or a window that does not lie within the rows.
 *
 * @example A two-week test on the second and third rows
 * ```ts
 * import { resolveLiftTests } from "mixlab/models/bayes/mod.ts";
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: Float64Array.of(1, 2, 3, 4) },
 *   channels: [{ name: "tv", spend: Float64Array.of(1, 1, 1, 1) }], controls: [],
 * };
 * const [t] = resolveLiftTests(data, defineModelSpec({ channels: ["tv"] }), [
 *   { channel: "tv", start: "2024-01-08", end: "2024-01-15", lift: 5, standardError: 1 },
 * ], "liftTests");
 * assert.deepEqual([t!.start, t!.end], [1, 3]);
 * ```
 */
export function resolveLiftTests(
  data: Pick<MmmData, "dates">,
  spec: { readonly channels: readonly { readonly name: string }[] },
  tests: readonly LiftTest[],
  key: string,
): ResolvedLiftTest[] {
  return tests.map((lt, i) => {
    const k = `${key}[${i}]`;
    const channel = spec.channels.findIndex((c) => c.name === lt.channel);
    if (channel < 0) {
      throw new ConfigError(`Cannot use lift test: channel "${lt.channel}" is not in the model`, {
        key: `${k}.channel`,
        channel: lt.channel,
        hint: `use one of ${spec.channels.map((c) => `"${c.name}"`).join(", ")}`,
      });
    }
    if (!(Number.isFinite(lt.lift) && lt.lift !== 0)) {
      throw new ConfigError(`Cannot use lift test: its lift is ${lt.lift}`, {
        key: `${k}.lift`,
        channel: lt.channel,
        hint: "give the measured incremental KPI over the test window as a non-zero number",
      });
    }
    const se = lt.standardError;
    if (se === undefined || !(Number.isFinite(se) && se > 0)) {
      throw new ConfigError(`Cannot use lift test: its standard error is ${se}`, {
        key: `${k}.standardError`,
        channel: lt.channel,
        hint: "give the standard error of the measured lift (KPI units), a positive number",
      });
    }
    let start = -1, end = -1;
    data.dates.forEach((d, t) => {
      if (d >= lt.start && d <= lt.end) {
        if (start < 0) start = t;
        end = t + 1;
      }
    });
    const first = data.dates[0] as string, last = data.dates[data.dates.length - 1] as string;
    if (start < 0 || lt.start < first || lt.end > last) {
      throw new ConfigError(
        `Cannot use lift test: its window "${lt.start}" to "${lt.end}" is not within the fitted dates "${first}" to "${last}"`,
        { key: k, channel: lt.channel, dates: [lt.start, lt.end] },
      );
    }
    return { channel, start, end, lift: lt.lift, standardError: se };
  });
}
