/**
 * The budget planner: a fitted model, its response curves and mixlab's own forecasting and
 * optimizer code in one self-contained HTML page, where a marketing team moves weekly budgets
 * and sees the predicted KPI, with no server.
 * - {@link plannerHtml}: the page (what `mmm fit` writes as `planner.html`);
 * - {@link plannerView}: the same page inline in Jupyter;
 * - {@link plannerSetup}, {@link planForecast}, {@link planOutcome}, {@link encodeScenario}:
 *   what the page computes, callable in Deno too.
 *
 * @module
 */
export * from "./planner_setup.ts";
export * from "./scenario.ts";
export * from "./plan_outcome.ts";
export * from "./planner_page.ts";
export * from "./planner_html.ts";
export * from "./planner_view.ts";
