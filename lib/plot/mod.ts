/**
 * Charts: each builder takes a result and returns a {@link Chart} that displays itself.
 *
 * @module
 */
export * from "./render.ts";
export * from "./theme.ts";
export * from "./fit_chart.ts";
export * from "./contributions_chart.ts";
export * from "./waterfall_chart.ts";
export * from "./share_chart.ts";
export type { CurvePoint, ResponseCurvesSpecOptions } from "./response_curves_spec.ts";
export * from "./response_chart.ts";
export * from "./forecast_chart.ts";
export * from "./scenario_chart.ts";
export * from "./adstock_chart.ts";
export * from "./correlation_chart.ts";
export * from "./distribution_chart.ts";
export * from "./spend_chart.ts";
export * from "./allocation.ts";
export * from "./roas_chart.ts";
export * from "./predictive_chart.ts";
export * from "./search_charts.ts";
export * from "./dag_chart.ts";
export * from "./residual_charts.ts";
export * from "./vif_chart.ts";
export * from "./stability_chart.ts";
export * from "./scatter_matrix.ts";
export * from "./tornado_chart.ts";
export * from "./drift_chart.ts";
export * from "./geo_shrinkage_chart.ts";
