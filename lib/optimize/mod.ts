/**
 * Budget optimization on response curves, keyed by channel name:
 * - {@link optimizeBudget}: the globally best split of a budget (max-response), with bounds in
 *   money or ±% of current spend, locked channels and group shares; reports marginal ROAS,
 *   binding constraints and an upper bound (optimality gap);
 * - {@link minimizeSpendForTarget} and {@link maximizeAtTargetEfficiency}: target modes;
 * - {@link optimizeBudgetRiskAverse}: the best mean of the worst draws (CVaR);
 * - {@link optimizeHorizon}: a multi-period plan with adstock carryover;
 * - {@link gridSearchAllocation} and {@link roasLpAllocation}: the seed projects' baselines;
 * - {@link tabulateResponses}: fast stand-ins for curves that are costly to evaluate;
 * - {@link optimizeGeoBudget}: a budget split by geo and channel, or nationally with the geos in
 *   their current proportions.
 *
 * @module
 */
export * from "./types.ts";
export * from "./allocation_result.ts";
export * from "./option_checks.ts";
export * from "./optimize_budget.ts";
export * from "./target_kpi.ts";
export * from "./target_efficiency.ts";
export * from "./grid_search.ts";
export * from "./roas_lp.ts";
export * from "./risk_averse.ts";
export * from "./horizon.ts";
export * from "./tabulate.ts";
export * from "./geo_budget.ts";
