/**
 * Holiday and event dummies from lists of dates.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { NamedSeries } from "../types.ts";
import { epochDay } from "../dates.ts";
import type { BaselineFeature } from "./feature.ts";

/** Options of {@link eventDummies}. */
export interface EventDummyOptions {
  /** Days each row covers (7 for weekly rows starting on their date). @default 7 */
  readonly period?: number;
}

/** Event dummy columns of day numbers (see {@link eventDummies}). */
export function eventColumns(
  days: ArrayLike<number>,
  events: Readonly<Record<string, readonly string[]>>,
  options: EventDummyOptions = {},
): NamedSeries[] {
  const period = options.period ?? 7;
  return Object.entries(events).map(([name, eventDates]) => {
    const ev = eventDates.map(epochDay);
    return {
      name,
      values: Float64Array.from(days, (d) => ev.some((e) => e >= d && e < d + period) ? 1 : 0),
    };
  });
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
 * import { eventDummies } from "mixlab/features";
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
  return eventColumns(dates.map(epochDay), events, options);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `baseline.events`: one 0/1 column per named list of dates, 1 in the rows that contain one. */
export const eventsFeature: BaselineFeature<"events"> = {
  key: "events",
  resolve(input, names) {
    const events: Record<string, readonly string[]> = {};
    for (const [name, dates] of Object.entries(input ?? {})) {
      if (names.has(name) || !Array.isArray(dates)) {
        throw new ConfigError(
          `Cannot define model spec: event "${name}" must be a new name with a list of dates`,
          { key: `baseline.events.${name}` },
        );
      }
      const bad = dates.find((d) => typeof d !== "string" || !ISO_DATE.test(d));
      if (bad !== undefined) {
        throw new ConfigError(`Cannot define model spec: event "${name}" has date "${bad}"`, {
          key: `baseline.events.${name}`,
          hint: "write dates as yyyy-mm-dd",
        });
      }
      names.add(name);
      events[name] = [...dates];
    }
    return events;
  },
  columns(events, context) {
    return eventColumns(context.days, events, { period: context.frame.periodDays }).map((c) => ({
      ...c,
      term: c.name,
      group: "event",
    }));
  },
};
