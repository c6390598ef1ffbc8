/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC), shared by prep and sim.
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

/** Day number of an ISO `yyyy-mm-dd` string (trusted input). */
export function dayFromIso(iso: string): number {
  return Math.round(Date.parse(iso.slice(0, 10) + "T00:00:00Z") / MS_PER_DAY);
}

/** Weekday of a day number, 0 = Monday … 6 = Sunday. */
export function weekdayOfDay(day: number): number {
  // 1970-01-01 was a Thursday (weekday 3).
  return (((day + 3) % 7) + 7) % 7;
}

/** Fraction of the year elapsed at a day number (0 on 1 January), for seasonality. */
export function yearFraction(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  const year = d.getUTCFullYear();
  const start = Date.UTC(year, 0, 1) / MS_PER_DAY;
  const end = Date.UTC(year + 1, 0, 1) / MS_PER_DAY;
  return (day - start) / (end - start);
}
