/**
 * The checks of assembling that clean nothing: the weekly calendar, the values of each column,
 * and enough dates for the model's parameters.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import { isoFromDay } from "../dates.ts";
import { optionName } from "./_read_columns.ts";
import {
  type AssembleContext,
  dayOfOrigin,
  distinctSortedDays,
  type Rows,
  SAMPLE,
} from "./_rows.ts";

/** Every geo has the same weekly dates, with no gaps; returns the distinct dates. */
export function checkCalendar(rows: Rows, ctx: AssembleContext): Float64Array {
  const { day, geo, origin } = rows;
  const { resolved, source } = ctx;
  const aggregateName = optionName(ctx.options, "aggregate");
  const dates = distinctSortedDays(day, geo);
  const all = Array.from(dates);
  const column = resolved.date;
  if (dates.length > 1) {
    const steps = new Set<number>();
    for (let i = 1; i < dates.length; i++) {
      steps.add((dates[i] as number) - (dates[i - 1] as number));
    }
    if (steps.size === 1 && steps.has(1)) {
      throw new MmmDataError(`Cannot load data: column "${column}" has daily dates`, {
        column,
        dates: all.slice(0, 3).map(isoFromDay),
        file: source,
        hint: aggregateName === undefined
          ? "export the data by week"
          : `set ${aggregateName}: "weekly" to sum days into weeks`,
      });
    }
    const irregular: number[] = [];
    const missing: number[] = [];
    const first = dates[0] as number;
    let previous = first;
    for (let i = 1; i < dates.length; i++) {
      const d = dates[i] as number;
      if ((d - first) % 7 !== 0) {
        irregular.push(d);
        continue;
      }
      for (let w = previous + 7; w < d; w += 7) missing.push(w);
      previous = d;
    }
    if (irregular.length > 0) {
      const rows = irregular.slice(0, SAMPLE).map((d) => origin[day.indexOf(d)] as number);
      throw new MmmDataError(
        `Cannot load data: column "${column}" has ${irregular.length} dates off the weekly grid (${
          irregular.slice(0, 3).map((d) => `"${isoFromDay(d)}"`).join(", ")
        })`,
        {
          column,
          rows,
          dates: irregular.slice(0, SAMPLE).map(isoFromDay),
          file: source,
          hint: "weeks must start on the same weekday; re-export weekly data" +
            (aggregateName === undefined
              ? ""
              : `, or load daily rows with ${aggregateName}: "weekly"`),
        },
      );
    }
    if (missing.length > 0) {
      throw new MmmDataError(
        `Cannot load data: column "${column}" is missing ${missing.length} weeks (${
          missing.slice(0, 3).map((d) => `"${isoFromDay(d)}"`).join(", ")
        })`,
        {
          column,
          dates: missing.slice(0, SAMPLE).map(isoFromDay),
          file: source,
          hint: "add the missing weeks to the export (with zero spend where nothing was spent)",
        },
      );
    }
  }
  if (resolved.geo !== undefined) checkGeoWeeks(rows, all, resolved.geo, source);
  return dates;
}

/** Every geo has a row for every date; otherwise an error naming each short geo. */
function checkGeoWeeks(rows: Rows, all: readonly number[], column: string, source: string): void {
  const { day, geo, geoLevels } = rows;
  const counts = new Uint32Array(geoLevels.length);
  for (const g of geo) counts[g]!++;
  const short: number[] = [];
  counts.forEach((c, g) => c !== all.length && short.push(g));
  if (short.length === 0) return;
  const first = short[0] as number;
  const have = new Set<number>();
  for (let i = 0; i < day.length; i++) if (geo[i] === first) have.add(day[i] as number);
  const lacking = all.filter((d) => !have.has(d)).slice(0, SAMPLE).map(isoFromDay);
  const names = short.map((g) => geoLevels[g] as string);
  const listed = short.slice(0, SAMPLE).map((g) =>
    `"${geoLevels[g]}" (${counts[g]} of ${all.length})`
  ).join(", ");
  throw new MmmDataError(
    `Cannot load data: ${short.length} ${
      short.length === 1 ? "geo lacks" : "geos lack"
    } weeks: ${listed}${short.length > SAMPLE ? " …" : ""}; "${geoLevels[first]}" lacks ${
      lacking.map((d) => `"${d}"`).join(", ")
    }${all.length - (counts[first] as number) > SAMPLE ? " …" : ""}`,
    {
      column,
      geos: names,
      dates: lacking,
      file: source,
      hint:
        "every geo needs a row for every week; add the missing rows (zero spend where nothing was spent)",
    },
  );
}

/** No negative spend or exposure, no all-zero channel, no constant column. */
export function checkValues(rows: Rows, ctx: AssembleContext): void {
  const { source } = ctx;
  for (const c of rows.columns) {
    if (c.role === "category" || c.role === "population") continue;
    if (c.role === "spend" || c.role === "exposure") {
      const sample: number[] = [];
      let count = 0;
      for (let i = 0; i < c.values.length; i++) {
        if ((c.values[i] as number) < 0) {
          count++;
          if (sample.length < SAMPLE) sample.push(rows.origin[i] as number);
        }
      }
      if (count > 0) {
        throw new MmmDataError(
          `Cannot load data: ${c.role} column "${c.column}" has ${count} negative values`,
          {
            column: c.column,
            rows: sample,
            dates: sample.map((r) => isoFromDay(dayOfOrigin(rows, r))),
            file: source,
            hint: "spend cannot be negative; fix refunds or corrections in the export",
          },
        );
      }
    }
    let min = Infinity, max = -Infinity;
    for (const v of c.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (c.role === "spend" && max === 0) {
      throw new MmmDataError(`Cannot load data: spend column "${c.column}" is zero in every row`, {
        column: c.column,
        file: source,
        hint: "a channel without spend has no effect to estimate; leave it out of channels",
      });
    }
    if (min === max && c.role !== "exposure") {
      throw new MmmDataError(
        `Cannot load data: column "${c.column}" has the same value (${min}) in every row`,
        {
          column: c.column,
          file: source,
          hint: c.role === "kpi"
            ? "a constant KPI cannot be explained; check the export"
            : "a constant column cannot be told apart from the intercept; leave it out",
        },
      );
    }
  }
}

/** More dates than parameters (an error), and twice as many (else a warning). */
export function checkRowCount(dates: Float64Array, ctx: AssembleContext): void {
  const { resolved, options, source, entries } = ctx;
  const perChannel = options.parametersPerChannel ?? 3;
  const parameters = 1 + resolved.spend.length * perChannel + resolved.controls.length;
  if (dates.length <= parameters) {
    throw new MmmDataError(
      `Cannot load data: ${dates.length} dates are too few for ${parameters} parameters`,
      {
        file: source,
        rows: [],
        hint: `a model with ${resolved.spend.length} channels and ${resolved.controls.length} ` +
          `controls needs more than ${parameters} weeks; use fewer channels or a longer history`,
      },
    );
  }
  if (dates.length < 2 * parameters) {
    entries.push({
      check: "rows",
      status: "warning",
      detail: `${dates.length} dates for ${parameters} parameters; estimates will be uncertain`,
    });
  } else {
    entries.push({
      check: "rows",
      status: "ok",
      detail: `${dates.length} dates for ${parameters} parameters`,
    });
  }
}
