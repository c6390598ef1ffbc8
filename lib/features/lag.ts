/**
 * Lagged copies of a column.
 *
 * @module
 */
import { rowBlocks } from "../mmm_data.ts";
import type { BaselineFeature, FeatureColumn, FeatureContext } from "./feature.ts";
import { claim, fail, record, requireColumn } from "./_checks.ts";

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
 * import { lagSeries } from "mixlab/features";
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

/** The lagged column of one series: `history ++ data`, shifted within each geo, data rows kept. */
function laggedColumn(
  context: FeatureContext,
  name: string,
  lag: number,
  fillFirst: boolean,
): Float64Array {
  const values = context.columns.get(name) as Float64Array;
  const past = context.historyColumns?.get(name);
  const history = context.history;
  const hBlocks = history && past ? rowBlocks(history) : [];
  const out = new Float64Array(values.length);
  for (const b of rowBlocks(context.data)) {
    const h = hBlocks.find((x) => x.label === b.label);
    const before = h && past ? past.subarray(h.start, h.end) : new Float64Array(0);
    const own = values.subarray(b.start, b.end);
    const series = new Float64Array(before.length + own.length);
    series.set(before);
    series.set(own, before.length);
    const fill = fillFirst ? (series[0] as number) : 0;
    out.set(lagSeries(series, lag, { fill }).subarray(before.length), b.start);
  }
  return out;
}

/**
 * `baseline.lags`: lagged copies of a channel's media column (its lag adds to the channel's
 * contribution) or of a control. A row without a predecessor (in the training data, or before a
 * forecast's history) takes 0 for a channel (nothing was spent) and the first value for a
 * control. With a history, the lag continues from its last rows (per geo).
 */
export const lagsFeature: BaselineFeature<"lags"> = {
  key: "lags",
  resolve(input, names, key = "baseline.lags") {
    if (input === undefined) return undefined;
    const out: Record<string, readonly number[]> = {};
    for (const [name, lags] of Object.entries(record(input, key, "name → lags"))) {
      const k = `${key}.${name}`;
      requireColumn(names, name, k, "channel or control");
      const list = Array.isArray(lags) ? lags : [lags];
      if (list.length === 0) fail(k, "must list at least one lag");
      list.forEach((lag, i) => {
        if (typeof lag !== "number" || !Number.isInteger(lag) || lag < 1 || lag > 104) {
          fail(
            `${k}[${i}]`,
            `must be a whole number of rows from 1 to 104, got ${JSON.stringify(lag)}`,
          );
        }
      });
      if (new Set(list).size !== list.length) fail(k, "lists a lag twice");
      for (const lag of list) claim(names, `${name}_lag${lag}`, k);
      out[name] = [...list] as number[];
    }
    return out;
  },
  columns(value, context) {
    return Object.entries(value).flatMap(([name, lags]) => {
      const channel = context.data.channels.some((c) => c.name === name);
      return lags.map((lag): FeatureColumn => ({
        name: `${name}_lag${lag}`,
        term: name,
        group: channel ? "media" : "control",
        values: laggedColumn(context, name, lag, !channel),
      }));
    });
  },
};
