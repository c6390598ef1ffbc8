/**
 * Drift between two fits of the same model (a refresh and the model it replaces): each
 * channel's ROAS and weekly contribution before and after, with their intervals, and a flag
 * when the change is larger than both models' uncertainty allows.
 *
 * Flag rule: a channel has drifted when the interval of its ROAS change excludes 0. Each model's
 * ROAS interval gives a standard deviation, σ = (upper − lower) / (2·z), z the normal quantile of
 * the interval's level (1.645 at 90%); the change's σ is √(σ₁² + σ₂²) (the two fits treated as
 * independent), and the change's interval is Δ ± z·σ. An unchanged channel is then flagged about
 * 1 − level of the time. Without intervals (a model with neither draws nor bootstrap replicates)
 * nothing can be flagged, and the table says so.
 *
 * @module
 */
import normalQuantile from "@stdlib/dist-normal-quantile";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { Table } from "../display/table.ts";
import type { ChannelReturns, Estimate } from "./roas.ts";

/** One channel before and after. */
export interface ChannelDrift {
  /** Channel name. */
  readonly channel: string;
  /** ROAS of the previous model on its weeks. */
  readonly previousRoas: Estimate;
  /** ROAS of the refreshed model on its weeks. */
  readonly refreshedRoas: Estimate;
  /** Mean weekly contribution of the previous model. */
  readonly previousWeekly: Estimate;
  /** Mean weekly contribution of the refreshed model. */
  readonly refreshedWeekly: Estimate;
  /** Refreshed ROAS ÷ previous ROAS − 1 (NaN when the previous ROAS is 0). */
  readonly roasChange: number;
  /** Refreshed minus previous ROAS, with its interval when both models have intervals. */
  readonly roasDifference: Estimate;
  /** Whether the channel drifted (see the module doc), or undefined without intervals. */
  readonly drifted: boolean | undefined;
}

/** Options of {@link channelDrift}. */
export interface ChannelDriftOptions {
  /** Weeks the previous returns cover (for weekly contributions). */
  readonly previousWeeks: number;
  /** Weeks the refreshed returns cover. */
  readonly refreshedWeeks: number;
}

/** Drift per channel; shows itself as a table. */
export class DriftTable {
  /** One row per channel of the refreshed model, in its order. */
  readonly channels: readonly ChannelDrift[];
  /** The interval probability, when both models have intervals. */
  readonly level: number | undefined;

  /** Wraps computed rows; prefer {@link channelDrift}. */
  constructor(channels: readonly ChannelDrift[], level: number | undefined) {
    this.channels = channels;
    this.level = level;
  }

  /** The channels flagged as drifted. */
  get drifted(): readonly ChannelDrift[] {
    return this.channels.filter((c) => c.drifted === true);
  }

  /** The rows as a table. */
  toTable(): Table {
    const pct = this.level === undefined ? "" : ` (${Math.round(100 * this.level)}%)`;
    const range = (e: Estimate) =>
      e.lower === undefined ? "–" : `${e.lower.toPrecision(3)} to ${e.upper!.toPrecision(3)}`;
    return new Table(
      this.channels.map((c) => ({
        channel: c.channel,
        "previous ROAS": c.previousRoas.value,
        [`previous interval${pct}`]: range(c.previousRoas),
        "refreshed ROAS": c.refreshedRoas.value,
        [`refreshed interval${pct}`]: range(c.refreshedRoas),
        [`change interval${pct}`]: range(c.roasDifference),
        "ROAS change": Number.isFinite(c.roasChange)
          ? `${c.roasChange >= 0 ? "+" : ""}${(100 * c.roasChange).toFixed(1)}%`
          : "–",
        "previous weekly contribution": c.previousWeekly.value,
        "refreshed weekly contribution": c.refreshedWeekly.value,
        drifted: c.drifted === undefined ? "no interval" : c.drifted ? "yes" : "no",
      })),
      { caption: "ROAS and contribution drift since the previous model" },
    );
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return { level: this.level, channels: this.channels };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

function perWeek(e: Estimate, weeks: number): Estimate {
  return e.lower === undefined
    ? { value: e.value / weeks }
    : { value: e.value / weeks, lower: e.lower / weeks, upper: e.upper! / weeks };
}

/** The difference b − a with its normal-approximation interval at `level`. */
function difference(a: Estimate, b: Estimate, level: number | undefined): Estimate {
  const value = b.value - a.value;
  if (level === undefined || a.lower === undefined || b.lower === undefined) return { value };
  const z = normalQuantile((1 + level) / 2, 0, 1);
  const sa = (a.upper! - a.lower) / (2 * z), sb = (b.upper! - b.lower) / (2 * z);
  const half = z * Math.sqrt(sa * sa + sb * sb);
  return { value, lower: value - half, upper: value + half };
}

/**
 * Compares two models' channel returns (each on its own weeks).
 *
 * @example A doubled ROAS is flagged, a 5% change within the intervals is not
 * ```ts
 * import { ChannelReturns } from "mixlab";
 * import { channelDrift } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const returns = (roas: number) => new ChannelReturns([{
 *   channel: "tv", spend: 100,
 *   contribution: { value: 100 * roas, lower: 90 * roas, upper: 110 * roas },
 *   roas: { value: roas, lower: 0.9 * roas, upper: 1.1 * roas },
 *   mroas: { value: roas }, cpa: { value: 1 / roas },
 * }], "revenue", 0.9);
 * const drift = channelDrift(returns(1), returns(2), { previousWeeks: 10, refreshedWeeks: 10 });
 * assert.equal(drift.channels[0]?.drifted, true);
 * assert.equal(channelDrift(returns(1), returns(1.05), { previousWeeks: 10, refreshedWeeks: 10 })
 *   .channels[0]?.drifted, false);
 * ```
 */
export function channelDrift(
  previous: ChannelReturns,
  refreshed: ChannelReturns,
  options: ChannelDriftOptions,
): DriftTable {
  const level = previous.level !== undefined && refreshed.level !== undefined
    ? refreshed.level
    : undefined;
  const rows = refreshed.channels.map((now): ChannelDrift => {
    const before = previous.channels.find((c) => c.channel === now.channel);
    if (before === undefined) {
      throw new RangeError(
        `Cannot compare models: channel "${now.channel}" is not in the previous model`,
      );
    }
    const diff = difference(before.roas, now.roas, level);
    return {
      channel: now.channel,
      previousRoas: before.roas,
      refreshedRoas: now.roas,
      previousWeekly: perWeek(before.contribution, options.previousWeeks),
      refreshedWeekly: perWeek(now.contribution, options.refreshedWeeks),
      roasChange: before.roas.value === 0 ? NaN : now.roas.value / before.roas.value - 1,
      roasDifference: diff,
      drifted: diff.lower === undefined ? undefined : diff.lower > 0 || diff.upper! < 0,
    };
  });
  return new DriftTable(rows, level);
}
