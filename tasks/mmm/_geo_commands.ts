/**
 * The geo branches of `mmm optimize` and `mmm forecast` (a `--result` of a panel fit): the
 * budget split by geo and channel (or nationally, geos in their current proportions) and the
 * forecast by geo, each written as JSON, a CSV (optimize) and a one-page HTML report whose
 * tables escape every name.
 *
 * @module
 */
import { join } from "std/path";
import { Table } from "../../lib/display/table.ts";
import { ConfigError } from "../../lib/errors.ts";
import { type GeoAllocation, optimizeGeoBudget } from "../../lib/optimize/geo_budget.ts";
import type { ChannelBound } from "../../lib/optimize/types.ts";
import { toCsv } from "../../lib/report/csv.ts";
import type { GeoResultJson } from "../../lib/report/geo_report.ts";
import { renderReport } from "../../lib/report/html_report.ts";
import { writeTextAtomic } from "../_atomic_write.ts";
import { forecastGeoResult, geoCells } from "./_geo_result.ts";

/** What `mmm optimize` passes for a geo result. */
export interface GeoOptimizeArgs {
  readonly budget: number | undefined;
  readonly level: string | undefined;
  readonly channelBounds: Record<string, ChannelBound>;
  readonly geoBounds: Record<string, ChannelBound>;
  readonly target: boolean;
}

const totalsTable = (rows: GeoAllocation["channels"], what: string, caption: string) =>
  new Table(
    rows.map((r) => ({
      [what]: r.name,
      "current spend": r.currentSpend,
      "optimal spend": r.optimalSpend,
      "change %": r.currentSpend > 0 ? 100 * (r.optimalSpend / r.currentSpend - 1) : undefined,
      "current KPI": r.currentResponse,
      "optimal KPI": r.optimalResponse,
    })),
    { caption },
  );

/** Splits the weekly budget of a geo fit and writes allocation.json, .csv and .html. */
export async function optimizeGeo(
  result: GeoResultJson,
  args: GeoOptimizeArgs,
  out: string,
): Promise<number> {
  if (args.target) {
    throw new ConfigError(
      "Cannot optimize a geo fit for a target: only a budget split is available by geo",
      { key: "--target-roas", hint: "give --budget (or none: the current weekly spend)" },
    );
  }
  const level = args.level ?? "geo";
  if (level !== "geo" && level !== "national") {
    throw new ConfigError(`Cannot optimize: --level must be "geo" or "national", got "${level}"`, {
      key: "--level",
    });
  }
  // every cell (by geo) or channel total (nationally) between 0 and 3 × today's, as for national
  // models, unless --bounds says otherwise
  const upTo3 = { minChange: -1, maxChange: 2 };
  const split = optimizeGeoBudget(geoCells(result), {
    level,
    ...(args.budget === undefined ? {} : { budget: args.budget }),
    geoBounds: args.geoBounds,
    ...(level === "geo" ? { channelBounds: args.channelBounds, cellBound: upTo3 } : {
      channelBounds: {
        ...Object.fromEntries(result.channels.map((c) => [c.name, upTo3])),
        ...args.channelBounds,
      },
    }),
  });
  const t = split.solution.totals;
  const html = renderReport("Budget split by geo and channel", [
    {
      title: "By channel (every geo)",
      blocks: [{
        kind: "table",
        table: totalsTable(split.channels, "channel", "Weekly spend and KPI"),
      }],
    },
    {
      title: "By geo (every channel)",
      blocks: [{ kind: "table", table: totalsTable(split.geos, "geo", "Weekly spend and KPI") }],
    },
    { title: "By geo and channel", blocks: [{ kind: "table", table: split.toTable() }] },
  ], {
    subtitle:
      `Model: ${result.model.kind} on ${result.geo.geos.length} geos; ${level} split; weekly KPI from media ${
        t.currentResponse.toFixed(0)
      } → ${t.optimalResponse.toFixed(0)}`,
  });
  const csv = toCsv(
    split.cells.map((c) => ({
      geo: c.geo,
      channel: c.channel,
      current_spend: c.currentSpend,
      optimal_spend: c.optimalSpend,
      current_response: c.currentResponse,
      optimal_response: c.optimalResponse,
    })),
    ["geo", "channel", "current_spend", "optimal_spend", "current_response", "optimal_response"],
  );
  await Deno.mkdir(out, { recursive: true });
  await writeTextAtomic(join(out, "allocation.json"), JSON.stringify(split, null, 2) + "\n");
  await writeTextAtomic(join(out, "allocation.csv"), csv);
  await writeTextAtomic(join(out, "allocation.html"), html);
  console.log(totalsTable(split.channels, "channel", `${level} split`).toText());
  return 0;
}

/** Forecasts every geo of a geo fit and writes forecast.json and forecast.html. */
export async function forecastGeoCommand(
  result: GeoResultJson,
  resultPath: string,
  weeks: number,
  multipliers: Record<string, number>,
  out: string,
): Promise<number> {
  const byGeo = await forecastGeoResult(result, resultPath, weeks, multipliers);
  const dates = byGeo[0]!.dates;
  const national = dates.map((_, t) => byGeo.reduce((a, g) => a + g.kpi[t]!, 0));
  const sum = (x: ArrayLike<number>) => Array.from(x).reduce((a, v) => a + v, 0);
  const json = {
    model: result.model.kind,
    kpi: result.kpi.name,
    dates,
    national,
    geos: byGeo.map((g) => ({ geo: g.geo, kpi: Array.from(g.kpi), total: sum(g.kpi) })),
  };
  const html = renderReport("Forecast by geo", [
    {
      title: "Predicted KPI per geo",
      blocks: [{
        kind: "table",
        table: new Table(
          byGeo.map((g) => ({ geo: g.geo, [`${result.kpi.name}, ${weeks} weeks`]: sum(g.kpi) })),
          { caption: `${dates[0]} to ${dates.at(-1)}` },
        ),
      }],
    },
    {
      title: "Predicted KPI per week, every geo summed",
      blocks: [{
        kind: "table",
        table: new Table(dates.map((d, t) => ({ week: d, [result.kpi.name]: national[t]! }))),
      }],
    },
  ], {
    subtitle:
      `Model: ${result.model.kind} refitted at its transforms on every week; total predicted ${result.kpi.name}: ${
        sum(national).toFixed(0)
      }`,
  });
  await Deno.mkdir(out, { recursive: true });
  await writeTextAtomic(join(out, "forecast.json"), JSON.stringify(json, null, 2) + "\n");
  await writeTextAtomic(join(out, "forecast.html"), html);
  console.log(
    new Table(byGeo.map((g) => ({ geo: g.geo, total: sum(g.kpi) })), { digits: 0 }).toText(),
  );
  return 0;
}
