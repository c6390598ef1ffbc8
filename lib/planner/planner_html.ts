/**
 * The budget planner as one self-contained HTML file: the fitted model, its sampled response
 * curves and mixlab's own forecasting and optimizer code, bundled for the browser. It opens from
 * disk or an e-mail attachment, works offline and makes no request.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { loadFittedModel } from "../models/load_fitted_model.ts";
import type { FittedModel } from "../types.ts";
import { plannerScript } from "./_bundle.ts";
import { plannerPage } from "./planner_page.ts";
import { plannerSetup, type PlannerSetupOptions } from "./planner_setup.ts";

/** Options of {@link plannerHtml}. */
export type PlannerHtmlOptions = PlannerSetupOptions;

/**
 * Builds the planner page of a fitted model.
 *
 * @param fit Any fitted model that saves itself (`toJSON`) in a format `loadFittedModel` reads.
 * @param options Title, source file name, default horizon, range and curve sampling.
 * @returns The page's HTML text.
 * @throws {ConfigError} when the model cannot be saved and reloaded, is a geo panel, or Deno's
 *   bundler is not enabled.
 *
 * @example A planner for a ridge fit
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { plannerHtml } from "mixlab/planner";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 10 + (i % 5));
 * const data = {
 *   dates, kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: spend.map((s, i) => 50 + 2 * s + (i % 3)) },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const fit = fitRidge(data, defineModelSpec({ channels: ["tv"] }), { lambda: 0.1 });
 * const html = await plannerHtml(fit, { points: 8 });
 * assert.ok(html.startsWith("<!DOCTYPE html>"));
 * assert.ok(html.includes('id="mixlab-planner-model"'));
 * ```
 */
export async function plannerHtml(
  fit: FittedModel,
  options: PlannerHtmlOptions = {},
): Promise<string> {
  const model = JSON.parse(JSON.stringify(fit.toJSON()));
  try {
    loadFittedModel(model);
  } catch (cause) {
    throw new ConfigError(
      `Cannot build a planner: the ${fit.kind} model does not reload from its saved form (${
        cause instanceof Error ? cause.message : String(cause)
      })`,
      { hint: "build planners from models fitted by mixlab's estimators" },
      { cause },
    );
  }
  const setup = plannerSetup(fit, options);
  const data = fit.data, n = data.dates.length;
  const subtitle = `KPI "${data.kpi.name}" · ${fit.kind} model fitted on ${n} weeks (${
    data.dates[0]
  } to ${data.dates[n - 1]})${setup.source ? ` · ${setup.source}` : ""}`;
  return plannerPage({ setup, model, script: await plannerScript(), subtitle });
}
