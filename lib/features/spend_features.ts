/**
 * Spend-derived features: share of voice, total spend and zero-spend indicators, as series
 * helpers and as feature kinds of a model (seeds 002 and 004). In a model each one belongs to
 * channels, computed from the rows' raw spend, so a spend plan's zeros and levels carry
 * through forecasts, scenarios and the optimizer.
 *
 * @module
 */
import type { MmmData } from "../types.ts";
import type { BaselineFeature, FeatureColumn } from "./feature.ts";
import { claim, controlValues, fail, record, requireColumn, stringList } from "./_checks.ts";

/**
 * Share of voice: own spend / (own + competitor spend) per row, 0 when both are 0.
 *
 * @example Half the voice
 * ```ts
 * import { shareOfVoice } from "mixlab/features";
 * import assert from "node:assert/strict";
 * const sov = shareOfVoice(new Float64Array([50, 0, 0]), new Float64Array([50, 10, 0]));
 * assert.deepEqual(Array.from(sov), [0.5, 0, 0]);
 * ```
 */
export function shareOfVoice(own: Float64Array, competitor: Float64Array): Float64Array {
  if (own.length !== competitor.length) {
    throw new RangeError(
      `Cannot compute share of voice: lengths differ (${own.length} and ${competitor.length})`,
    );
  }
  return own.map((v, i) => {
    const total = v + (competitor[i] as number);
    return total > 0 ? v / total : 0;
  });
}

/**
 * 1 in rows without spend, else 0 (lets a model give dark weeks their own level).
 *
 * @example Dark weeks
 * ```ts
 * import { zeroSpendIndicator } from "mixlab/features";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(zeroSpendIndicator(new Float64Array([0, 5, 0]))), [1, 0, 1]);
 * ```
 */
export function zeroSpendIndicator(spend: Float64Array): Float64Array {
  return spend.map((v) => v === 0 ? 1 : 0);
}

/** Raw spend of a channel of the rows. */
function spendOf(data: MmmData, name: string): Float64Array {
  return (data.channels.find((c) => c.name === name) as { spend: Float64Array }).spend;
}

/**
 * `baseline.shareOfVoice`: channel → a control with competitors' spend; the column
 * `own / (own + competitors)` (0 when both are 0) belongs to the channel.
 */
export const shareOfVoiceFeature: BaselineFeature<"shareOfVoice"> = {
  key: "shareOfVoice",
  resolve(input, names, key = "baseline.shareOfVoice") {
    if (input === undefined) return undefined;
    const out: Record<string, string> = {};
    for (const [channel, competitor] of Object.entries(record(input, key, "channel → column"))) {
      const k = `${key}.${channel}`;
      requireColumn(names, channel, k, "channel");
      if (typeof competitor !== "string" || competitor === "") {
        fail(k, "must name the column of competitors' spend");
      }
      claim(names, `${channel} share of voice`, k);
      out[channel] = competitor;
    }
    return out;
  },
  columns(value, context) {
    return Object.entries(value).map(([channel, competitor]): FeatureColumn => ({
      name: `${channel} share of voice`,
      term: channel,
      group: "media",
      values: shareOfVoice(
        spendOf(context.data, channel),
        controlValues(context.data, competitor, `baseline.shareOfVoice.${channel}`),
      ),
    }));
  },
};

/**
 * `baseline.totalSpend`: the model's total weekly spend divided by its training mean, one
 * column whose coefficient every channel shares; each channel's part is its own spend over
 * the same mean.
 */
export const totalSpendFeature: BaselineFeature<"totalSpend"> = {
  key: "totalSpend",
  resolve(input, names, key = "baseline.totalSpend") {
    if (input === undefined || input === false) return undefined;
    if (input !== true) fail(key, `must be true or false, got ${JSON.stringify(input)}`);
    claim(names, "total spend", key);
    return true;
  },
  learn(_value, train, channels) {
    let total = 0;
    for (const name of channels) for (const v of spendOf(train, name)) total += v;
    const mean = total / train.dates.length;
    if (!(mean > 0)) fail("baseline.totalSpend", "needs spend in the training rows");
    return mean;
  },
  columns(_value, context) {
    const mean = context.frame.learned?.totalSpend as number;
    const channels = context.data.channels.filter((c) => context.columns.has(c.name));
    const parts = channels.map((c) => ({ term: c.name, values: c.spend.map((v) => v / mean) }));
    const values = new Float64Array(context.data.dates.length);
    for (const p of parts) for (let t = 0; t < values.length; t++) values[t]! += p.values[t]!;
    return [{ name: "total spend", term: "total spend", group: "media", values, parts }];
  },
};

/**
 * `baseline.zeroSpend`: channels with an on-air column, 1 in rows with spend and 0 in dark rows
 * (the complement of {@link zeroSpendIndicator}, so that it belongs to the channel: without its
 * spend the channel is dark in every row).
 */
export const zeroSpendFeature: BaselineFeature<"zeroSpend"> = {
  key: "zeroSpend",
  resolve(input, names, key = "baseline.zeroSpend") {
    if (input === undefined) return undefined;
    const list = stringList(input, key);
    list.forEach((channel, i) => {
      requireColumn(names, channel, `${key}[${i}]`, "channel");
      claim(names, `${channel} on`, `${key}[${i}]`);
    });
    return list;
  },
  columns(value, context) {
    return value.map((channel): FeatureColumn => ({
      name: `${channel} on`,
      term: channel,
      group: "media",
      values: zeroSpendIndicator(spendOf(context.data, channel)).map((v) => 1 - v),
    }));
  },
};
