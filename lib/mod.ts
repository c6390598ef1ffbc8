/**
 * mixlab: media mix modeling for TypeScript, in Deno and Deno's Jupyter kernel.
 *
 * Data flows one way: prep → MmmData → transforms → estimator → FittedModel → analysis,
 * mediation, forecast, optimize → plot → report.
 *
 * @module
 */
export * from "./types.ts";
export * from "./errors.ts";
export * from "./rng.ts";
export * from "./version.ts";
export * from "./mmm_data.ts";
export { continueWeekly, epochDay } from "./dates.ts";
export type { DenseMatrix, MatrixLike } from "./_internal/linalg.ts";
export * from "./display/mod.ts";
export * from "./plot/mod.ts";
export * from "./report/mod.ts";
export * from "./transforms/mod.ts";
export * from "./models/mod.ts";
export * from "./models/trees/mod.ts";
export * from "./models/bayes/mod.ts";
export * from "./models/geo/mod.ts";
export * from "./analysis/mod.ts";
export * from "./guardrails/mod.ts";
export * from "./mediation/mod.ts";
export * from "./tuning/mod.ts";
export {
  crowdingDistance,
  dominates,
  paretoFront,
  paretoRanks,
  rankOrder,
} from "./_internal/pareto.ts";
export * from "./forecast/mod.ts";
export * from "./optimize/mod.ts";
export {
  plannerHtml,
  type PlannerHtmlOptions,
  type PlannerSetupOptions,
  PlannerView,
  plannerView,
  type PlannerViewOptions,
} from "./planner/mod.ts";
export * from "./prep/mod.ts";
export {
  boxCox,
  type BoxCoxFitOptions,
  eventDummies,
  type EventDummyOptions,
  fitBoxCoxLambda,
  type FourierOptions,
  fourierTerms,
  inverseBoxCox,
  type LagOptions,
  lagSeries,
  type LogOptions,
  logTransform,
  shareOfVoice,
  type TrendOptions,
  trendTerms,
  zeroSpendIndicator,
} from "./features/mod.ts";
export * from "./sim/mod.ts";
export * from "./config/mod.ts";
