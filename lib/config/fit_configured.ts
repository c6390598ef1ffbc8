/**
 * Running a configured model: load the data a config names, build its model spec, hold out the
 * final weeks, tune or fit the configured estimator, and summarise the result. The `mmm` command
 * line is a thin shell around these functions; a notebook can call them the same way.
 *
 * @module
 */
import { isAbsolute, join } from "node:path";
import { sliceRows } from "../mmm_data.ts";
import { fitBayesParallel } from "../models/bayes/fit_bayes.ts";
import type { SamplingProgress } from "../models/bayes/sampling_progress.ts";
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
import type { FittedModel, LiftTest, MmmData, ModelSpec } from "../types.ts";
import { liftTests as checkLiftTests, type MmmConfig } from "./mmm_config.ts";

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
  };
  return path.toLowerCase().endsWith(".parquet") ? loadParquet(path, load) : loadCsv(path, load);
}

/** The model spec a config describes (transform parameters as given, defaults elsewhere). */
export function modelSpecFromConfig(config: MmmConfig): ModelSpec {
  return defineModelSpec({
    channels: config.channels.map((c) => ({
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
    })),
    controls: config.controls,
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
 * Re-raises a Bayesian fit's ConfigError with the config's key (`model.priors.…`,
 * `calibration.liftTests[i]…` with `liftIndex` mapping the fit's list back to the config's).
 */
function withConfigKeys<T>(f: () => Promise<T>, liftIndex: readonly number[]): Promise<T> {
  return f().catch((e: unknown) => {
    if (!(e instanceof ConfigError) || e.key === undefined) throw e;
    const lift = /^liftTests\[(\d+)\](.*)$/.exec(e.key);
    const key = e.key.startsWith("priors.")
      ? `model.${e.key}`
      : lift
      ? `calibration.liftTests[${liftIndex[Number(lift[1])]}]${lift[2]}`
      : e.key;
    throw new ConfigError(e.message.replaceAll(`"${e.key}"`, `"${key}"`), {
      key,
      ...(e.channel !== undefined ? { channel: e.channel } : {}),
      ...(e.dates !== undefined ? { dates: e.dates } : {}),
    }, { cause: e });
  });
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
  const spec = modelSpecFromConfig(config);
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
      ? fitRidge(data, result.spec, {
        lambda: result.lambda,
        nonNegative: model.nonNegative,
        tuned: result.model.transformParams().flatMap((q) =>
          q.status === "tuned" ? [`${q.channel}.${q.stage}.${q.name}`] : []
        ),
      })
      : result.model;
    return { fit: result.model, final, train, holdout, tuning: result };
  }
  const lifts = options.liftTests ?? config.calibration?.liftTests ?? [];
  if (lifts.length > 0 && model.kind !== "bayes") {
    throw new ConfigError(
      `Cannot fit: lift tests calibrate the Bayesian model; model.kind is "${model.kind}"`,
      { key: "calibration.liftTests", hint: 'set model.kind to "bayes" or remove "calibration"' },
    );
  }
  const estimate = async (rows: MmmData): Promise<FittedModel> => {
    if (model.kind === "bayes") {
      // lift tests whose window lies within the rows (a test in the holdout weeks calibrates
      // only the final model)
      const first = rows.dates[0] as string, last = rows.dates[rows.dates.length - 1] as string;
      const index = lifts.flatMap((lt, i) => (lt.start >= first && lt.end <= last ? [i] : []));
      const inside = index.map((i) => lifts[i] as LiftTest);
      return await withConfigKeys(() =>
        fitBayesParallel(rows, spec, {
          chains: model.chains,
          warmup: model.warmup,
          draws: model.draws,
          seed: config.seed,
          priors: model.priors,
          fixed: fixedParams(config),
          liftTests: inside,
          ...(options.onSampling ? { onProgress: options.onSampling } : {}),
        }), index);
    }
    return model.kind === "elasticnet"
      ? fitElasticNet(rows, spec, {
        lambda: model.lambda ?? 1,
        l1Ratio: model.l1Ratio,
        nonNegative: model.nonNegative,
      })
      : fitRidge(rows, spec, {
        lambda: model.kind === "ols" ? 0 : model.lambda ?? 1,
        nonNegative: model.nonNegative,
      });
  };
  const fit = await estimate(train);
  return { fit, final: holdout ? await estimate(data) : fit, train, holdout, tuning: undefined };
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
