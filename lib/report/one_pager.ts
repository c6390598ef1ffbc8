/**
 * The one-page model report (in the spirit of Robyn's one-pager and Meridian's summary): fit,
 * decomposition, ROAS, response curves, carryover, diagnostics and a glossary, as one
 * self-contained HTML page. Callers add sections (budget recommendation, mediation).
 *
 * @module
 */
import { formatNumber } from "../_internal/html.ts";
import { plotAdstock } from "../plot/adstock_chart.ts";
import { plotContributions } from "../plot/contributions_chart.ts";
import { plotFit } from "../plot/fit_chart.ts";
import { plotResponseCurves, type PlotResponseOptions } from "../plot/response_chart.ts";
import { plotEffectShares } from "../plot/share_chart.ts";
import { plotWaterfall } from "../plot/waterfall_chart.ts";
import {
  renderReport,
  type ReportBlock,
  type ReportLink,
  type ReportSection,
} from "./html_report.ts";
import type { ModelSummary } from "../analysis/model_summary.ts";
import { plotResidualAcf, plotResidualQq, plotResidualsVsFitted } from "../plot/residual_charts.ts";
import { plotVif } from "../plot/vif_chart.ts";
import { plotRollingStability } from "../plot/stability_chart.ts";
import { plotScatterMatrix } from "../plot/scatter_matrix.ts";
import type { DataQualityReport } from "../prep/quality_report.ts";
import { Table } from "../display/table.ts";

/** Options of {@link onePager}. */
export interface OnePagerOptions {
  /** Page title. @default "Media mix model report" */
  readonly title?: string;
  /** Line under the title. @default the KPI, period and estimator */
  readonly subtitle?: string;
  /** Small print (version, seed, run time). @default "" */
  readonly footer?: string;
  /** Sections inserted after the carryover section (budget, mediation …). @default [] */
  readonly extraSections?: readonly ReportSection[];
  /** Extra operating points on the response curves (e.g. the optimal spend). @default [] */
  readonly responsePoints?: PlotResponseOptions["points"];
  /** What prep checked and changed; shown, week by week, before the diagnostics. @default undefined */
  readonly quality?: DataQualityReport;
  /** Links under the title to files beside the report (e.g. the budget planner). @default [] */
  readonly links?: readonly ReportLink[];
}

const GLOSSARY: readonly [string, string][] = [
  ["Contribution", "KPI the model attributes to a channel over the period, in KPI units"],
  [
    "Baseline",
    "KPI the model expects without paid media: intercept, trend, seasonality, events, controls",
  ],
  ["ROAS", "contribution ÷ spend: KPI returned per unit of money, on average"],
  ["mROAS", "marginal ROAS: KPI returned by the next unit of money at today's spend (spend +1%)"],
  ["CPA", "spend ÷ contribution, for conversion KPIs"],
  [
    "Adstock",
    "carryover: how spend keeps working in later weeks; half-life = weeks until its effect halves",
  ],
  ["Saturation", "diminishing returns: each extra unit of spend buys less"],
  ["Response curve", "steady weekly KPI response to a steady weekly spend, carryover included"],
  ["R² / NRMSE", "share of the KPI's variation explained / RMSE divided by the KPI's range"],
  [
    "DECOMP.RSSD",
    "distance between channels' share of effect and share of spend (Robyn); 0 = effects proportional to spend",
  ],
  [
    "VIF",
    "variance inflation: above 10 a term moves with others and its own effect is poorly identified",
  ],
];

/** Renders a model summary as a one-page HTML report. */
export function onePager(summary: ModelSummary, options: OnePagerOptions = {}): string {
  const fit = summary.fit;
  const kpi = fit.data.kpi.name;
  const dates = [...fit.data.dates, ...(summary.holdout?.dates ?? [])];
  const sections: ReportSection[] = [
    fitSection(summary),
    {
      title: "What drove the KPI",
      blocks: [
        { kind: "chart", chart: plotWaterfall(summary.decomposition, kpi) },
        { kind: "chart", chart: plotContributions(summary.decomposition, kpi) },
        { kind: "table", table: summary.decomposition.toTable() },
      ],
    },
    {
      title: "Return on ad spend",
      blocks: [
        { kind: "chart", chart: plotEffectShares(summary.decomposition, summary.returns) },
        { kind: "table", table: summary.returns.toTable() },
        {
          kind: "text",
          text:
            "A channel whose share of effect exceeds its share of spend returns more than the average channel. mROAS below 1 means the last unit of money spent on that channel returned less than it cost.",
        },
      ],
    },
    {
      title: "Response curves",
      blocks: [
        {
          kind: "chart",
          chart: plotResponseCurves(summary.curves, {
            kpiName: kpi,
            ...(options.responsePoints ? { points: options.responsePoints } : {}),
          }),
        },
        { kind: "table", table: summary.curves.toTable() },
      ],
    },
    {
      title: "Carryover",
      blocks: [
        { kind: "chart", chart: plotAdstock(summary.adstock) },
        { kind: "table", table: summary.adstock.toTable() },
      ],
    },
    ...(options.extraSections ?? []),
    ...(options.quality ? [qualitySection(options.quality)] : []),
    diagnosticsSection(summary),
    {
      title: "How to read this report",
      blocks: [{
        kind: "table",
        table: new Table(GLOSSARY.map(([term, meaning]) => ({ term, meaning }))),
      }],
    },
  ];
  const first = fit.data.dates[0] ?? "", last = dates[dates.length - 1] ?? "";
  return renderReport(options.title ?? "Media mix model report", sections, {
    subtitle: options.subtitle ??
      `KPI "${kpi}" · ${first} to ${last} · ${fit.spec.channels.length} channels · ${fit.kind} model`,
    footer: options.footer ?? "",
    ...(options.links ? { links: options.links } : {}),
  });
}

/** Fit metrics, the actual-against-fitted chart (holdout shaded) and how to read them. */
function fitSection(summary: ModelSummary): ReportSection {
  const fit = summary.fit;
  const m = summary.metrics;
  const dates = [...fit.data.dates, ...(summary.holdout?.dates ?? [])];
  const actual = [...fit.data.kpi.values, ...(summary.holdout?.kpi.values ?? [])];
  const predicted = [...fit.fitted, ...(summary.holdoutPrediction ?? [])];
  const kpi = fit.data.kpi.name;
  const metricItems = [
    { label: "R² (training)", value: m.r2Train.toFixed(3) },
    ...(m.r2Holdout === undefined
      ? []
      : [{ label: "R² (holdout)", value: m.r2Holdout.toFixed(3) }]),
    ...(m.rmseHoldout === undefined
      ? []
      : [{ label: "RMSE (holdout)", value: formatNumber(m.rmseHoldout) }]),
    ...(m.maeHoldout === undefined
      ? []
      : [{ label: "MAE (holdout)", value: formatNumber(m.maeHoldout) }]),
    ...(m.mapeHoldout === undefined
      ? []
      : [{ label: "MAPE (holdout)", value: `${(100 * m.mapeHoldout).toFixed(1)}%` }]),
    ...(m.cv === undefined ? [] : [
      { label: `R² (CV, ${m.cv.folds} folds)`, value: m.cv.r2.toFixed(3) },
      { label: "RMSE (CV)", value: formatNumber(m.cv.rmse) },
      { label: "MAE (CV)", value: formatNumber(m.cv.mae) },
      { label: "MAPE (CV)", value: `${(100 * m.cv.mape).toFixed(1)}%` },
    ]),
    { label: "NRMSE (training)", value: m.nrmse.toFixed(4) },
    { label: "DECOMP.RSSD", value: m.decompRssd.toFixed(4) },
  ];
  const holdoutNote =
    (summary.holdout
      ? `The last ${summary.holdout.dates.length} weeks (shaded) were not used for fitting: they show how well the model predicts weeks it has not seen.`
      : "No weeks were held out; the fit is in-sample only.") +
    (m.cv === undefined
      ? ""
      : ` Cross-validation (CV) refits the model on the training weeks up to each of ${m.cv.folds} expanding folds and scores its forecast of the fold's weeks; the figures are means over the folds.`);
  return {
    title: "Model fit",
    blocks: [
      { kind: "metrics", items: metricItems },
      {
        kind: "chart",
        chart: plotFit(
          { dates, actual, predicted, kpiName: kpi },
          summary.holdout ? { holdoutStart: fit.data.dates.length } : {},
        ),
      },
      { kind: "text", text: holdoutNote },
    ],
  };
}

/** Warnings, residual tests and plots, collinearity, stability and the parameter table. */
function diagnosticsSection(summary: ModelSummary): ReportSection {
  const fit = summary.fit;
  const warnings: ReportBlock[] = summary.warnings.length === 0
    ? [{
      kind: "callout",
      level: "good",
      text: "No warnings: residual tests, collinearity and baseline checks passed.",
    }]
    : summary.warnings.map((w) => ({
      kind: "callout" as const,
      level: w.level === "warning" ? "warning" as const : "info" as const,
      text: w.message,
    }));
  return {
    title: "Diagnostics",
    blocks: [
      ...warnings,
      { kind: "table", table: summary.residuals.toTable() },
      {
        kind: "text",
        text:
          "Residuals (actual − fitted) should scatter evenly around 0 whatever the fitted value, stay inside the autocorrelation band, and follow the QQ line; a pattern, bars outside the band or a bent QQ line point to a term the model misses.",
      },
      { kind: "chart", chart: plotResidualsVsFitted(summary.residualPlots) },
      { kind: "chart", chart: plotResidualAcf(summary.residualPlots) },
      { kind: "chart", chart: plotResidualQq(summary.residualPlots) },
      ...(summary.vif
        ? [
          { kind: "chart" as const, chart: plotVif(summary.vif) },
          {
            kind: "table" as const,
            table: new Table(summary.vif.rows.map((r) => ({ term: r.name, VIF: r.vif })), {
              caption: "Variance inflation of the model's terms",
            }),
          },
        ]
        : []),
      ...(summary.stability
        ? [
          {
            kind: "text" as const,
            text:
              "Stability: the model refitted on rolling windows of weeks. A channel whose ROAS swings from window to window, or changes sign, is not pinned down by the data.",
          },
          { kind: "chart" as const, chart: plotRollingStability(summary.stability) },
          { kind: "table" as const, table: summary.stability.toTable() },
        ]
        : []),
      { kind: "chart", chart: plotScatterMatrix(fit.data) },
      {
        kind: "table",
        table: new Table(
          fit.parameters.map((p) => ({
            parameter: p.name,
            estimate: p.estimate,
            "std. error": p.stdError,
            lower: p.lower,
            upper: p.upper,
            "p-value": p.pValue,
          })),
          { caption: "Parameters" },
        ),
      },
    ],
  };
}

/** The data quality section: what each cleaning policy did, week by week, then every check. */
function qualitySection(quality: DataQualityReport): ReportSection {
  const changed = quality.changes.length;
  return {
    title: "Data quality",
    blocks: [
      {
        kind: "text",
        text: changed === 0
          ? `Every check on "${quality.source}" passed and no cleaning policy changed a value.`
          : `The cleaning policies of the configuration changed ${changed} cells of "${quality.source}"; each is listed with its week and its value before and after. The model was fitted on the cleaned values.`,
      },
      ...(changed > 0 ? [{ kind: "table" as const, table: quality.toChangeTable() }] : []),
      { kind: "table", table: quality.toTable() },
    ],
  };
}
