/**
 * `mmm refresh --model DIR/model.json --data new.csv --out DIR2 [--config FILE] [--window
 * rolling|all] [--quiet]`: refits a saved model with the weeks after its last (Robyn's
 * `robyn_refresh`), keeping its specification, and writes what changed.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { dirname, join, resolve } from "std/path";
import { loadConfiguredData } from "../../lib/config/load_configured.ts";
import { parseMmmConfig } from "../../lib/config/mmm_config.ts";
import { refreshConfigured } from "../../lib/config/refresh_configured.ts";
import { ConfigError } from "../../lib/errors.ts";
import { summarizeModel } from "../../lib/analysis/model_summary.ts";
import { loadFittedModel } from "../../lib/models/load_fitted_model.ts";
import {
  appendHistory,
  readHistory,
  type RefreshHistory,
} from "../../lib/forecast/refresh_history.ts";
import type { RefreshResult } from "../../lib/forecast/refresh.ts";
import type { Estimate } from "../../lib/analysis/roas.ts";
import { onePager } from "../../lib/report/one_pager.ts";
import { refreshReport } from "../../lib/report/refresh_report.ts";
import { resultJson } from "../../lib/report/result_json.ts";
import { channelsCsv, decompositionCsv, responseCurvesCsv } from "../../lib/report/csv_exports.ts";
import { terminalProgress } from "../../lib/tuning/progress.ts";
import { VERSION } from "../../lib/version.ts";
import { writeTextAtomic } from "../_atomic_write.ts";
import { type Command, readJsonFile, required } from "./_cli.ts";

const ci = (e: Estimate): [number, number] | null =>
  e.lower === undefined ? null : [e.lower, e.upper as number];

/** The machine-readable refresh: windows, drift per channel and the backtest. */
function refreshJson(r: RefreshResult, bounds: unknown) {
  const span = (dates: readonly string[]) => ({
    first_week: dates[0],
    last_week: dates[dates.length - 1],
    weeks: dates.length,
  });
  const f = r.backtest.forecast;
  return {
    mixlab_version: VERSION,
    previous: span(r.previous.data.dates),
    new_weeks: span(r.newWeeks.dates),
    window: span(r.window.dates),
    level: r.drift.level ?? null,
    drift: r.drift.channels.map((c) => ({
      channel: c.channel,
      previous_roas: c.previousRoas.value,
      previous_roas_ci: ci(c.previousRoas),
      refreshed_roas: c.refreshedRoas.value,
      refreshed_roas_ci: ci(c.refreshedRoas),
      roas_change: Number.isFinite(c.roasChange) ? c.roasChange : null,
      roas_difference: c.roasDifference.value,
      roas_difference_ci: ci(c.roasDifference),
      previous_weekly_contribution: c.previousWeekly.value,
      previous_weekly_contribution_ci: ci(c.previousWeekly),
      refreshed_weekly_contribution: c.refreshedWeekly.value,
      refreshed_weekly_contribution_ci: ci(c.refreshedWeekly),
      drifted: c.drifted ?? null,
    })),
    backtest: {
      dates: f.plan.dates,
      actual: Array.from(r.backtest.actual),
      forecast: Array.from(f.mean),
      lower: f.lower ? Array.from(f.lower) : null,
      upper: f.upper ? Array.from(f.upper) : null,
      ...r.backtest.scores,
    },
    ...(bounds === undefined ? {} : { bounds }),
  };
}

/** The refresh command. */
export const refreshCommand: Command = {
  summary: "refit a saved model with new weeks; report drift, the backtest and the history",
  usage:
    `Usage: deno task mmm refresh --model DIR/model.json --data new.csv --out DIR2 [--config FILE]
         [--window rolling|all] [--quiet]

Refits the model that "mmm fit" (or an earlier refresh) saved in DIR with the weeks of new.csv
after the model's last week, by the estimator and specification it was fitted with (channel
scales, transforms and penalty kept; when the config tunes, a narrowed search around the saved
values). The window is as many weeks as the saved model had, ending at the last new week
(--window rolling, Robyn's refresh), or every week (--window all). Writes into DIR2:
  refresh.html   drift since the previous model, its backtest on the new weeks, the history
  refresh.json   the same numbers (schema in README.md)
  history.json   every version of the model so far (DIR's history, or its model, plus this one)
  model.json, config.json, result.json, report.html and the CSV exports of the refreshed model
--config  the config the model was fitted with (default DIR/config.json, written by mmm fit)
--data    a CSV or Parquet file with the config's columns: new weeks only, or the whole history
          (rows up to the model's last week are ignored)`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        model: { type: "string" },
        data: { type: "string" },
        out: { type: "string" },
        config: { type: "string" },
        window: { type: "string", default: "rolling" },
        quiet: { type: "boolean", default: false },
      },
      strict: true,
    });
    const started = performance.now();
    const modelPath = required(values.model, "--model", "the model.json that mmm fit wrote");
    const dataPath = required(values.data, "--data", "the file with the new weeks");
    const out = required(values.out, "--out", "the folder for the refreshed model");
    if (values.window !== "rolling" && values.window !== "all") {
      throw new ConfigError(
        `Cannot refresh: --window must be "rolling" or "all", got "${values.window}"`,
        { key: "--window" },
      );
    }
    const dir = dirname(resolve(modelPath));
    const configPath = values.config ?? join(dir, "config.json");
    if (values.config === undefined) {
      try {
        await Deno.stat(configPath);
      } catch {
        throw new ConfigError(
          `Cannot refresh: ${configPath} does not exist beside the model: pass --config FILE, the config the model was fitted with`,
          { key: "--config" },
        );
      }
    }
    const configJson = await readJsonFile(configPath, "config") as Record<string, unknown>;
    const config = parseMmmConfig({ ...configJson, data: resolve(dataPath) });
    const previous = loadFittedModel(await readJsonFile(modelPath, "model"));
    const rows = await loadConfiguredData(config);
    let earlier: RefreshHistory | undefined;
    try {
      earlier = readHistory(JSON.parse(await Deno.readTextFile(join(dir, "history.json"))));
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    const progress = values.quiet || !config.tuning ? undefined : terminalProgress();
    const run = await refreshConfigured(config, previous, rows, {
      window: values.window,
      ...(progress ? { onProgress: progress } : {}),
    });
    const result = run.result;
    const history = appendHistory(earlier, result);
    const summary = summarizeModel(result.model);
    const seconds = (performance.now() - started) / 1000;
    const json = resultJson(summary, { seed: config.seed, seconds, quality: rows.quality });
    const footer = `mixlab ${VERSION} · seed ${config.seed} · ${
      seconds.toFixed(1)
    } s · data ${dataPath}`;
    const html = onePager(summary, {
      title: "Media mix model report (refreshed)",
      footer,
      quality: rows.quality,
      links: [{ label: "What changed in this refresh", href: "refresh.html" }],
    });
    const report = refreshReport(result, history, {
      footer,
      ...(run.bounds ? { bounds: run.bounds } : {}),
      links: [{ label: "The refreshed model's report", href: "report.html" }],
    });
    await Deno.mkdir(out, { recursive: true });
    const write = (name: string, text: string) => writeTextAtomic(join(out, name), text);
    await write("model.json", JSON.stringify(result.model.toJSON()));
    await write(
      "config.json",
      JSON.stringify({ ...configJson, data: resolve(dataPath) }, null, 2) + "\n",
    );
    await write("result.json", JSON.stringify(json, null, 2) + "\n");
    await write("refresh.json", JSON.stringify(refreshJson(result, run.bounds), null, 2) + "\n");
    await write("history.json", JSON.stringify(history, null, 2) + "\n");
    await write("report.html", html);
    await write("refresh.html", report);
    await write("decomposition.csv", decompositionCsv(json));
    await write("channels.csv", channelsCsv(json));
    await write("response_curves.csv", responseCurvesCsv(json));
    const s = result.backtest.scores;
    console.log(
      `Refreshed ${result.model.kind} with ${result.newWeeks.dates.length} new weeks (window ${
        result.window.dates[0]
      } to ${result.window.dates[result.window.dates.length - 1]}); previous model's MAPE on them ${
        (100 * s.mape).toFixed(1)
      }% → ${join(out, "refresh.html")}`,
    );
    for (const c of result.drift.drifted) {
      console.log(
        `drift: "${c.channel}" ROAS ${c.previousRoas.value.toFixed(2)} → ${
          c.refreshedRoas.value.toFixed(2)
        }`,
      );
    }
    return 0;
  },
};
