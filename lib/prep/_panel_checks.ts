/**
 * The checks of a geo panel beyond its calendar (`_checks.ts` checks that every geo has every
 * week): the population column holds one positive value per geo, and each channel spends in every
 * geo. A geo with zero or varying population is an error naming the geos; a channel with no spend
 * in a geo is a warning naming the channel and the geos, since that geo carries no information on
 * the channel and a per-geo estimate there is prior (or pooling) alone.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import { type AssembleContext, type Column, type Rows, SAMPLE, segments } from "./_rows.ts";

function quoted(names: readonly string[]): string {
  return names.slice(0, SAMPLE).map((n) => `"${n}"`).join(", ") +
    (names.length > SAMPLE ? ` and ${names.length - SAMPLE} more` : "");
}

/** Runs the panel checks when the data has a geo column; records what it found. */
export function checkPanel(rows: Rows, ctx: AssembleContext): void {
  const { resolved, options } = ctx;
  if (resolved.geo === undefined) return;
  const geos = segments(rows.geo).map(([start, end]) => ({
    name: rows.geoLevels[rows.geo[start] as number] as string,
    start,
    end,
  }));
  const population = rows.columns.find((c) => c.role === "population");
  if (population) checkPopulation(population, geos, ctx);
  rows.columns.forEach((c) => {
    if (c.role !== "spend") return;
    const j = resolved.spend.indexOf(c.column);
    const channel = options.columns.channels[j]?.name ?? c.column;
    const idle = geos.filter(({ start, end }) => {
      for (let i = start; i < end; i++) if ((c.values[i] as number) !== 0) return false;
      return true;
    }).map((g) => g.name);
    if (idle.length === 0) return;
    ctx.entries.push({
      check: "geo-spend",
      status: "warning",
      column: c.column,
      geos: idle,
      detail: `channel "${channel}" has no spend in ${idle.length} of ${geos.length} geos (${
        quoted(idle)
      }): its effect there cannot be estimated from the data`,
    });
  });
}

function checkPopulation(
  column: Column,
  geos: readonly { name: string; start: number; end: number }[],
  ctx: AssembleContext,
): void {
  const v = column.values;
  const nonPositive = geos.filter(({ start, end }) => {
    for (let i = start; i < end; i++) if (!((v[i] as number) > 0)) return true;
    return false;
  }).map((g) => g.name);
  if (nonPositive.length > 0) {
    throw new MmmDataError(
      `Cannot load data: population column "${column.column}" is zero or negative in ${nonPositive.length} ${
        nonPositive.length === 1 ? "geo" : "geos"
      }: ${quoted(nonPositive)}`,
      {
        column: column.column,
        geos: nonPositive,
        file: ctx.source,
        hint: "give every geo its population (people, households or another positive size)",
      },
    );
  }
  const varying = geos.filter(({ start, end }) => {
    for (let i = start + 1; i < end; i++) if (v[i] !== v[start]) return true;
    return false;
  }).map((g) => g.name);
  if (varying.length > 0) {
    throw new MmmDataError(
      `Cannot load data: population column "${column.column}" changes over time in ${
        quoted(varying)
      }`,
      {
        column: column.column,
        geos: varying,
        file: ctx.source,
        hint: "population is one number per geo; use the same value in every week of a geo",
      },
    );
  }
  let min = Infinity, max = -Infinity;
  for (const g of geos) {
    min = Math.min(min, v[g.start] as number);
    max = Math.max(max, v[g.start] as number);
  }
  ctx.entries.push({
    check: "population",
    status: "ok",
    column: column.column,
    detail: `population per geo from ${min} to ${max} in ${geos.length} geos`,
  });
}
