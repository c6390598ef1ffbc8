/**
 * Holiday and event dummies from lists of dates.
 *
 * @module
 */
import type { NamedSeries } from "../types.ts";
import { dayFromIso } from "./_dates.ts";

/** Options of {@link eventDummies}. */
export interface EventDummyOptions {
  /** Days each row covers (7 for weekly rows starting on their date). @default 7 */
  readonly period?: number;
}

/**
 * One 0/1 column per event: 1 in the rows whose period `[date, date + period)` contains one of
 * the event's dates.
 *
 * @param dates ISO row dates.
 * @param events Event name → ISO dates.
 * @param options Row period.
 * @returns One column per event, named after it.
 *
 * @example Christmas falls in the week starting 2023-12-25
 * ```ts
 * import { eventDummies } from "mixlab";
 * import assert from "node:assert/strict";
 * const [xmas] = eventDummies(["2023-12-18", "2023-12-25"], { christmas: ["2023-12-25"] });
 * assert.deepEqual(Array.from(xmas!.values), [0, 1]);
 * ```
 */
export function eventDummies(
  dates: readonly string[],
  events: Readonly<Record<string, readonly string[]>>,
  options: EventDummyOptions = {},
): NamedSeries[] {
  const period = options.period ?? 7;
  const rows = dates.map(dayFromIso);
  return Object.entries(events).map(([name, eventDates]) => {
    const days = eventDates.map(dayFromIso);
    return {
      name,
      values: Float64Array.from(rows, (r) => days.some((d) => d >= r && d < r + period) ? 1 : 0),
    };
  });
}
