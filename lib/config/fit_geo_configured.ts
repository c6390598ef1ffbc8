/**
 * Running a configured geo model (a config with `geo`): hold out every geo's final weeks, tune
 * the shared transforms over the panel when the config asks, fit the classical geo model on the
 * training weeks, score it on the held-out weeks, and fit each geo on its own for the shrinkage
 * display. The `mmm fit` command calls it for panels; a notebook can call it the same way.
 *
 * `model.kind` chooses the estimator: `"ols"` (λ = 0, cluster-robust 90% intervals),
 * `"ridge"` (λ = `model.lambda`, 1 when absent as for national ridge, tuned when the config
 * tunes and gives none; no intervals) or `"bayes"`, the hierarchical model `fitGeoBayes`
 * (`model.chains`, `warmup`, `draws`, `priors`; transforms sampled from the configured values;
 * no tuning, no holdout score). The separate per-geo fits use OLS at the fit's transforms.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { fitGeoBayes } from "../models/geo/bayes/fit_geo_bayes.ts";
import type { SamplingProgress } from "../models/bayes/sampling_progress.ts";
import { fitGeoLinear, type GeoLinearOptions } from "../models/geo/fit_geo_linear.ts";
import type { GeoFit } from "../models/geo/geo_fit.ts";
import { fitGeosSeparately, type SeparateGeoEstimate } from "../models/geo/fit_geos_separately.ts";
import { solveGeoLinear } from "../models/geo/geo_linear_solve.ts";
import { type GeoChannelSpec, panelMedia } from "../models/geo/panel_media.ts";
import { geoWeeks } from "../tuning/geo_cross_validation.ts";
import type { SearchProgress } from "../tuning/minimize.ts";
import { type GeoTuning, tuneGeo } from "../tuning/tune_geo.ts";
import type { Diagnostic, MmmData } from "../types.ts";
import { modelSpecFromConfig } from "./configured_spec.ts";
import { configuredTuneOptions } from "./configured_tuning.ts";
import type { MmmConfig } from "./mmm_config.ts";

/** The outcome of {@link fitGeoConfigured}. */
export interface ConfiguredGeoFit {
  /** The geo model fitted on the training weeks of every geo. */
  readonly fit: GeoFit;
  /** Each geo fitted on its own, same transforms (the shrinkage display's "no pooling"). */
  readonly separate: readonly SeparateGeoEstimate[];
  /** The held-out weeks' scores (KPI units, every geo-week), when there is a holdout and no week effects. */
  readonly holdout:
    | { readonly weeks: number; readonly r2: number; readonly rmse: number }
    | undefined;
  /** The tuning run, when the config tunes. */
  readonly tuning: GeoTuning | undefined;
  /** The transforms fitted (tuned or as configured). */
  readonly channels: readonly GeoChannelSpec[];
  /** The classical model's options (the separate fits' and the forecast's; λ of ols/ridge). */
  readonly options: GeoLinearOptions;
  /** The training rows. */
  readonly train: MmmData;
  /** Notes on config keys the geo model does not use. */
  readonly notes: readonly Diagnostic[];
}

/** The geo model's options a config asks for (λ as configured; tuning may replace it). */
export function geoModelOptions(config: MmmConfig): GeoLinearOptions {
  const kind = config.model.kind;
  if (kind !== "ols" && kind !== "ridge" && kind !== "bayes") {
    throw new ConfigError(
      `Cannot fit the panel with model.kind "${kind}": geo panels are fitted by "ols", "ridge" (or "bayes")`,
      { key: "model.kind", hint: 'set model.kind to "ols" or "ridge"' },
    );
  }
  const g = config.geoModel ?? { geoTrends: false, weekEffects: false };
  return {
    geoTrends: g.geoTrends,
    weekEffects: g.weekEffects,
    yearlyFourier: config.yearlyFourier,
    lambda: kind === "ridge" ? config.model.lambda ?? 1 : 0,
    nonNegative: config.model.nonNegative,
    guardrails: config.guardrails,
    ...(g.populationScaling === undefined ? {} : { populationScaling: g.populationScaling }),
    ...(g.weighting === undefined ? {} : { weighting: g.weighting }),
  };
}

/**
 * Fits a configured panel (see the module doc).
 *
 * @throws {ConfigError} for `model.kind` other than ols/ridge, or a holdout that leaves fewer
 * than 26 weeks.
 */
export async function fitGeoConfigured(
  config: MmmConfig,
  data: MmmData,
  progress: {
    readonly onProgress?: (p: SearchProgress) => void;
    readonly onSampling?: (p: SamplingProgress) => void;
  } = {},
): Promise<ConfiguredGeoFit> {
  let options = geoModelOptions(config);
  const weeks = new Set(data.dates).size, h = config.holdoutWeeks;
  if (weeks - h < 26) {
    throw new ConfigError(
      `Cannot fit the panel: holdoutWeeks ${h} leaves ${
        weeks - h
      } of its ${weeks} weeks (at least 26 are needed)`,
      { key: "holdoutWeeks" },
    );
  }
  const train = h > 0 ? geoWeeks(data, 0, weeks - h) : data;
  const spec = modelSpecFromConfig(config, data);
  let channels: readonly GeoChannelSpec[] = spec.channels;
  let tuning: GeoTuning | undefined;
  if (config.tuning && config.model.kind === "bayes") {
    throw new ConfigError(
      'Cannot tune the panel with model.kind "bayes": its transforms are sampled, not searched',
      { key: "tuning", hint: 'remove "tuning", or use "ols" or "ridge"' },
    );
  }
  if (config.tuning) {
    const t = configuredTuneOptions(config);
    const { lambda: _l, ...model } = options;
    tuning = await tuneGeo(train, spec, {
      model,
      trials: t.trials ?? 1000,
      sampler: t.sampler ?? "differential-evolution",
      seed: config.seed,
      validation: t.validation ?? "in-sample",
      folds: t.folds ?? 3,
      lambda: config.model.kind === "ols" ? 0 : config.model.lambda ?? [1e-4, 10],
      bounds: t.bounds ?? {},
      channelTypes: t.channelTypes ?? {},
      ...(t.families ? { families: t.families } : {}),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
    channels = tuning.channels;
    options = { ...options, lambda: tuning.lambda };
  }
  const bayes = config.model.kind === "bayes";
  const fit: GeoFit = bayes
    ? await fitGeoBayes(train, channels, {
      chains: config.model.chains,
      warmup: config.model.warmup,
      draws: config.model.draws,
      seed: config.seed,
      geoTrends: options.geoTrends ?? false,
      yearlyFourier: config.yearlyFourier,
      priors: config.model.priors,
      ...(options.populationScaling === undefined
        ? {}
        : { populationScaling: options.populationScaling }),
      ...(progress.onSampling ? { onProgress: progress.onSampling } : {}),
    })
    : fitGeoLinear(train, channels, options);
  const fitted = bayes ? fit.transforms : channels;
  const withTuning = tuning ? { ...fit, warnings: [...fit.warnings, ...tuning.warnings] } : fit;
  return {
    fit: withTuning,
    separate: fitGeosSeparately(train, fitted, options),
    holdout: h > 0 && !options.weekEffects && !bayes
      ? holdoutScore(data, channels, options, weeks - h)
      : undefined,
    tuning,
    channels: fitted,
    options,
    train,
    notes: unusedKeys(config),
  };
}

/** R² and RMSE of the held-out weeks, predicted from the training weeks (KPI units). */
function holdoutScore(
  data: MmmData,
  channels: readonly GeoChannelSpec[],
  options: GeoLinearOptions,
  trainWeeks: number,
) {
  const panel = panelMedia(
    data,
    channels,
    options.populationScaling ?? !!data.population,
    trainWeeks,
  );
  const later = solveGeoLinear(data, panel, options, trainWeeks).later as Float64Array;
  const T = panel.weeks, L = T - trainWeeks, actual: number[] = [], predicted: number[] = [];
  panel.geos.forEach((_, g) => {
    for (let t = 0; t < L; t++) {
      const pop = panel.population[g]!;
      actual.push(pop * panel.y[g * T + trainWeeks + t]!);
      predicted.push(pop * later[g * L + t]!);
    }
  });
  const mean = actual.reduce((a, v) => a + v, 0) / actual.length;
  let sse = 0, sst = 0;
  actual.forEach((v, i) => {
    sse += (v - predicted[i]!) ** 2;
    sst += (v - mean) ** 2;
  });
  return { weeks: L, r2: 1 - sse / sst, rmse: Math.sqrt(sse / actual.length) };
}

/** Info notes for config keys a geo fit does not use. */
function unusedKeys(config: MmmConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (config.bootstrap) {
    out.push({
      level: "info",
      code: "geo-bootstrap-unused",
      message:
        "The bootstrap is not run for geo models: OLS intervals are cluster-robust by geo; ridge has none",
    });
  }
  if (config.crossValidation.folds > 0) {
    out.push({
      level: "info",
      code: "geo-cross-validation-unused",
      message:
        'crossValidation is not run for geo models; "tuning": { "validation": "cv" } scores candidates on time folds',
    });
  }
  return out;
}
