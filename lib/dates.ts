/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC): the one place where ISO dates
 * become numbers and back, for prep, features, models, sim, forecast and plot.
 *
 * @module
 */

const MS_PER_DAY = 86_400_000;

/** Day number of a calendar date, or `undefined` when the date does not exist (2024-02-30). */
export function dayFromParts(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return undefined;
  }
  return Math.round(ms / MS_PER_DAY);
}

/** ISO `yyyy-mm-dd` of a day number. */
export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Days since 1970-01-01 of an ISO date (`yyyy-mm-dd`, anything after the day is ignored).
 *
 * @example One week after the epoch
 * ```ts
 * import { epochDay } from "mixlab/core";
 * import assert from "node:assert/strict";
 * assert.equal(epochDay("1970-01-08"), 7);
 * ```
 */
export function epochDay(date: string): number {
  const y = Number(date.slice(0, 4)), m = Number(date.slice(5, 7)), d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** Weekday of a day number, 0 = Monday … 6 = Sunday. */
export function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday (weekday 3).
  return (((day + 3) % 7) + 7) % 7;
}

/** Calendar year (UTC) of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Days since 1 January of the day's year (0 on 1 January), for seasonality. */
export function dayOfYear(day: number): number {
  return day - Date.UTC(yearOfDay(day), 0, 1) / MS_PER_DAY;
}

/**
 * `weeks` ISO dates, 7 days apart, after `last`.
 *
 * @example The two weeks after a Monday
 * ```ts
 * import { continueWeekly } from "mixlab/core";
 * import assert from "node:assert/strict";
 * assert.deepEqual(continueWeekly("2024-12-23", 2), ["2024-12-30", "2025-01-06"]);
 * ```
 */
export function continueWeekly(last: string, weeks: number): string[] {
  const first = epochDay(last);
  return Array.from({ length: weeks }, (_, i) => isoFromDay(first + (i + 1) * 7));
}

/** ISO `yyyy-mm-dd` strings to UTC `Date`s (midnight), for time axes. */
export function toDates(dates: readonly string[]): Date[] {
  return dates.map((d) => new Date(epochDay(d) * MS_PER_DAY));
}
