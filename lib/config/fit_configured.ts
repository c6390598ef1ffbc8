/**
 * Running a configured model: load the data a config names, build its model spec, hold out the
 * final weeks, tune or fit the configured estimator, and summarise the result. The `mmm` command
 * line is a thin shell around these functions; a notebook can call them the same way.
 *
 * @module
 */
import { isAbsolute, join } from "node:path";
import { sliceRows } from "../mmm_data.ts";
import { fitBayes } from "../models/bayes/fit_bayes.ts";
import { fitElasticNet } from "../models/elastic_net.ts";
import { fitRidge } from "../models/ridge.ts";
import { defineModelSpec } from "../models/model_spec.ts";
import { loadCsv } from "../prep/load_csv.ts";
import { loadParquet } from "../prep/load_parquet.ts";
import type { LoadedData } from "../prep/_assemble.ts";
import type { LoadOptions } from "../prep/load_options.ts";
import type { DateFormat } from "../prep/date_format.ts";
import type { SearchProgress } from "../tuning/minimize.ts";
import { tune, type TuneResult } from "../tuning/tune.ts";
import type { BoundInput } from "../tuning/mmm_search_space.ts";
import { getTransform } from "../transforms/registry.ts";
import { ConfigError } from "../errors.ts";
import type { FittedModel, MmmData, ModelSpec } from "../types.ts";
import type { CleaningConfig, MmmConfig } from "./mmm_config.ts";

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
      controls: config.controls,
    },
    ...(config.dateFormat === undefined ? {} : { dateFormat: config.dateFormat as DateFormat }),
    ...cleaningOptions(config.cleaning),
  };
  return path.toLowerCase().endsWith(".parquet") ? loadParquet(path, load) : loadCsv(path, load);
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
  const added = (data?.controls ?? []).map((c) => c.name).filter((name) =>
    !config.controls.includes(name)
  );
  return defineModelSpec({
    channels: config.channels.map((c) => ({
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
    })),
    controls: [...config.controls, ...added],
    baseline: { yearlyFourier: config.yearlyFourier, trend: config.trend, events: config.holidays },
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
}

/** Options of {@link fitConfigured}. */
export interface FitConfiguredOptions {
  /** Progress of a tuning search, after every batch. @default undefined */
  readonly onProgress?: (progress: SearchProgress) => void;
  /** Stops a tuning search early, keeping what it found. @default undefined */
  readonly signal?: AbortSignal;
}

/**
 * Holds out the config's final weeks, then tunes (ridge with a tuning section) or fits the
 * configured estimator on the rest.
 */
export async function fitConfigured(
  config: MmmConfig,
  data: MmmData,
  options: FitConfiguredOptions = {},
): Promise<ConfiguredFit> {
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
  if (config.tuning) {
    if (model.kind !== "ridge") {
      throw new ConfigError(
        `Cannot tune: tuning searches ridge models; model.kind is "${model.kind}"`,
        { key: "model.kind", hint: 'set model.kind to "ridge" or remove "tuning"' },
      );
    }
    const t = config.tuning;
    const result = await tune(train, spec, {
      trials: t.trials,
      sampler: t.strategy,
      seed: config.seed,
      folds: t.folds,
      metric: t.objectives.includes("mse") ? "mse" : "nrmse",
      rssd: t.objectives.includes("decomp_rssd"),
      nonNegative: model.nonNegative,
      bounds: tuningBounds(config),
      channelTypes: Object.fromEntries(
        config.channels.flatMap((c) => (c.type ? [[c.name, c.type]] : [])),
      ),
      ...(model.lambda === undefined ? {} : { lambda: model.lambda }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const final = holdout
      ? fitRidge(data, result.spec, { lambda: result.lambda, nonNegative: model.nonNegative })
      : result.model;
    return { fit: result.model, final, train, holdout, tuning: result };
  }
  const estimate = (rows: MmmData): FittedModel =>
    model.kind === "bayes"
      ? fitBayes(rows, spec, {
        chains: model.chains,
        warmup: model.warmup,
        draws: model.draws,
        seed: config.seed,
      })
      : model.kind === "elasticnet"
      ? fitElasticNet(rows, spec, {
        lambda: model.lambda ?? 1,
        l1Ratio: model.l1Ratio,
        nonNegative: model.nonNegative,
      })
      : fitRidge(rows, spec, {
        lambda: model.kind === "ols" ? 0 : model.lambda ?? 1,
        nonNegative: model.nonNegative,
      });
  const fit = estimate(train);
  return { fit, final: holdout ? estimate(data) : fit, train, holdout, tuning: undefined };
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
      for (const [p, v] of Object.entries(t.params)) out[`${c.name}.${stage}.${p}`] = v;
      for (const [p, b] of Object.entries(c.bounds)) {
        if (p in params) out[`${c.name}.${stage}.${p}`] = b;
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
