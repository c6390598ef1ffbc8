/**
 * Spend plans: the future weeks a forecast runs on, as an {@link MmmData} whose dates continue
 * weekly after the history. A plan comes from a rule ("the last 13 weeks' average, +20% on TV")
 * or from explicit weekly spends per channel.
 *
 * A plan's KPI column is unknown and set to zeros; models ignore it when predicting.
 *
 * @module
 */
import { mean } from "../_internal/array.ts";
import { ConfigError } from "../errors.ts";
import type { MmmData } from "../types.ts";
import { continueWeekly } from "../dates.ts";

/** Options of {@link spendPlan}. */
export interface SpendPlanOptions {
  /** Number of future weeks. @default 13 */
  readonly weeks?: number;
  /** The basis is the average weekly spend of this many final history weeks. @default 13 */
  readonly basisWeeks?: number;
  /** Multipliers on the basis per channel, e.g. `{ tv: 1.2 }` for +20%. @default {} */
  readonly multipliers?: Readonly<Record<string, number>>;
  /** Explicit weekly spend per channel, overriding the basis. @default {} */
  readonly weeklySpend?: Readonly<Record<string, number>>;
  /** Weekly control values; controls not named hold their basis-window mean. @default {} */
  readonly controls?: Readonly<Record<string, number>>;
  /** Labels of text columns (a season …); columns not named hold their last week's label. @default {} */
  readonly categories?: Readonly<Record<string, string>>;
}

/**
 * A future spend plan built from a rule on the history's final weeks.
 *
 * @example Next quarter at the last quarter's average, +20% on TV
 * ```ts
 * import { spendPlan } from "mixlab";
 * import assert from "node:assert/strict";
 * const history = {
 *   dates: ["2024-01-01", "2024-01-08"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([1, 2]) },
 *   channels: [{ name: "tv", spend: new Float64Array([10, 30]) }], controls: [],
 * };
 * const plan = spendPlan(history, { weeks: 2, basisWeeks: 2, multipliers: { tv: 1.2 } });
 * assert.deepEqual(plan.dates, ["2024-01-15", "2024-01-22"]);
 * assert.equal(plan.channels[0]?.spend[0], 24);
 * ```
 */
export function spendPlan(history: MmmData, options: SpendPlanOptions = {}): MmmData {
  const weeks = options.weeks ?? 13;
  const n = history.dates.length;
  const basisWeeks = Math.min(options.basisWeeks ?? 13, n);
  if (!Number.isInteger(weeks) || weeks < 1) {
    throw new ConfigError(
      `Cannot build a spend plan: weeks must be a positive integer, got ${weeks}`,
      {
        key: "weeks",
      },
    );
  }
  const multipliers = options.multipliers ?? {};
  const weeklySpend = options.weeklySpend ?? {};
  const controls = options.controls ?? {};
  const channelNames = history.channels.map((c) => c.name);
  checkNames("multipliers", multipliers, channelNames, true);
  checkNames("weeklySpend", weeklySpend, channelNames, true);
  checkNames("controls", controls, history.controls.map((c) => c.name), false);
  for (const name of Object.keys(options.categories ?? {})) {
    if (!(history.categories ?? []).some((c) => c.name === name)) {
      throw new ConfigError(
        `Cannot build a spend plan: "${name}" in categories is not a text column of the history`,
        { key: `categories.${name}` },
      );
    }
  }
  const basis = (v: Float64Array) => mean(v.subarray(n - basisWeeks));
  const constant = (v: number) => new Float64Array(weeks).fill(v);
  return {
    dates: continueWeekly(history.dates[n - 1] as string, weeks),
    kpi: { name: history.kpi.name, values: new Float64Array(weeks) },
    kpiKind: history.kpiKind,
    channels: history.channels.map((c) => ({
      name: c.name,
      spend: constant(weeklySpend[c.name] ?? basis(c.spend) * (multipliers[c.name] ?? 1)),
    })),
    controls: history.controls.map((c) => ({
      name: c.name,
      values: constant(controls[c.name] ?? basis(c.values)),
    })),
    ...(history.categories
      ? {
        categories: history.categories.map((c) => ({
          name: c.name,
          values: new Array<string>(weeks).fill(
            options.categories?.[c.name] ?? (c.values[n - 1] as string),
          ),
        })),
      }
      : {}),
  };
}

function checkNames(
  what: string,
  record: Readonly<Record<string, number>>,
  allowed: readonly string[],
  nonNegative: boolean,
): void {
  for (const [name, value] of Object.entries(record)) {
    if (!allowed.includes(name)) {
      throw new ConfigError(
        `Cannot build a spend plan: "${name}" in ${what} is not one of ${
          allowed.map((a) => `"${a}"`).join(", ")
        }`,
        { key: `${what}.${name}` },
      );
    }
    if (!Number.isFinite(value) || (nonNegative && value < 0)) {
      throw new ConfigError(
        `Cannot build a spend plan: ${what}.${name} must be a finite number${
          nonNegative ? " ≥ 0" : ""
        }, got ${value}`,
        { key: `${what}.${name}` },
      );
    }
  }
}
