/**
 * `mmm fit --config FILE --out DIR [--seed N] [--quiet]`: prep, tuning or fitting as configured,
 * then `DIR/result.json`, `DIR/model.json`, `DIR/report.html` and `DIR/planner.html`, written
 * only once everything has been computed, each atomically.
 *
 * @module
 */
import { parseArgs } from "std/cli";
import { join, resolve } from "std/path";
import {
  type ConfiguredFit,
  fitConfigured,
  type FitConfiguredOptions,
  summarizeConfigured,
} from "../../lib/config/fit_configured.ts";
import type { MmmConfig } from "../../lib/config/mmm_config.ts";
import type { PredictiveCheck } from "../../lib/models/bayes/predictive_check.ts";
import { loadConfiguredData, loadConfiguredLiftTests } from "../../lib/config/load_configured.ts";
import { terminalSamplingProgress } from "../../lib/models/bayes/sampling_progress.ts";
import { BayesFit } from "../../lib/models/bayes/bayes_fit.ts";
import { posteriorPredictive } from "../../lib/models/bayes/posterior_predictive.ts";
import { plotPredictiveCheck } from "../../lib/plot/predictive_chart.ts";
import { fitMediation } from "../../lib/mediation/fit_mediation.ts";
import type { MediationFit } from "../../lib/mediation/mediation_fit.ts";
import { plannerHtml } from "../../lib/planner/planner_html.ts";
import { onePager } from "../../lib/report/one_pager.ts";
import { resultJson } from "../../lib/report/result_json.ts";
import { channelsCsv, decompositionCsv, responseCurvesCsv } from "../../lib/report/csv_exports.ts";
import type { ReportSection } from "../../lib/report/html_report.ts";
import type { SearchProgress } from "../../lib/tuning/minimize.ts";
import { terminalProgress } from "../../lib/tuning/progress.ts";
import { VERSION } from "../../lib/version.ts";
import { writeTextAtomic } from "../_atomic_write.ts";
import { type Command, loadConfigFile, required } from "./_cli.ts";
import { fitGeo } from "./_fit_geo.ts";
import { tuningSection } from "./_tuning_section.ts";

/** Passes on at most 5 progress updates a second, and always the last one. */
function throttled(f: (p: SearchProgress) => void): (p: SearchProgress) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (p.done >= p.total || now - last >= 200) {
      last = now;
      f(p);
    }
  };
}

/** The fit command. */
export const fitCommand: Command = {
  summary:
    "fit the configured model; write result.json, model.json, report.html, planner.html, CSVs",
  usage: `Usage: deno task mmm fit --config FILE --out DIR [--seed N] [--quiet]

Loads and checks the data, holds out the last holdoutWeeks, tunes (when the config has a
"tuning" section) or fits the configured model on the other weeks, scores it on the holdout,
and writes into DIR:
  result.json   the numbers of the model fitted before the holdout (schema in README.md)
  report.html   a self-contained one-page report of the same
  model.json    the same model refitted on every week, for "mmm optimize", "mmm forecast" and
                "mmm refresh"
  config.json   the config it was fitted with (data path made absolute), for "mmm refresh"
  planner.html  the budget planner of model.json: one page that works offline in a browser
  decomposition.csv, channels.csv, response_curves.csv
                the decomposition (week × term), the channel table and the response curves of
                result.json, for BI tools
A panel (a config with "geo") is fitted by the geo model (model.kind "ols", "ridge" or "bayes"): DIR
gets result.json with the geo tables, report.html and config.json (no model.json or planner);
"mmm optimize" and "mmm forecast" read that result.json for the split and forecast by geo.
--seed overrides the config's seed; --quiet hides the progress bar (tuning) and the
sampling progress line (Bayesian: each chain's iteration, phase, divergences, time left).`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        config: { type: "string" },
        out: { type: "string" },
        seed: { type: "string" },
        quiet: { type: "boolean", default: false },
      },
      strict: true,
    });
    const out = required(values.out, "--out", "the folder for result.json and report.html");
    const started = performance.now();
    const { config, baseDir, json } = await loadConfigFile(values.config, values.seed);
    const data = await loadConfiguredData(config, { baseDir });
    if (config.geo !== undefined) {
      const geo = await fitGeo(config, json, baseDir, data, {
        ...(config.tuning && !values.quiet ? { onProgress: throttled(terminalProgress()) } : {}),
        ...(config.model.kind === "bayes" && !values.quiet
          ? { onSampling: terminalSamplingProgress() }
          : {}),
      });
      await writeOutputs(out, geo.files);
      console.log(`${geo.line} → ${join(out, "report.html")}`);
      for (const w of geo.warnings) console.log(`warning: ${w}`);
      return 0;
    }
    const liftTests = await loadConfiguredLiftTests(config, { baseDir });
    const run = await fitConfigured(config, data, {
      liftTests,
      ...progressReporters(config, values.quiet),
    });
    const summarized = summarizeConfigured(config, run);
    const ppc = predictiveCheck(run);
    const summary = ppc
      ? { ...summarized, warnings: [...summarized.warnings, ...ppc.diagnostics()] }
      : summarized;
    const mediation = config.mediation
      ? fitMediation(run.train, {
        mediator: config.mediation.mediator,
        upstream: config.mediation.upstream,
        model: run.fit,
        seed: config.seed,
      })
      : undefined;
    const extraSections = [
      mediation && mediationSection(config, mediation),
      crossValidationSection(run),
      ppc && predictiveCheckSection(ppc),
      tuningSection(config, run),
    ].filter((section) => section !== undefined);
    const seconds = (performance.now() - started) / 1000;
    const result = resultJson(summary, {
      seed: config.seed,
      seconds,
      ...(run.replicates
        ? { bootstrap: { replicates: run.replicates.length, retuned: run.tuning !== undefined } }
        : {}),
      quality: data.quality,
      ...(mediation ? { mediation: mediation.toJSON() } : {}),
      ...(ppc ? { posteriorPredictive: ppc.toJSON() } : {}),
    });
    const html = onePager(summary, {
      title: "Media mix model report",
      footer: `mixlab ${VERSION} · seed ${config.seed} · ${
        seconds.toFixed(1)
      } s · data ${config.data}`,
      extraSections,
      quality: data.quality,
      links: [{ label: "Open the budget planner", href: "planner.html" }],
    });
    const planner = await plannerHtml(run.final, { source: "model.json" });
    await writeOutputs(out, {
      "model.json": JSON.stringify(run.final.toJSON()),
      "config.json": JSON.stringify({ ...json, data: resolve(baseDir, config.data) }, null, 2) +
        "\n",
      "result.json": JSON.stringify(result, null, 2) + "\n",
      "report.html": html,
      "planner.html": planner,
      "decomposition.csv": decompositionCsv(result),
      "channels.csv": channelsCsv(result),
      "response_curves.csv": responseCurvesCsv(result),
    });
    const r2 = summary.metrics.r2Holdout ?? summary.metrics.r2Train;
    console.log(
      `Fitted ${run.fit.kind} on ${run.train.dates.length} weeks (R² ${
        summary.metrics.r2Holdout === undefined ? "train" : "holdout"
      } ${r2.toFixed(3)}) in ${seconds.toFixed(1)} s → ${join(out, "report.html")}`,
    );
    for (const w of summary.warnings.filter((w) => w.level === "warning")) {
      console.log(`warning: ${w.message}`);
    }
    return 0;
  },
};

/** The terminal progress of tuning, Bayesian sampling and the bootstrap, unless `quiet`. */
function progressReporters(config: MmmConfig, quiet: boolean): FitConfiguredOptions {
  if (quiet) return {};
  const encoder = new TextEncoder();
  return {
    ...(config.tuning ? { onProgress: throttled(terminalProgress()) } : {}),
    ...(config.model.kind === "bayes" ? { onSampling: terminalSamplingProgress() } : {}),
    onReplicate: (done: number, total: number) => {
      Deno.stderr.writeSync(
        encoder.encode(`\rbootstrap intervals ${done}/${total}${done === total ? "\n" : ""}`),
      );
    },
  };
}

/**
 * A Bayesian fit's posterior predictive check, each lift test judged against the model fitted
 * without the lift tests (what the KPI data alone say); undefined for the other fits.
 */
function predictiveCheck(run: ConfiguredFit): PredictiveCheck | undefined {
  return run.fit instanceof BayesFit
    ? posteriorPredictive(
      run.fit,
      run.uncalibrated instanceof BayesFit ? { withoutLiftTests: run.uncalibrated } : {},
    )
    : undefined;
}

/** The report's mediation section: the attribution table. */
function mediationSection(config: MmmConfig, mediation: MediationFit): ReportSection {
  return {
    title: "Mediation",
    blocks: [
      {
        kind: "text",
        text:
          `How much of each upstream channel's effect flows through "${config.mediation?.mediator}": total-effect ROAS credits the upstream channel with what it drives through the mediator; direct-only ROAS is what a model with the mediator as an equal regressor reports.`,
      },
      { kind: "table", table: mediation.attributionTable() },
    ],
  };
}

/** The report's cross-validation section (folds, and a lasso's penalty choice), when run. */
function crossValidationSection(run: ConfiguredFit): ReportSection | undefined {
  if (!run.crossValidation && !run.penalty) return undefined;
  return {
    title: "Cross-validation",
    blocks: [
      {
        kind: "text",
        text:
          "Time-series cross-validation: the model is refitted on the training weeks before each test fold and forecasts the fold's weeks from their actual spend (adstock carried over); no fold sees weeks after the ones it forecasts.",
      },
      ...(run.penalty
        ? [
          {
            kind: "text" as const,
            text:
              `The lasso penalty was chosen by the same folds: ${run.penalty.bestLabel}, the lowest mean RMSE of ${run.penalty.scores.length} candidates.`,
          },
          { kind: "table" as const, table: run.penalty.toTable() },
        ]
        : []),
      ...(run.crossValidation
        ? [{ kind: "table" as const, table: run.crossValidation.toTable() }]
        : []),
    ],
  };
}

/** The report's posterior predictive check section. */
function predictiveCheckSection(ppc: PredictiveCheck): ReportSection {
  return {
    title: "Posterior predictive check",
    blocks: [
      {
        kind: "text",
        text:
          "KPI series replicated from the posterior (each draw's prediction plus its noise) against the actual KPI: about 90% of weeks should fall inside the band. Each lift test is compared with the lift the model predicts for its window (plus the test's own error); with lift tests, also with a model fitted without them, which shows whether a test agrees with the KPI data.",
      },
      { kind: "chart", chart: plotPredictiveCheck(ppc) },
      { kind: "table", table: ppc.toTable() },
    ],
  };
}

/** Writes each output file (name → text) into `out`, each atomically. */
async function writeOutputs(out: string, files: Readonly<Record<string, string>>): Promise<void> {
  await Deno.mkdir(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await writeTextAtomic(join(out, name), text);
  }
}
