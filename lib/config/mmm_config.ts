/**
 * The run configuration of the `mmm` command line: one JSON file that says where the data is,
 * which columns play which role, how channels are transformed, which model to fit and how to
 * tune it. {@link parseMmmConfig} checks every key and returns a frozen {@link MmmConfig}; each
 * error is a `ConfigError` that names the key (as a dotted path) and says what is allowed.
 * Each section has its own parser (`_<section>_config.ts`); this module runs them in order.
 *
 * @module
 */
import type { GuardrailLimits } from "../guardrails/limits.ts";
import type { BaselineSpec, KpiKind } from "../types.ts";
import {
  deepFreeze,
  fail,
  integer,
  type Json,
  object,
  oneOf,
  string,
  strings,
} from "./_config_reader.ts";
import { type ChannelConfig, parseChannels } from "./_channels_config.ts";
import { type ModelConfig, parseModel } from "./_model_config.ts";
import { type CrossValidationConfig, parseCrossValidation } from "./_cross_validation_config.ts";
import { parseTuning, type TuningConfig } from "./_tuning_config.ts";
import { type BootstrapConfig, parseBootstrap } from "./_bootstrap_config.ts";
import { parseGuardrails } from "./_guardrails_config.ts";
import { type GeoModelConfig, parseGeoModel } from "./_geo_config.ts";
import { type CalibrationConfig, parseCalibration } from "./_calibration_config.ts";
import { type CleaningConfig, parseCleaning } from "./_cleaning_config.ts";
import {
  type FeatureKey,
  parseFeatures,
  parseHolidays,
  seasonalitySection,
  TRENDS,
} from "./_baseline_config.ts";

export type { ChannelConfig, TransformConfig } from "./_channels_config.ts";
export { MODEL_KINDS, type ModelConfig } from "./_model_config.ts";
export type { CrossValidationConfig } from "./_cross_validation_config.ts";
export type { TuningConfig } from "./_tuning_config.ts";
export type { BootstrapConfig } from "./_bootstrap_config.ts";
export { type CalibrationConfig, liftTests } from "./_calibration_config.ts";
export type { CleaningConfig } from "./_cleaning_config.ts";
export type { GeoModelConfig } from "./_geo_config.ts";
export { FEATURE_KEYS, type FeatureKey } from "./_baseline_config.ts";

/**
 * The whole run configuration.
 *
 * @example What parseMmmConfig returns, defaults filled in
 * ```ts
 * import { type MmmConfig, parseMmmConfig } from "mixlab";
 * import assert from "node:assert/strict";
 * const config: MmmConfig = parseMmmConfig({ data: "demo.csv", kpi: "revenue", channels: { tv: {} } });
 * assert.equal(config.date, "date");
 * ```
 */
export interface MmmConfig {
  /** Data file (CSV or Parquet), resolved against the config file's folder. */
  readonly data: string;
  /** Date column. */
  readonly date: string;
  /** Date format when it cannot be detected, e.g. `"dd/mm/yyyy"`. */
  readonly dateFormat?: string;
  /** Geo column, for panel data (rows per geo and week). */
  readonly geo?: string;
  /** Population column of a panel: one positive value per geo (requires `geo`). */
  readonly population?: string;
  /** How a panel is modelled (present exactly when `geo` is). */
  readonly geoModel?: GeoModelConfig;
  /** KPI column. */
  readonly kpi: string;
  /** Revenue (ROAS) or conversions (CPA). */
  readonly kpiKind: KpiKind;
  /** Channels in order. */
  readonly channels: readonly ChannelConfig[];
  /** Control columns. */
  readonly controls: readonly string[];
  /** Yearly Fourier pairs. */
  readonly yearlyFourier: number;
  /** Month-of-year and week-of-month dummies (`seasonality.monthOfYear`, `.weekOfMonth`). */
  readonly calendar: Pick<BaselineSpec, "monthOfYear" | "weekOfMonth">;
  /** Model features (`features`): lags, interactions, categoricals … as the spec's baseline keys. */
  readonly features: Pick<BaselineSpec, FeatureKey>;
  /** Trend shape. */
  readonly trend: "none" | "linear" | "quadratic";
  /** Holiday/event dates by name. */
  readonly holidays: Readonly<Record<string, readonly string[]>>;
  /** Final weeks held out of fitting to score the model. */
  readonly holdoutWeeks: number;
  /** The estimator. */
  readonly model: ModelConfig;
  /** Time-series cross-validation scores of the model (folds 0 = none). */
  readonly crossValidation: CrossValidationConfig;
  /** Tuning, or undefined to fit the given transform parameters. */
  readonly tuning?: TuningConfig;
  /** Bootstrap intervals (classical fits), or undefined when turned off. */
  readonly bootstrap?: BootstrapConfig;
  /** Guardrail limits given in the config (the others keep their defaults). */
  readonly guardrails: Partial<GuardrailLimits>;
  /** Lift tests that calibrate the Bayesian model. */
  readonly calibration?: CalibrationConfig;
  /** Mediation: the mediator channel and the channels upstream of it. */
  readonly mediation?: { readonly mediator: string; readonly upstream: readonly string[] };
  /** Cleaning policies (missing values, duplicates, outliers). */
  readonly cleaning: CleaningConfig;
  /** Seed of every random choice. */
  readonly seed: number;
}

const TOP_KEYS = [
  "data",
  "date",
  "dateFormat",
  "geo",
  "population",
  "geoModel",
  "kpi",
  "channels",
  "controls",
  "seasonality",
  "trend",
  "holidays",
  "holdoutWeeks",
  "model",
  "crossValidation",
  "tuning",
  "mediation",
  "bootstrap",
  "guardrails",
  "calibration",
  "features",
  "cleaning",
  "seed",
];

/**
 * Checks a parsed JSON config and returns it with every default filled in, frozen.
 *
 * Defaults: `date` "date"; `kpi` kind "revenue"; channel `spend` column = the channel name,
 * adstock "geometric", saturation "hill"; `controls` []; `seasonality.yearlyFourier` 2; `trend`
 * "linear"; `holidays` {}; `holdoutWeeks` 13; `model` ridge with non-negative media; `cleaning`
 * rejects empty cells and duplicate dates and treats no outliers; `tuning`
 * off unless given (then differential evolution, 10,000 trials — Robyn's 2,000 × 5 —, nrmse +
 * decomp_rssd, 5 folds); `seed` 42.
 *
 * @example The smallest config
 * ```ts
 * import { parseMmmConfig } from "mixlab";
 * import assert from "node:assert/strict";
 * const config = parseMmmConfig({ data: "demo.csv", kpi: "revenue", channels: { tv: {} } });
 * assert.equal(config.channels[0]?.spend, "tv");
 * assert.equal(config.model.kind, "ridge");
 * assert.throws(() => parseMmmConfig({ data: "x.csv", kpi: "y", channels: {}, colour: 1 }), /"colour"/);
 * ```
 */
export function parseMmmConfig(json: unknown): MmmConfig {
  const o = object(json, "", TOP_KEYS);
  requireKeys(o);
  const { kpi, kpiKind } = parseKpi(o.kpi);
  const channels = parseChannels(o.channels);
  const names = channels.map((c) => c.name);
  const seasonality = seasonalitySection(o.seasonality);
  const holidays = parseHolidays(o.holidays);
  const model = parseModel(o.model);
  const crossValidation = parseCrossValidation(o.crossValidation, model.kind);
  const tuning = parseTuning(o.tuning);
  const controls = o.controls === undefined ? [] : strings(o.controls, "controls");
  const unsupportedBy = tuning
    ? "tuning"
    : model.kind === "bayes"
    ? 'model.kind "bayes"'
    : undefined;
  const { calendar, features } = parseFeatures(
    seasonality,
    o.features,
    names,
    controls,
    unsupportedBy,
  );
  const mediation = parseMediation(o.mediation, names);
  const bootstrap = parseBootstrap(o.bootstrap, model.kind, tuning !== undefined);
  const guardrails = parseGuardrails(o.guardrails);
  const calibration = parseCalibration(o.calibration, names);
  const config: MmmConfig = {
    data: string(o.data, "data"),
    date: o.date === undefined ? "date" : string(o.date, "date"),
    kpi,
    kpiKind,
    channels,
    controls,
    yearlyFourier: seasonality.yearlyFourier === undefined
      ? 2
      : integer(seasonality.yearlyFourier, "seasonality.yearlyFourier", 0, 10),
    calendar,
    features,
    trend: o.trend === undefined ? "linear" : oneOf(o.trend, "trend", TRENDS),
    holidays,
    holdoutWeeks: o.holdoutWeeks === undefined
      ? 13
      : integer(o.holdoutWeeks, "holdoutWeeks", 0, 520),
    model,
    crossValidation,
    cleaning: parseCleaning(o.cleaning, [
      kpi,
      ...channels.flatMap((c) => (c.exposure === undefined ? [c.spend] : [c.spend, c.exposure])),
      ...controls,
    ]),
    seed: o.seed === undefined ? 42 : integer(o.seed, "seed", 0, 2 ** 32 - 1),
    ...(o.dateFormat === undefined ? {} : { dateFormat: string(o.dateFormat, "dateFormat") }),
    ...panelColumns(o),
    ...geoModelOf(o),
    ...(tuning ? { tuning } : {}),
    ...(bootstrap ? { bootstrap } : {}),
    guardrails,
    ...(mediation ? { mediation } : {}),
    ...(calibration ? { calibration } : {}),
  };
  return deepFreeze(config);
}

/** The keys without a default: `data`, `kpi` and `channels`. */
function requireKeys(o: Json): void {
  if (o.data === undefined) fail("data", "is required: the path of the CSV or Parquet file");
  if (o.kpi === undefined) fail("kpi", "is required: the KPI column, or { column, kind }");
  if (o.channels === undefined) {
    fail("channels", "is required: an object from channel name to its settings");
  }
}

/** `kpi`: a column name (revenue), or `{ column, kind }`. */
function parseKpi(value: unknown): { kpi: string; kpiKind: KpiKind } {
  if (typeof value === "string") return { kpi: string(value, "kpi"), kpiKind: "revenue" };
  const k = object(value, "kpi", ["column", "kind"]);
  const kpi = string(k.column, "kpi.column");
  return {
    kpi,
    kpiKind: k.kind === undefined
      ? "revenue"
      : oneOf(k.kind, "kpi.kind", ["revenue", "conversions"]),
  };
}

/** `mediation`: the mediator channel and the other channels upstream of it. */
function parseMediation(value: unknown, channels: readonly string[]): MmmConfig["mediation"] {
  if (value === undefined) return undefined;
  const md = object(value, "mediation", ["mediator", "upstream"]);
  const mediator = string(md.mediator, "mediation.mediator");
  if (!channels.includes(mediator)) {
    fail("mediation.mediator", `must be one of the channels, got "${mediator}"`);
  }
  const upstream = strings(md.upstream, "mediation.upstream");
  upstream.forEach((u, i) => {
    if (!channels.includes(u) || u === mediator) {
      fail(`mediation.upstream[${i}]`, `must be a channel other than the mediator, got "${u}"`);
    }
  });
  return { mediator, upstream };
}

/** The `geoModel` section, with defaults when the config has a `geo`. */
function geoModelOf(o: Json): { geoModel?: GeoModelConfig } {
  const geo = o.geo === undefined ? undefined : String(o.geo);
  const model = parseGeoModel(o.geoModel, geo, o.population === undefined ? undefined : "");
  return model ? { geoModel: model } : {};
}

/** The `geo` and `population` columns; a population needs a geo. */
function panelColumns(o: Json): { geo?: string; population?: string } {
  if (o.population !== undefined && o.geo === undefined) {
    fail("population", 'needs "geo": population scales each geo of a panel');
  }
  return {
    ...(o.geo === undefined ? {} : { geo: string(o.geo, "geo") }),
    ...(o.population === undefined ? {} : { population: string(o.population, "population") }),
  };
}
