/**
 * `mmm forecast --result DIR/result.json (--plan plan.csv | --weeks N [--change tv=1.2,…]) --out
 * DIR2`: the KPI a spend plan is expected to deliver, adstock carried over from the history.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { join } from "std/path";
import { ConfigError } from "../../lib/errors.ts";
import { forecast } from "../../lib/forecast/forecast.ts";
import { parsePlanCsv } from "../../lib/forecast/plan_csv.ts";
import { spendPlan } from "../../lib/forecast/spend_plan.ts";
import { plotForecast } from "../../lib/plot/forecast_chart.ts";
import { renderReport } from "../../lib/report/html_report.ts";
import { writeTextAtomic } from "../_atomic_write.ts";
import { type Command, numberOption, required } from "./_cli.ts";
import { loadModelOfResult } from "./_model_file.ts";
import { forecastGeoCommand } from "./_geo_commands.ts";
import { readGeoResult } from "./_geo_result.ts";

function parseChanges(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!text) return out;
  for (const part of text.split(",")) {
    const [name, value] = part.split("=");
    if (!name || value === undefined) {
      throw new ConfigError(
        `Cannot read --change: "${part}" is not NAME=MULTIPLIER (e.g. tv=1.2)`,
        {
          key: "--change",
        },
      );
    }
    out[name.trim()] = numberOption(value, "--change", 0);
  }
  return out;
}

/** The forecast command. */
export const forecastCommand: Command = {
  summary: "predict the KPI of a future spend plan",
  usage: `Usage: deno task mmm forecast --result DIR/result.json --out DIR2
         (--plan plan.csv | [--weeks 13] [--change tv=1.2,radio=0.9])

--plan: a CSV with a "date" column (ISO weeks after the model's data) and one spend column per
        channel (named as the channels), plus any controls; missing controls hold their recent mean.
--weeks/--change: N weeks at the last 13 weeks' average spend, times the multipliers given.
Writes DIR2/forecast.json and DIR2/forecast.html.

With the result of a panel fit (ols or ridge; a config with "geo"), every geo is forecast over
--weeks weeks at its own last 13 weeks' mean spend (× --change), the model refitted at its
transforms on every week of the data (read through the config.json beside the result);
forecast.json and forecast.html give the KPI by geo and week and the national sum. --plan is
national only.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        result: { type: "string" },
        out: { type: "string" },
        plan: { type: "string" },
        weeks: { type: "string" },
        change: { type: "string" },
      },
      strict: true,
    });
    const out = required(values.out, "--out", "the folder for forecast.json and .html");
    const weeks = values.weeks === undefined ? 13 : numberOption(values.weeks, "--weeks", 1);
    const geo = await readGeoResult(values.result);
    if (geo !== undefined) {
      if (values.plan) {
        throw new ConfigError("Cannot forecast a panel from --plan: give --weeks and --change", {
          key: "--plan",
        });
      }
      return await forecastGeoCommand(geo, values.result!, weeks, parseChanges(values.change), out);
    }
    const fit = await loadModelOfResult(values.result);
    const plan = values.plan
      ? parsePlanCsv(await Deno.readTextFile(values.plan), fit.data, { file: values.plan })
      : spendPlan(fit.data, {
        weeks,
        multipliers: parseChanges(values.change),
      });
    const result = forecast(fit, plan);
    const html = renderReport("Forecast", [{
      title: "Predicted KPI",
      blocks: [
        { kind: "chart", chart: plotForecast(fit, result) },
        { kind: "table", table: result.toTable() },
      ],
    }], { subtitle: `Total predicted ${fit.data.kpi.name}: ${result.total().toFixed(0)}` });
    await Deno.mkdir(out, { recursive: true });
    await writeTextAtomic(
      join(out, "forecast.json"),
      JSON.stringify(result.toJSON(), null, 2) + "\n",
    );
    await writeTextAtomic(join(out, "forecast.html"), html);
    console.log(result.toTable().toText());
    return 0;
  },
};
