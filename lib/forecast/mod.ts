/**
 * Forecasting and scenarios: spend plans, forecasts with carried-over adstock, scenario
 * comparisons and out-of-time backtests.
 *
 * @module
 */
export * from "./spend_plan.ts";
export * from "./forecast.ts";
export * from "./scenarios.ts";
export * from "./backtest.ts";
export * from "./plan_csv.ts";
export * from "./refresh.ts";
export * from "./refresh_history.ts";
