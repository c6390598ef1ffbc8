/**
 * Running a configured model: hold out the final weeks, tune or fit the configured estimator,
 * check it by cross-validation, rolling windows and the bootstrap, and summarise the result. The
 * `mmm` command line is a thin shell around these functions (with `loadConfiguredData` and
 * `modelSpecFromConfig`); a notebook can call them the same way.
 *
 * @module
 */
import { sliceRows } from "../mmm_data.ts";
import { fitBayesParallel } from "../models/bayes/fit_bayes.ts";
import { BayesFit } from "../models/bayes/bayes_fit.ts";
import type { SamplingProgress } from "../models/bayes/sampling_progress.ts";
import { elasticNetPath, fitElasticNet } from "../models/elastic_net.ts";
import { crossValidate, type CrossValidation } from "../analysis/cross_validate.ts";
import { type CvSelection, selectByCrossValidation } from "../analysis/cv_selection.ts";
import { expandingWindowSplit, type TimeSplit } from "../analysis/cv.ts";
import {
  type RollingStability,
  rollingStability,
} from "../analysis/diagnostics/rolling_stability.ts";
import { fitRidge } from "../models/ridge.ts";
import { paramKey } from "../models/param_key.ts";
import type { SearchProgress } from "../tuning/minimize.ts";
import { tune, type TuneResult } from "../tuning/tune.ts";
import type { LinearModel } from "../models/linear_model.ts";
import { type ModelSummary, summarizeModel } from "../analysis/model_summary.ts";
import { bagReplicates, bootstrapKpis, bootstrapTune, withKpi } from "../tuning/bootstrap.ts";
import { ConfigError } from "../errors.ts";
import { inConfigTerms } from "./_config_keys.ts";
import type { FittedModel, LiftTest, MmmData, ModelSpec } from "../types.ts";
import type { MmmConfig } from "./mmm_config.ts";
import { modelSpecFromConfig } from "./configured_spec.ts";
import { bayesFit, configuredEstimator } from "./configured_estimator.ts";
import { configuredTuneOptions } from "./configured_tuning.ts";

/** The outcome of {@link fitConfigured}. */
export interface ConfiguredFit {
  /** The model fitted on the training rows (scored on the holdout). */
  readonly fit: FittedModel;
  /**
   * The same model (same transforms, penalty, priors) refitted on every row, holdout included:
   * the one to forecast and optimise with. Equal to `fit` when there is no holdout.
   */
  readonly final: FittedModel;
  /** The training rows. */
  readonly train: MmmData;
  /** The held-out final rows, if any. */
  readonly holdout: MmmData | undefined;
  /** The tuning run, when the config asks for tuning. */
  readonly tuning: TuneResult | undefined;
  /**
   * Block-bootstrap replicates of `fit` (linear fits, unless the config turns them off): each
   * refitted, or re-tuned, on a resampled KPI. Pass them to `summarizeModel` for intervals.
   */
  readonly replicates: readonly FittedModel[] | undefined;
  /**
   * Time-series cross-validation of the configured model on the training rows (expanding
   * windows of `crossValidation.weeks`), when `crossValidation.folds` > 0. A tuned model is
   * cross-validated at its chosen transforms and penalty.
   */
  readonly crossValidation: CrossValidation | undefined;
  /** How a lasso's penalty was chosen by cross-validation, when `model.lambda` was absent. */
  readonly penalty: CvSelection<number> | undefined;
  /**
   * A Bayesian model with lift tests in its training weeks, fitted again on the training rows
   * without them: what the KPI data alone say, to check each test against
   * (`posteriorPredictive(fit, { withoutLiftTests })`). Undefined otherwise.
   */
  readonly uncalibrated?: FittedModel;
  /**
   * Channel ROAS in rolling windows of the training rows (`crossValidation.rolling`, when the
   * training rows hold at least two windows).
   */
  readonly stability: RollingStability | undefined;
}

/** Options of {@link fitConfigured}. */
export interface FitConfiguredOptions {
  /** Progress of a tuning search, after every batch. @default undefined */
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Stops a tuning search early, keeping what it found. @default undefined */
  readonly signal?: AbortSignal;
  /** Progress of the bootstrap, after every replicate. @default undefined */
  readonly onReplicate?: (done: number, total: number) => void;
  /** Progress of Bayesian sampling (each fit in turn). @default undefined */
  readonly onSampling?: (progress: SamplingProgress) => void;
  /**
   * Lift tests to calibrate a Bayesian model with, when the config names a CSV file (see
   * `loadConfiguredLiftTests`); the config's own list otherwise. @default the config's
   */
  readonly liftTests?: readonly LiftTest[];
}

/**
 * Holds out the config's final weeks, then tunes (ridge with a tuning section) or fits the
 * configured estimator on the rest.
 *
 * @example A ridge fit of the bundled demo data, last weeks held out
 * ```ts
 * import { fitConfigured, loadConfiguredData, parseMmmConfig } from "mixlab";
 * import assert from "node:assert/strict";
 * const config = parseMmmConfig({
 *   data: "demo.csv",
 *   kpi: { column: "revenue", kind: "revenue" },
 *   channels: { tv: { spend: "tv_spend" }, search: { spend: "search_spend" } },
 *   controls: ["price"],
 * });
 * const data = await loadConfiguredData(config, { baseDir: "data" });
 * const fitted = await fitConfigured(config, data);
 * assert.equal(fitted.fit.spec.channels.length, 2);
 * ```
 */
export function fitConfigured(
  config: MmmConfig,
  data: MmmData,
  options: FitConfiguredOptions = {},
): Promise<ConfiguredFit> {
  return inConfigTerms(() => fitInConfig(config, data, options));
}

/** The rows a configured fit learns from, its spec, and the checks it runs on a fitter. */
interface FitPlan {
  readonly config: MmmConfig;
  /** Every row, holdout included (the final model's). */
  readonly data: MmmData;
  readonly train: MmmData;
  readonly holdout: MmmData | undefined;
  readonly spec: ModelSpec;
  /** Cross-validation splits of the training rows, when `crossValidation.folds` > 0. */
  readonly splits: TimeSplit[] | undefined;
  /** Cross-validates a fitter on the training rows, when the config asks for it. */
  readonly validate: (fitter: (rows: MmmData) => FittedModel) => CrossValidation | undefined;
  /** A fitter's ROAS in rolling windows, when the config asks and the rows allow. */
  readonly stable: (fitter: (rows: MmmData) => FittedModel) => RollingStability | undefined;
}

async function fitInConfig(
  config: MmmConfig,
  data: MmmData,
  options: FitConfiguredOptions,
): Promise<ConfiguredFit> {
  const plan = planFit(config, data);
  return config.tuning ? await tunedFit(plan, options) : await estimatedFit(plan, options);
}

/** Checks the data can be fitted, splits off the holdout, and builds the spec and the checks. */
function planFit(config: MmmConfig, data: MmmData): FitPlan {
  if (data.geo !== undefined) {
    const geos = new Set(data.geo.values).size;
    throw new ConfigError(
      `Cannot fit: the data is a panel of ${geos} geos (column "${data.geo.name}"); the configured models fit one national series`,
      {
        key: "geo",
        hint:
          '`mmm validate` checks a panel; to fit now, sum the geos into a national series and remove "geo"',
      },
    );
  }
  const n = data.dates.length;
  if (config.holdoutWeeks >= n - 10) {
    throw new ConfigError(
      `Cannot fit: holdoutWeeks ${config.holdoutWeeks} leaves fewer than 10 of the ${n} weeks to fit on`,
      { key: "holdoutWeeks" },
    );
  }
  const train = config.holdoutWeeks > 0 ? sliceRows(data, 0, n - config.holdoutWeeks) : data;
  const holdout = config.holdoutWeeks > 0 ? sliceRows(data, n - config.holdoutWeeks) : undefined;
  const spec = modelSpecFromConfig(config, data);
  const splits = cvSplits(config, train.dates.length);
  const windows = Math.max(52, Math.floor(train.dates.length / 2));
  return {
    config,
    data,
    train,
    holdout,
    spec,
    splits,
    validate: (fitter) =>
      splits === undefined ? undefined : crossValidate(train, fitter, { splits }),
    stable: (fitter) =>
      config.crossValidation.rolling && train.dates.length >= windows + 13
        ? rollingStability(train, fitter, { windowWeeks: windows, step: 13 })
        : undefined,
  };
}

/** Tunes a ridge model, bags the bootstrap replicates' transforms, and refits on every row. */
async function tunedFit(plan: FitPlan, options: FitConfiguredOptions): Promise<ConfiguredFit> {
  const { config, data, train, holdout } = plan;
  const model = config.model;
  if (model.kind !== "ridge") {
    throw new ConfigError(
      `Cannot tune: tuning searches ridge models; model.kind is "${model.kind}"`,
      { key: "model.kind", hint: 'set model.kind to "ridge" or remove "tuning"' },
    );
  }
  const result = await tune(train, plan.spec, {
    ...configuredTuneOptions(config),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const tuned = result.model.transformParams().flatMap((q) =>
    q.status === "tuned" ? [paramKey(q.channel, q.stage, q.name)] : []
  );
  const refit = (rows: MmmData) =>
    fitRidge(rows, result.spec, {
      lambda: result.lambda,
      nonNegative: model.nonNegative,
      guardrails: config.guardrails,
      tuned,
    });
  const b = config.bootstrap;
  const replicates = b
    ? await bootstrapTune(result, {
      replicates: b.replicates,
      trials: b.trials,
      seed: config.seed,
      ...(b.blockLength === undefined ? {} : { blockLength: b.blockLength }),
      ...(options.onReplicate ? { onReplicate: options.onReplicate } : {}),
    })
    : undefined;
  // the estimate averages the transforms the replicates chose, each refitted on the actual KPI
  // (bagging; README, "Tuning defaults"); the replicates themselves give the intervals
  const bag = (rows: MmmData, reference: LinearModel): FittedModel =>
    replicates
      ? bagReplicates(rows, reference, replicates, {
        nonNegative: model.nonNegative,
        guardrails: config.guardrails,
      })
      : reference;
  const fit = bag(train, result.model);
  return {
    fit,
    final: holdout ? bag(data, refit(data)) : fit,
    train,
    holdout,
    tuning: result,
    replicates,
    crossValidation: plan.validate(refit),
    penalty: undefined,
    stability: plan.stable(refit),
  };
}

/**
 * Fits the configured estimator with its given transforms (a lasso's penalty chosen by
 * cross-validation when absent; a calibrated Bayesian model also without its lift tests).
 */
async function estimatedFit(plan: FitPlan, options: FitConfiguredOptions): Promise<ConfiguredFit> {
  const { config, data, train, holdout, spec } = plan;
  const model = config.model;
  const lifts = options.liftTests ?? config.calibration?.liftTests ?? [];
  if (lifts.length > 0 && model.kind !== "bayes") {
    throw new ConfigError(
      `Cannot fit: lift tests calibrate the Bayesian model; model.kind is "${model.kind}"`,
      { key: "calibration.liftTests", hint: 'set model.kind to "bayes" or remove "calibration"' },
    );
  }
  const penalty = model.kind === "lasso" && model.lambda === undefined
    ? lassoPenalty(train, spec, model.nonNegative, plan.splits)
    : undefined;
  const estimate = configuredEstimator(config, spec, penalty?.best, lifts);
  // Bayesian fits run their chains on Web Workers, with progress; the others fit in place.
  const fitRows = (rows: MmmData, tests = lifts): Promise<FittedModel> =>
    model.kind === "bayes"
      ? bayesFit(config, rows, tests, (fitter) =>
        fitBayesParallel(rows, spec, {
          ...fitter,
          ...(options.onSampling ? { onProgress: options.onSampling } : {}),
        }))
      : Promise.resolve(estimate(rows));
  const fit = await fitRows(train);
  const calibrated = fit instanceof BayesFit && fit.liftTests.length > 0;
  const uncalibrated = calibrated ? await fitRows(train, []) : undefined;
  return {
    fit,
    final: holdout ? await fitRows(data) : fit,
    ...(uncalibrated ? { uncalibrated } : {}),
    train,
    holdout,
    tuning: undefined,
    replicates: config.bootstrap ? bootstrapReplicates(config, fit, estimate, options) : undefined,
    crossValidation: plan.validate(estimate),
    penalty,
    stability: plan.stable(estimate),
  };
}

/** Bootstrap replicates of a fit with fixed transforms: the same estimator on resampled KPIs. */
function bootstrapReplicates(
  config: MmmConfig,
  fit: FittedModel,
  estimate: (rows: MmmData) => FittedModel,
  options: FitConfiguredOptions,
): FittedModel[] {
  const b = config.bootstrap as NonNullable<MmmConfig["bootstrap"]>;
  const ys = bootstrapKpis(fit, {
    replicates: b.replicates,
    seed: config.seed,
    ...(b.blockLength === undefined ? {} : { blockLength: b.blockLength }),
  });
  return ys.map((y, i) => {
    const replicate = estimate(withKpi(fit.data, y));
    options.onReplicate?.(i + 1, ys.length);
    return replicate;
  });
}

/** The expanding-window splits of `crossValidation`, or undefined when it is off. */
function cvSplits(config: MmmConfig, rows: number): TimeSplit[] | undefined {
  const { folds, weeks } = config.crossValidation;
  if (folds === 0) return undefined;
  if (rows - folds * weeks < 26) {
    throw new ConfigError(
      `Cannot cross-validate: ${folds} folds of ${weeks} weeks leave ${
        rows - folds * weeks
      } of the ${rows} training weeks for the first fold's fit (at least 26 are needed)`,
      { key: "crossValidation.folds", hint: "use fewer folds or shorter test folds" },
    );
  }
  return expandingWindowSplit(rows, { nSplits: folds, testSize: weeks });
}

/**
 * A lasso's penalty chosen by time-series cross-validation: 20 values from the smallest penalty
 * that keeps every coefficient at 0 down to a thousandth of it (scikit-learn's `LassoCV` grid),
 * lowest mean RMSE over the folds wins. Without cross-validation folds, 5 expanding folds.
 */
function lassoPenalty(
  train: MmmData,
  spec: ModelSpec,
  nonNegative: boolean,
  splits: readonly TimeSplit[] | undefined,
): CvSelection<number> {
  const grid = elasticNetPath(train, spec, { l1Ratio: 1, nLambdas: 20, nonNegative }).lambdas;
  return selectByCrossValidation(
    train,
    Array.from(grid, (lambda) => ({
      label: `λ = ${lambda.toPrecision(4)}`,
      value: lambda,
      fitter: (rows: MmmData) => fitElasticNet(rows, spec, { lambda, l1Ratio: 1, nonNegative }),
    })),
    splits ? { splits } : { folds: 5 },
  );
}

/**
 * The summary a configured run reports (`result.json`, the one-pager): the fit's summary with the
 * config's guardrail limits, the holdout, the bootstrap replicates' intervals, cross-validation
 * and stability, whatever of them the run has. The CLI and the recovery study both call it, so
 * they report the same numbers.
 */
export function summarizeConfigured(config: MmmConfig, run: ConfiguredFit): ModelSummary {
  return summarizeModel(run.fit, {
    guardrails: config.guardrails,
    ...(run.holdout ? { holdout: run.holdout } : {}),
    ...(run.replicates ? { replicates: run.replicates } : {}),
    ...(run.crossValidation ? { crossValidation: run.crossValidation } : {}),
    ...(run.stability ? { stability: run.stability } : {}),
  });
}
