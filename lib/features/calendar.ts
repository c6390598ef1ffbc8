/**
 * Calendar seasonality beside the yearly Fourier terms (seed 004): month-of-year dummies and
 * week-of-month dummies, both in the `seasonality` term. The levels are those the training
 * rows have; the first of them (January, week 1, when present) is the reference.
 *
 * @module
 */
import type { BaselineSpec, MmmData } from "../types.ts";
import { epochDay } from "../dates.ts";
import type { BaselineFeature, FeatureColumn, FeatureContext } from "./feature.ts";
import { claim, dummyColumns, fail } from "./_checks.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86_400_000;

/** The month (`"Jan"` … `"Dec"`) of each day number (days since 1970-01-01). */
export function monthOfYear(days: readonly number[]): string[] {
  return days.map((d) => MONTHS[new Date(d * DAY_MS).getUTCMonth()] as string);
}

/**
 * The week of the month of each day number: `"1"` for days 1–7, `"2"` for 8–14 … `"5"` for
 * 29–31 (for weekly rows, the week of the month the row starts in).
 *
 * @example
 * ```ts
 * import { epochDay } from "mixlab/core";
 * import { weekOfMonth } from "mixlab/features/mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(weekOfMonth(["2024-03-04", "2024-03-11", "2024-03-29"].map(epochDay)), ["1", "2", "5"]);
 * ```
 */
export function weekOfMonth(days: readonly number[]): string[] {
  return days.map((d) => String(Math.ceil(new Date(d * DAY_MS).getUTCDate() / 7)));
}

type CalendarKey = "monthOfYear" | "weekOfMonth";

function calendarFeature(
  key: CalendarKey,
  labelsOf: (days: readonly number[]) => string[],
  order: readonly string[],
  prefix: string,
): BaselineFeature<CalendarKey> {
  return {
    key,
    resolve(input, names, path = `baseline.${key}`) {
      if (input === undefined || input === false) return undefined;
      if (input !== true) fail(path, `must be true or false, got ${JSON.stringify(input)}`);
      for (const level of order.slice(1)) claim(names, `${prefix}=${level}`, path);
      return true;
    },
    learn(_value: NonNullable<BaselineSpec[CalendarKey]>, train: MmmData) {
      const seen = new Set(labelsOf(train.dates.map(epochDay)));
      return order.filter((l) => seen.has(l));
    },
    columns(_value, context: FeatureContext): FeatureColumn[] {
      const levels = (context.frame.learned?.[key] as string[] | undefined) ?? [...order];
      return dummyColumns(labelsOf(context.days), levels, prefix).slice(1).map((d) => ({
        name: `${prefix}=${d.level}`,
        term: "seasonality",
        group: "seasonality",
        values: d.values,
      }));
    },
  };
}

/** `baseline.monthOfYear`: one dummy per month the training rows have, but the first. */
export const monthOfYearFeature: BaselineFeature<"monthOfYear"> = calendarFeature(
  "monthOfYear",
  monthOfYear,
  MONTHS,
  "month",
) as BaselineFeature<"monthOfYear">;

/** `baseline.weekOfMonth`: one dummy per week of the month the training rows have, but the first. */
export const weekOfMonthFeature: BaselineFeature<"weekOfMonth"> = calendarFeature(
  "weekOfMonth",
  weekOfMonth,
  ["1", "2", "3", "4", "5"],
  "week-of-month",
) as BaselineFeature<"weekOfMonth">;
