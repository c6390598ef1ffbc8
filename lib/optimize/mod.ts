/**
 * Budget optimization on response curves: the globally best split of a budget (max-response),
 * the least spend reaching a KPI target, the largest KPI at a target ROAS/CPA, with per-channel
 * bounds, locked channels and group constraints; baselines for comparison.
 *
 * @module
 */
export * from "./types.ts";
export * from "./allocation_result.ts";
export * from "./optimize_budget.ts";
export * from "./target_kpi.ts";
export * from "./target_efficiency.ts";
export * from "./grid_search.ts";
export * from "./roas_lp.ts";
export * from "./risk_averse.ts";
export * from "./horizon.ts";
