/**
 * mixlab: media mix modeling for TypeScript, in Deno and Deno's Jupyter kernel.
 *
 * Data flows one way: prep → MmmData → transforms → estimator → FittedModel → analysis,
 * mediation, forecast, optimize → plot → report.
 *
 * The root exports the workflow: one function per task, the main types and the errors.
 * Everything else is reachable through its folder's subpath (`mixlab/models`,
 * `mixlab/tuning`, `mixlab/plot`, …).
 *
 * @module
 */
export type {
  ChannelData,
  ChannelSpec,
  Decomposition,
  FittedModel,
  LiftTest,
  MmmData,
  ModelSpec,
  TransformSpec,
} from "./types.ts";
export { ConfigError, FitError, InfeasibleError, MmmDataError, MmmError } from "./errors.ts";
export { Rng } from "./rng.ts";
export { VERSION } from "./version.ts";
export { loadCsv } from "./prep/mod.ts";
export {
  fitConfigured,
  loadConfiguredData,
  type MmmConfig,
  modelSpecFromConfig,
  parseMmmConfig,
} from "./config/mod.ts";
export {
  defineModelSpec,
  fitBayesLinear,
  fitElasticNet,
  fitOls,
  fitRidge,
  loadFittedModel,
} from "./models/mod.ts";
export { fitGradientBoosting, fitRandomForest } from "./models/trees/mod.ts";
export { BayesFit, fitBayes } from "./models/bayes/mod.ts";
export { tune, TuneResult } from "./tuning/mod.ts";
export {
  ChannelReturns,
  channelReturns,
  Contributions,
  contributions,
  crossValidate,
  ResponseCurves,
  responseCurves,
  responseFunctions,
  summarizeModel,
} from "./analysis/mod.ts";
export { guardrails } from "./guardrails/mod.ts";
export { forecast, ForecastResult, spendPlan } from "./forecast/mod.ts";
export { AllocationResult, optimizeBudget, tabulateResponses } from "./optimize/mod.ts";
export { renderReport, resultJson } from "./report/mod.ts";
export { simulateMmm, simulatePreset } from "./sim/mod.ts";
