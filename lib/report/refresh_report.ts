/**
 * The refresh report (`refresh.html` of `mmm refresh`): what changed since the previous model
 * (ROAS and weekly contribution per channel, with intervals and drift flags), how well the
 * previous model forecast the new weeks, and every version of the model so far.
 *
 * @module
 */
import { Table } from "../display/table.ts";
import type { RefreshResult } from "../forecast/refresh.ts";
import type { RefreshHistory } from "../forecast/refresh_history.ts";
import { plotDrift, plotRoasHistory } from "../plot/drift_chart.ts";
import { plotForecast } from "../plot/forecast_chart.ts";
import { renderReport, type ReportLink, type ReportSection } from "./html_report.ts";

/** Options of {@link refreshReport}. */
export interface RefreshReportOptions {
  /** Small print (version, seed …). @default "" */
  readonly footer?: string;
  /** The narrowed search bounds, when the refresh tuned again. @default undefined */
  readonly bounds?: Readonly<Record<string, readonly [number, number]>>;
  /** Links to files beside the report. @default [] */
  readonly links?: readonly ReportLink[];
}

/** Renders a refresh and its history as one self-contained HTML page. */
export function refreshReport(
  result: RefreshResult,
  history: RefreshHistory,
  options: RefreshReportOptions = {},
): string {
  const kpi = result.model.data.kpi.name;
  const fresh = result.newWeeks.dates, window = result.window.dates;
  const drifted = result.drift.drifted.map((c) => `"${c.channel}"`);
  const s = result.backtest.scores;
  const sections: ReportSection[] = [
    {
      title: "What changed",
      blocks: [
        {
          kind: "text",
          text: `${fresh.length} new weeks (${fresh[0]} to ${
            fresh[fresh.length - 1]
          }). The refreshed model was fitted on ${window.length} weeks, ${window[0]} to ${
            window[window.length - 1]
          }, with the previous model's specification.`,
        },
        {
          kind: "callout",
          level: result.drift.level === undefined
            ? "info"
            : drifted.length > 0
            ? "warning"
            : "good",
          text: result.drift.level === undefined
            ? "The models have no intervals (neither posterior draws nor bootstrap replicates), so no change can be told apart from noise."
            : drifted.length > 0
            ? `ROAS drifted for ${drifted.join(", ")}: the ${
              Math.round(100 * result.drift.level)
            }% interval of the change excludes 0. Check what changed in the market or the data before acting on the new numbers.`
            : "No channel's ROAS moved by more than the two models' uncertainty.",
        },
        { kind: "chart", chart: plotDrift(result.drift) },
        { kind: "table", table: result.drift.toTable() },
      ],
    },
    {
      title: "Backtest",
      blocks: [
        {
          kind: "text",
          text:
            `The previous model's forecast of the ${fresh.length} new weeks from their actual spend and controls (adstock carried over), against what happened. A forecast that misses badly is why a refresh is needed.`,
        },
        {
          kind: "chart",
          chart: plotForecast(result.previous, result.backtest.forecast, {
            actual: result.backtest.actual,
          }),
        },
        {
          kind: "table",
          table: new Table([{
            weeks: fresh.length,
            "R²": s.r2,
            RMSE: s.rmse,
            MAE: s.mae,
            MAPE: s.mape,
          }], { caption: `Forecast of "${kpi}" over the new weeks` }),
        },
      ],
    },
    {
      title: "History",
      blocks: [
        { kind: "chart", chart: plotRoasHistory(history) },
        {
          kind: "table",
          table: new Table(
            history.entries.map((e) => ({
              version: e.version,
              weeks: `${e.first_week} to ${e.last_week}`,
              "new weeks": e.new_weeks,
              "backtest MAPE": e.backtest?.mape,
              ...Object.fromEntries(e.channels.map((c) => [`${c.name} ROAS`, c.roas])),
              drifted: e.version === 0
                ? "–"
                : e.channels.every((c) => c.drifted === null)
                ? "no interval"
                : e.channels.filter((c) => c.drifted).map((c) => c.name).join(", ") || "none",
            })),
            { caption: "Every version of the model (history.json)" },
          ),
        },
      ],
    },
    ...(options.bounds
      ? [{
        title: "Narrowed search",
        blocks: [
          {
            kind: "text" as const,
            text:
              "The configuration tunes, so the refresh searched again, within each parameter's original range narrowed to the share of new weeks in the window, centred on the previous model's value (Robyn's refresh).",
          },
          {
            kind: "table" as const,
            table: new Table(
              Object.entries(options.bounds).map(([parameter, [lower, upper]]) => ({
                parameter,
                lower,
                upper,
              })),
            ),
          },
        ],
      }]
      : []),
  ];
  return renderReport("Model refresh", sections, {
    subtitle: `KPI "${kpi}" · ${result.model.kind} model · refreshed to ${
      window[window.length - 1]
    }`,
    footer: options.footer ?? "",
    ...(options.links ? { links: options.links } : {}),
  });
}
