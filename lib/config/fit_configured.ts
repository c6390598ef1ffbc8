/**
 * Running a configured model: load the data a config names, build its model spec, hold out the
 * final weeks, tune or fit the configured estimator, and summarise the result. The `mmm` command
 * line is a thin shell around these functions; a notebook can call them the same way.
 *
 * @module
 */
import { isAbsolute, join } from "node:path";
import { sliceRows } from "../mmm_data.ts";
import { type BayesOptions, fitBayes, fitBayesParallel } from "../models/bayes/fit_bayes.ts";
import { BayesFit } from "../models/bayes/bayes_fit.ts";
import type { SamplingProgress } from "../models/bayes/sampling_progress.ts";
import { elasticNetPath, fitElasticNet } from "../models/elastic_net.ts";
import { fitGradientBoosting, fitRandomForest } from "../models/trees/fit_tree_model.ts";
import { crossValidate, type CrossValidation } from "../analysis/cross_validate.ts";
import { type CvSelection, selectByCrossValidation } from "../analysis/cv_selection.ts";
import { expandingWindowSplit, type TimeSplit } from "../analysis/cv.ts";
import {
  type RollingStability,
  rollingStability,
} from "../analysis/diagnostics/rolling_stability.ts";
import { fitRidge } from "../models/ridge.ts";
import { fitOls } from "../models/ols.ts";
import { fitBayesLinear } from "../models/bayes_linear.ts";
import { defineModelSpec } from "../models/model_spec.ts";
import { paramKey } from "../models/param_key.ts";
import { loadCsv } from "../prep/load_csv.ts";
import { loadParquet } from "../prep/load_parquet.ts";
import type { LoadedData } from "../prep/_assemble.ts";
import type { LoadOptions } from "../prep/load_options.ts";
import type { DateFormat } from "../prep/date_format.ts";
import type { SearchProgress } from "../tuning/minimize.ts";
import { tune, type TuneOptions, type TuneResult } from "../tuning/tune.ts";
import type { LinearModel } from "../models/linear_model.ts";
import { type ModelSummary, summarizeModel } from "../analysis/model_summary.ts";
import { bagReplicates, bootstrapKpis, bootstrapTune, withKpi } from "../tuning/bootstrap.ts";
import type { BoundInput } from "../tuning/mmm_search_space.ts";
import { getTransform } from "../transforms/registry.ts";
import { ConfigError } from "../errors.ts";
import { inConfigTerms, withConfigKeys } from "./_config_keys.ts";
import type { FittedModel, LiftTest, MmmData, ModelSpec } from "../types.ts";
import { type CleaningConfig, liftTests as checkLiftTests, type MmmConfig } from "./mmm_config.ts";

/** Options of {@link loadConfiguredData}. */
export interface LoadConfiguredOptions {
  /** Folder that a relative `data` path is resolved against (the config file's). @default "." */
  readonly baseDir?: string;
}

/** Loads and checks the data a config names (CSV or Parquet, by extension). */
export function loadConfiguredData(
  config: MmmConfig,
  options: LoadConfiguredOptions = {},
): Promise<LoadedData> {
  const path = isAbsolute(config.data) ? config.data : join(options.baseDir ?? ".", config.data);
  const load: LoadOptions = {
    columns: {
      date: config.date,
      kpi: config.kpi,
      kpiKind: config.kpiKind,
      channels: config.channels.map((c) =>
        c.exposure === undefined
          ? { name: c.name, spend: c.spend }
          : { name: c.name, spend: c.spend, exposure: c.exposure }
      ),
      controls: [...new Set([...config.controls, ...featureControls(config)])],
      categories: textColumns(config),
      ...(config.geo === undefined ? {} : { geo: config.geo }),
      ...(config.population === undefined ? {} : { population: config.population }),
    },
    ...(config.dateFormat === undefined ? {} : { dateFormat: config.dateFormat as DateFormat }),
    ...cleaningOptions(config.cleaning),
  };
  return path.toLowerCase().endsWith(".parquet") ? loadParquet(path, load) : loadCsv(path, load);
}

/** Numeric columns the features read beside the controls: Box-Cox controls, competitors' spend. */
function featureControls(config: MmmConfig): string[] {
  const f = config.features;
  return [...Object.keys(f.boxCox ?? {}), ...Object.values(f.shareOfVoice ?? {})];
}

/** Text columns the features read: categoricals, fixed effects, event-type flags. */
function textColumns(config: MmmConfig): string[] {
  const f = config.features;
  return [
    ...new Set([
      ...Object.keys(f.categoricals ?? {}),
      ...(f.fixedEffects ?? []),
      ...Object.keys(f.eventFlags ?? {}),
    ]),
  ];
}

/** The loader options of a config's `cleaning` section, with hints that name config keys. */
function cleaningOptions(cleaning: CleaningConfig): Partial<LoadOptions> {
  return {
    missing: cleaning.missing,
    duplicates: cleaning.duplicates,
    nullValues: cleaning.nullValues,
    ...(cleaning.outliers ? { outliers: cleaning.outliers } : {}),
    ...(cleaning.numberFormat ? { numberFormat: cleaning.numberFormat } : {}),
    optionName: (option) => option === "aggregate" ? undefined : `cleaning.${option}`,
  };
}

/**
 * The model spec a config describes (transform parameters as given, defaults elsewhere). With
 * the loaded `data`, controls that cleaning added (an outlier rule's `<column>_outlier` dummy)
 * enter the model too.
 */
export function modelSpecFromConfig(config: MmmConfig, data?: MmmData): ModelSpec {
  const read = new Set([...config.controls, ...featureControls(config)]);
  const added = (data?.controls ?? []).map((c) => c.name).filter((name) => !read.has(name));
  return defineModelSpec({
    channels: config.channels.map((c) => ({
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
    })),
    controls: [...config.controls, ...added],
    baseline: {
      yearlyFourier: config.yearlyFourier,
      trend: config.trend,
      events: config.holidays,
      ...config.calendar,
      ...config.features,
    },
  });
}

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
   * {@link loadConfiguredLiftTests}); the config's own list otherwise. @default the config's
   */
  readonly liftTests?: readonly LiftTest[];
}

/**
 * The config's lift tests: its list, or the rows of the CSV file it names (columns `channel`,
 * `start`, `end`, `lift`, `standard_error`; dates ISO), each checked as the config's own.
 *
 * @throws {ConfigError} Naming the file, row and column of a bad entry.
 */
export async function loadConfiguredLiftTests(
  config: MmmConfig,
  options: LoadConfiguredOptions = {},
): Promise<LiftTest[]> {
  const c = config.calibration;
  if (c === undefined) return [];
  if (c.liftTestsFile === undefined) return [...c.liftTests];
  const file = c.liftTestsFile;
  const path = isAbsolute(file) ? file : join(options.baseDir ?? ".", file);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    throw new ConfigError(`Cannot read lift tests: file "${file}" cannot be read`, {
      key: "calibration.liftTests",
      file,
      hint: "give the CSV path relative to the config file",
    }, { cause });
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const need = ["channel", "start", "end", "lift", "standard_error"];
  const missing = need.find((h) => !header.includes(h));
  if (missing !== undefined) {
    throw new ConfigError(`Cannot read lift tests: file "${file}" has no column "${missing}"`, {
      key: "calibration.liftTests",
      file,
      column: missing,
      hint: `the header must name ${need.join(", ")}`,
    });
  }
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(",").map((v) => v.trim());
    const get = (h: string) => cells[header.indexOf(h)] ?? "";
    const num = (h: string) => (get(h) === "" ? NaN : Number(get(h)));
    return {
      channel: get("channel"),
      start: get("start"),
      end: get("end"),
      lift: num("lift"),
      standardError: num("standard_error"),
    };
  });
  try {
    return checkLiftTests(rows, "calibration.liftTests", config.channels.map((ch) => ch.name));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const row = Number(/\[(\d+)\]/.exec(e.key ?? "")?.[1] ?? NaN);
    throw new ConfigError(`${e.message} (file "${file}", data row ${row + 1})`, {
      key: e.key ?? "calibration.liftTests",
      file,
      ...(Number.isFinite(row) ? { rows: [row] } : {}),
    });
  }
}

/** The transform parameters a config fixes, as `"<channel>.<param>"`. */
function fixedParams(config: MmmConfig): string[] {
  return config.channels.flatMap((c) =>
    [...Object.keys(c.adstock.params), ...Object.keys(c.saturation.params)].map((p) =>
      `${c.name}.${p}`
    )
  );
}

/**
 * Holds out the config's final weeks, then tunes (ridge with a tuning section) or fits the
 * configured estimator on the rest.
 */
export function fitConfigured(
  config: MmmConfig,
  data: MmmData,
  options: FitConfiguredOptions = {},
): Promise<ConfiguredFit> {
  return inConfigTerms(() => fitInConfig(config, data, options));
}

async function fitInConfig(
  config: MmmConfig,
  data: MmmData,
  options: FitConfiguredOptions,
): Promise<ConfiguredFit> {
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
  const model = config.model;
  const splits = cvSplits(config, train.dates.length);
  const validate = (fitter: (rows: MmmData) => FittedModel) =>
    splits === undefined ? undefined : crossValidate(train, fitter, { splits });
  const windows = Math.max(52, Math.floor(train.dates.length / 2));
  const stable = (fitter: (rows: MmmData) => FittedModel) =>
    config.crossValidation.rolling && train.dates.length >= windows + 13
      ? rollingStability(train, fitter, { windowWeeks: windows, step: 13 })
      : undefined;
  if (config.tuning) {
    if (model.kind !== "ridge") {
      throw new ConfigError(
        `Cannot tune: tuning searches ridge models; model.kind is "${model.kind}"`,
        { key: "model.kind", hint: 'set model.kind to "ridge" or remove "tuning"' },
      );
    }
    const result = await tune(train, spec, {
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
      crossValidation: validate(refit),
      penalty: undefined,
      stability: stable(refit),
    };
  }
  const lifts = options.liftTests ?? config.calibration?.liftTests ?? [];
  if (lifts.length > 0 && model.kind !== "bayes") {
    throw new ConfigError(
      `Cannot fit: lift tests calibrate the Bayesian model; model.kind is "${model.kind}"`,
      { key: "calibration.liftTests", hint: 'set model.kind to "bayes" or remove "calibration"' },
    );
  }
  const penalty = model.kind === "lasso" && model.lambda === undefined
    ? lassoPenalty(train, spec, model.nonNegative, splits)
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
    crossValidation: validate(estimate),
    penalty,
    stability: stable(estimate),
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

/**
 * The estimator a config names, as a function of the rows to fit (so cross-validation can refit
 * it per fold). `lambda` overrides `model.lambda` (a penalty chosen by cross-validation).
 */
export function configuredEstimator(
  config: MmmConfig,
  spec: ModelSpec,
  lambda?: number,
  liftTests: readonly LiftTest[] = config.calibration?.liftTests ?? [],
): (rows: MmmData) => FittedModel {
  const model = config.model, seed = config.seed;
  const penalty = lambda ?? model.lambda ?? 1;
  switch (model.kind) {
    case "bayes":
      return (rows) => bayesFit(config, rows, liftTests, (o) => fitBayes(rows, spec, o));
    case "bayes-linear":
      return (rows) => fitBayesLinear(rows, spec, { seed, nDraws: model.draws });
    case "elasticnet":
    case "lasso":
      return (rows) =>
        fitElasticNet(rows, spec, {
          lambda: penalty,
          l1Ratio: model.kind === "lasso" ? 1 : model.l1Ratio,
          nonNegative: model.nonNegative,
          guardrails: config.guardrails,
        });
    case "random-forest":
      return (rows) =>
        fitRandomForest(rows, spec, {
          nTrees: model.trees ?? 200,
          seed,
          ...(model.maxDepth === undefined ? {} : { maxDepth: model.maxDepth }),
        });
    case "gradient-boosting":
      return (rows) =>
        fitGradientBoosting(rows, spec, {
          nEstimators: model.trees ?? 100,
          learningRate: model.learningRate,
          maxDepth: model.maxDepth ?? 3,
          seed,
        });
    case "ols":
      return (rows) =>
        fitOls(rows, spec, { nonNegative: model.nonNegative, guardrails: config.guardrails });
    default:
      return (rows) =>
        fitRidge(rows, spec, {
          lambda: penalty,
          nonNegative: model.nonNegative,
          guardrails: config.guardrails,
        });
  }
}

/**
 * A configured Bayesian fit on `rows`: the config's chains, priors and fixed transform
 * parameters, and the lift tests whose window lies within the rows (a test in the holdout weeks
 * calibrates only the final model); errors name the config's keys.
 */
function bayesFit<T>(
  config: MmmConfig,
  rows: MmmData,
  lifts: readonly LiftTest[],
  run: (options: BayesOptions) => T,
): T {
  const model = config.model;
  const first = rows.dates[0] as string, last = rows.dates[rows.dates.length - 1] as string;
  const index = lifts.flatMap((lt, i) => (lt.start >= first && lt.end <= last ? [i] : []));
  return withConfigKeys(() =>
    run({
      chains: model.chains,
      warmup: model.warmup,
      draws: model.draws,
      seed: config.seed,
      priors: model.priors,
      fixed: fixedParams(config),
      liftTests: index.map((i) => lifts[i] as LiftTest),
    }), index);
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

/** The options of {@link tune} a config's `tuning` section (and model) asks for. */
export function configuredTuneOptions(config: MmmConfig): TuneOptions {
  const t = config.tuning;
  if (t === undefined) {
    throw new ConfigError("Cannot tune: the config has no tuning section", { key: "tuning" });
  }
  const model = config.model;
  return {
    trials: t.trials,
    sampler: t.strategy,
    seed: config.seed,
    folds: t.folds,
    metric: t.objectives.includes("mse") ? "mse" : "nrmse",
    rssd: t.objectives.includes("decomp_rssd"),
    validation: t.validation,
    nonNegative: model.nonNegative,
    guardrails: config.guardrails,
    families: t.families
      ? { ...t.families, keep: Object.fromEntries(config.channels.map((c) => [c.name, c.given])) }
      : false,
    bounds: tuningBounds(config),
    channelTypes: Object.fromEntries(
      config.channels.flatMap((c) => (c.type ? [[c.name, c.type]] : [])),
    ),
    ...(model.lambda === undefined ? {} : { lambda: model.lambda }),
  };
}

/**
 * Tuning bounds from the config: a channel's `bounds` entries, and every transform parameter the
 * config fixes (`params`), addressed as `"<channel>.<adstock|saturation>.<param>"`.
 */
function tuningBounds(config: MmmConfig): Record<string, BoundInput> {
  const out: Record<string, BoundInput> = {};
  for (const c of config.channels) {
    for (const stage of ["adstock", "saturation"] as const) {
      const t = c[stage];
      const params = getTransform(t.kind, { family: stage }).params;
      for (const [p, v] of Object.entries(t.params)) out[paramKey(c.name, stage, p)] = v;
      for (const [p, b] of Object.entries(c.bounds)) {
        if (p in params) out[paramKey(c.name, stage, p)] = b;
      }
    }
    for (const p of Object.keys(c.bounds)) {
      const known = ["adstock", "saturation"].some((stage) =>
        p in getTransform(c[stage as "adstock" | "saturation"].kind).params
      );
      if (!known) {
        throw new ConfigError(
          `Cannot tune: channels.${c.name}.bounds.${p} is not a parameter of "${c.adstock.kind}" or "${c.saturation.kind}"`,
          { key: `channels.${c.name}.bounds.${p}` },
        );
      }
    }
  }
  return out;
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
