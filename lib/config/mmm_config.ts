/**
 * The run configuration of the `mmm` command line: one JSON file that says where the data is,
 * which columns play which role, how channels are transformed, which model to fit and how to
 * tune it. {@link parseMmmConfig} checks every key and returns a frozen {@link MmmConfig}; each
 * error is a {@link ConfigError} that names the key (as a dotted path) and says what is allowed.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { getTransform } from "../transforms/registry.ts";
import { CHANNEL_TYPES, type ChannelType } from "../transforms/adstock/geometric.ts";
import type { GuardrailLimits } from "../guardrails/limits.ts";
import type { BaselineSpec, KpiKind, LiftTest } from "../types.ts";
import { type Prior, resolvePrior } from "../models/bayes/priors.ts";
import { BASELINE_FEATURES, channelFeatureKeys } from "../features/baseline.ts";
import type { BaselineFeature } from "../features/feature.ts";
import type { DuplicatePolicy, NumberFormat } from "../prep/load_options.ts";
import type { MissingPolicy } from "../prep/missing_values.ts";
import type { OutlierAction, OutlierMethod } from "../prep/outliers.ts";

/** A transform as written in a config: kind and optional parameter values. */
export interface TransformConfig {
  /** Registered kind, e.g. `"geometric"`, `"hill"`. */
  readonly kind: string;
  /** Parameter values; missing ones take the defaults or are tuned. */
  readonly params: Readonly<Record<string, number>>;
}

/** One channel of the config. */
export interface ChannelConfig {
  /** Channel name. */
  readonly name: string;
  /** Spend column. */
  readonly spend: string;
  /** Optional exposure column. */
  readonly exposure?: string;
  /** Adstock choice. */
  readonly adstock: TransformConfig;
  /** Saturation choice. */
  readonly saturation: TransformConfig;
  /** Tuning bounds per parameter, overriding the transform's defaults: `{ decay: [0.1, 0.6] }`. */
  readonly bounds: Readonly<Record<string, readonly [number, number]>>;
  /** Media type, which sets the default decay bounds when tuning (Robyn's guidance). */
  readonly type?: ChannelType;
  /**
   * Which families the config names for this channel; tuning chooses the others from the data
   * (`tuning.families`) and keeps these.
   */
  readonly given: { readonly adstock: boolean; readonly saturation: boolean };
}

/** The estimator and its settings. */
export interface ModelConfig {
  /** Estimator. */
  readonly kind: (typeof MODEL_KINDS)[number];
  /**
   * Penalty strength (ridge, elastic net, lasso); tuned when tuning is on and this is absent,
   * and for lasso chosen by time-series cross-validation when absent.
   */
  readonly lambda?: number;
  /** Elastic net mixing (1 = lasso). */
  readonly l1Ratio: number;
  /** Media coefficients ≥ 0. */
  readonly nonNegative: boolean;
  /** Bayesian: chains, warmup and kept draws per chain. */
  readonly chains: number;
  /** Bayesian warmup iterations per chain. */
  readonly warmup: number;
  /** Bayesian kept draws per chain. */
  readonly draws: number;
  /**
   * Bayesian prior overrides by key (`"roas"`, `"tv.roas"`, `"decay"`, `"tv.decay"`,
   * `"intercept"`, …; see README "Bayesian priors").
   */
  readonly priors: Readonly<Record<string, Prior>>;
  /** Trees: random forest trees (default 200) or boosting stages (default 100). */
  readonly trees?: number;
  /** Trees: maximum depth (default unlimited for random forest, 3 for boosting). */
  readonly maxDepth?: number;
  /** Gradient boosting shrinkage. */
  readonly learningRate: number;
}

/** Calibration by experiments. */
export interface CalibrationConfig {
  /** Lift tests given in the config. */
  readonly liftTests: readonly LiftTest[];
  /** A CSV file of lift tests (resolved against the config file's folder), when given as a path. */
  readonly liftTestsFile?: string;
}

/** Time-series cross-validation of the fitted model on the training weeks. */
export interface CrossValidationConfig {
  /** Expanding-window folds (0 = off). */
  readonly folds: number;
  /** Weeks in each test fold. */
  readonly weeks: number;
  /** Also refit on rolling windows (half the training weeks, at least 52, every 13) for stability. */
  readonly rolling: boolean;
}

/** Hyperparameter tuning settings. */
export interface TuningConfig {
  /** Search strategy. */
  readonly strategy: "random" | "latin-hypercube" | "tpe" | "differential-evolution";
  /** Number of candidate models. */
  readonly trials: number;
  /** Objectives to minimise: one CV error ("nrmse" or "mse"), optionally "decomp_rssd". */
  readonly objectives: readonly ("nrmse" | "mse" | "decomp_rssd")[];
  /** Cross-validation folds (expanding window), when `validation` is "cv". */
  readonly folds: number;
  /** Score candidates in-sample on the training weeks, or on expanding-window CV folds. */
  readonly validation: "in-sample" | "cv";
  /**
   * Families each channel may take when the config does not name them, or undefined to keep
   * the defaults (geometric, Hill).
   */
  readonly families?: {
    readonly adstock: readonly string[];
    readonly saturation: readonly string[];
    /** Trials of each channel × family pair's screening search. */
    readonly trials: number;
  };
}

/** Block-bootstrap intervals of the classical fits (ROAS, mROAS, contribution). */
export interface BootstrapConfig {
  /** Number of replicates. */
  readonly replicates: number;
  /** Trials of each replicate's re-tuning (tuned fits only). */
  readonly trials: number;
  /** Rows per resampled block; undefined for n^(1/3). */
  readonly blockLength?: number;
}

/** How prep cleans the data before fitting; every choice is recorded in the quality report. */
export interface CleaningConfig {
  /** Empty cells per role: `error` (the default), `interpolate`, `forward-fill`, `zero`, `drop`. */
  readonly missing: {
    readonly kpi: MissingPolicy;
    readonly spend: MissingPolicy;
    readonly controls: MissingPolicy;
  };
  /** Several rows for one date: `error` (the default), `first`, `last`, `sum`, `mean`. */
  readonly duplicates: DuplicatePolicy;
  /** Outlier rule, or undefined for none. */
  readonly outliers?: {
    readonly method: OutlierMethod;
    readonly threshold?: number;
    readonly action: OutlierAction;
    /** Columns to check, as named in the file. */
    readonly columns: readonly string[];
  };
  /** Cell texts that mean "empty" (then the missing-value policy applies). */
  readonly nullValues: readonly string[];
  /** How to read numbers written with separators or currency symbols. */
  readonly numberFormat?: NumberFormat;
}

/** The whole run configuration. */
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

type Json = Record<string, unknown>;

/** The spec's feature keys a config sets under `features`. */
export const FEATURE_KEYS = [
  "lags",
  "interactions",
  "categoricals",
  "fixedEffects",
  "eventFlags",
  "shareOfVoice",
  "totalSpend",
  "zeroSpend",
  "boxCox",
] as const;

/** One of {@link FEATURE_KEYS}. */
export type FeatureKey = (typeof FEATURE_KEYS)[number];

const TOP_KEYS = [
  "data",
  "date",
  "dateFormat",
  "geo",
  "population",
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
/** The estimators `model.kind` may name. */
export const MODEL_KINDS = [
  "ridge",
  "ols",
  "elasticnet",
  "lasso",
  "random-forest",
  "gradient-boosting",
  "bayes-linear",
  "bayes",
] as const;
const STRATEGIES = ["random", "latin-hypercube", "tpe", "differential-evolution"] as const;
const OBJECTIVES = ["nrmse", "mse", "decomp_rssd"] as const;
const TRENDS = ["none", "linear", "quadratic"] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Default scoring of tuning candidates (README, "Tuning defaults"). */
const DEFAULT_VALIDATION = "in-sample" as const;
/** Default objectives: the error alone (DECOMP.RSSD pulls ROAS towards each other). */
const DEFAULT_OBJECTIVES = ["nrmse"] as const;
/** Families tuning chooses between by default, per stage. */
const DEFAULT_FAMILIES = {
  adstock: ["geometric", "weibull-pdf"],
  saturation: ["hill", "logistic"],
  trials: 200,
} as const;
/** Bootstrap replicates of a fit with fixed transforms. */
const DEFAULT_REPLICATES = 100;
/** Bootstrap replicates of a tuned fit (each re-tunes). */
const DEFAULT_TUNED_REPLICATES = 30;
/** Trials of each tuned replicate's search. */
const DEFAULT_REPLICATE_TRIALS = 1000;
const MISSING_POLICIES = ["error", "interpolate", "forward-fill", "zero", "drop"] as const;
const DUPLICATE_POLICIES = ["error", "first", "last", "sum", "mean"] as const;

function fail(key: string, message: string): never {
  throw new ConfigError(`Cannot read config: "${key}" ${message}`, { key });
}

function object(value: unknown, key: string, allowed: readonly string[]): Json {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(key, "must be an object");
  }
  for (const k of Object.keys(value)) {
    if (!allowed.includes(k)) {
      fail(
        key ? `${key}.${k}` : k,
        `is not a known key; allowed: ${allowed.map((a) => `"${a}"`).join(", ")}`,
      );
    }
  }
  return value as Json;
}

function string(value: unknown, key: string): string {
  if (typeof value !== "string" || value.trim() === "") fail(key, "must be a non-empty string");
  return value;
}

function number(value: unknown, key: string, min: number, max = Infinity): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    fail(key, `must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function integer(value: unknown, key: string, min: number, max = Infinity): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(key, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    fail(
      key,
      `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

function strings(value: unknown, key: string): string[] {
  if (!Array.isArray(value)) fail(key, "must be a list of strings");
  return value.map((v, i) => string(v, `${key}[${i}]`));
}

function transform(value: unknown, key: string, fallback: string): TransformConfig {
  if (value === undefined) return { kind: fallback, params: {} };
  if (typeof value === "string") return { kind: string(value, key), params: {} };
  const o = object(value, key, ["kind", "params"]);
  const params: Record<string, number> = {};
  if (o.params !== undefined) {
    for (
      const [p, v] of Object.entries(
        object(o.params, `${key}.params`, Object.keys(o.params as Json)),
      )
    ) {
      params[p] = number(v, `${key}.params.${p}`, -Infinity);
    }
  }
  return { kind: string(o.kind, `${key}.kind`), params };
}

function channel(name: string, value: unknown, key: string): ChannelConfig {
  const o = value === undefined || value === null
    ? {}
    : object(value, key, ["spend", "exposure", "type", "adstock", "saturation", "bounds"]);
  const bounds: Record<string, readonly [number, number]> = {};
  if (o.bounds !== undefined) {
    const b = object(o.bounds, `${key}.bounds`, Object.keys(o.bounds as Json));
    for (const [p, v] of Object.entries(b)) {
      const k = `${key}.bounds.${p}`;
      if (!Array.isArray(v) || v.length !== 2) fail(k, "must be a [lower, upper] pair");
      const lo = number(v[0], `${k}[0]`, -Infinity), hi = number(v[1], `${k}[1]`, -Infinity);
      if (!(lo < hi)) fail(k, `must have lower < upper, got [${lo}, ${hi}]`);
      bounds[p] = [lo, hi];
    }
  }
  const out: ChannelConfig = {
    name,
    spend: o.spend === undefined ? name : string(o.spend, `${key}.spend`),
    adstock: transform(o.adstock, `${key}.adstock`, "geometric"),
    saturation: transform(o.saturation, `${key}.saturation`, "hill"),
    bounds,
    given: { adstock: o.adstock !== undefined, saturation: o.saturation !== undefined },
  };
  return {
    ...out,
    ...(o.exposure === undefined ? {} : { exposure: string(o.exposure, `${key}.exposure`) }),
    ...(o.type === undefined ? {} : { type: oneOf(o.type, `${key}.type`, CHANNEL_TYPES) }),
  };
}

function priors(value: unknown, key: string): Record<string, Prior> {
  const o = object(value, key, Object.keys((value ?? {}) as Json));
  const out: Record<string, Prior> = {};
  for (const [k, v] of Object.entries(o)) out[k] = resolvePrior(v as Prior, `${key}.${k}`);
  return out;
}

/**
 * Checks lift tests: `channel` (one of `channels`), `start` and `end` (ISO dates, start ≤ end),
 * `lift` (a non-zero number) and `standardError` (positive).
 *
 * @param value The parsed list.
 * @param key The config key of the list, for errors.
 * @param channels The configured channel names.
 * @returns The lift tests.
 * @throws {ConfigError} Naming the entry's key (`calibration.liftTests[0].standardError`).
 */
export function liftTests(value: unknown, key: string, channels: readonly string[]): LiftTest[] {
  if (!Array.isArray(value)) fail(key, "must be a list of lift tests or the path of a CSV file");
  return value.map((v, i) => {
    const k = `${key}[${i}]`;
    const t = object(v, k, ["channel", "start", "end", "lift", "standardError"]);
    const channel = string(t.channel, `${k}.channel`);
    if (!channels.includes(channel)) {
      fail(`${k}.channel`, `must be one of the channels, got "${channel}"`);
    }
    const start = string(t.start, `${k}.start`), end = string(t.end, `${k}.end`);
    if (!ISO_DATE.test(start)) fail(`${k}.start`, `must be an ISO date yyyy-mm-dd, got "${start}"`);
    if (!ISO_DATE.test(end)) fail(`${k}.end`, `must be an ISO date yyyy-mm-dd, got "${end}"`);
    if (end < start) fail(`${k}.end`, `must not be before start "${start}", got "${end}"`);
    const lift = number(t.lift, `${k}.lift`, -Infinity);
    if (lift === 0) fail(`${k}.lift`, "must be the measured incremental KPI, not 0");
    if (t.standardError === undefined) {
      fail(`${k}.standardError`, "is required: the standard error of the measured lift");
    }
    const standardError = t.standardError;
    if (
      typeof standardError !== "number" || !Number.isFinite(standardError) || standardError <= 0
    ) {
      fail(
        `${k}.standardError`,
        `must be a positive number (KPI units), got ${JSON.stringify(standardError)}`,
      );
    }
    return { channel, start, end, lift, standardError };
  });
}

function cleaning(value: unknown, columns: readonly string[]): CleaningConfig {
  const o = value === undefined ? {} : object(value, "cleaning", [
    "missing",
    "duplicates",
    "outliers",
    "nullValues",
    "numberFormat",
  ]);
  const m = o.missing === undefined
    ? {}
    : object(o.missing, "cleaning.missing", ["kpi", "spend", "controls"]);
  const policy = (role: "kpi" | "spend" | "controls"): MissingPolicy =>
    m[role] === undefined ? "error" : oneOf(m[role], `cleaning.missing.${role}`, MISSING_POLICIES);
  let outliers: CleaningConfig["outliers"];
  if (o.outliers !== undefined) {
    const x = object(o.outliers, "cleaning.outliers", ["method", "threshold", "action", "columns"]);
    const targets = x.columns === undefined
      ? [columns[0] as string]
      : strings(x.columns, "cleaning.outliers.columns");
    targets.forEach((c, i) => {
      if (!columns.includes(c)) {
        fail(
          `cleaning.outliers.columns[${i}]`,
          `must be the KPI, a spend or a control column, got "${c}"`,
        );
      }
    });
    outliers = {
      method: x.method === undefined
        ? "iqr"
        : oneOf(x.method, "cleaning.outliers.method", ["iqr", "robust-z"]),
      action: x.action === undefined
        ? "flag"
        : oneOf(x.action, "cleaning.outliers.action", ["flag", "winsorize", "dummy"]),
      columns: targets,
      ...(x.threshold === undefined
        ? {}
        : { threshold: number(x.threshold, "cleaning.outliers.threshold", 1e-9) }),
    };
  }
  let numberFormat: NumberFormat | undefined;
  if (o.numberFormat !== undefined) {
    const f = object(o.numberFormat, "cleaning.numberFormat", ["thousands", "decimal", "currency"]);
    numberFormat = {
      ...(f.thousands === undefined ? {} : {
        thousands: oneOf(f.thousands, "cleaning.numberFormat.thousands", [",", ".", " ", "'"]),
      }),
      ...(f.decimal === undefined
        ? {}
        : { decimal: oneOf(f.decimal, "cleaning.numberFormat.decimal", [".", ","]) }),
      ...(f.currency === undefined
        ? {}
        : { currency: strings(f.currency, "cleaning.numberFormat.currency") }),
    };
  }
  return {
    missing: { kpi: policy("kpi"), spend: policy("spend"), controls: policy("controls") },
    duplicates: o.duplicates === undefined
      ? "error"
      : oneOf(o.duplicates, "cleaning.duplicates", DUPLICATE_POLICIES),
    nullValues: o.nullValues === undefined ? [] : strings(o.nullValues, "cleaning.nullValues"),
    ...(outliers ? { outliers } : {}),
    ...(numberFormat ? { numberFormat } : {}),
  };
}

/**
 * Checks the spec keys a config sets (`features.*`, `seasonality.monthOfYear`/`weekOfMonth`) with
 * the feature kinds' own rules, errors naming the config's key.
 */
function featureSection(
  input: Json,
  path: (key: keyof BaselineSpec) => string,
  keys: readonly (keyof BaselineSpec)[],
  names: {
    has(n: string): boolean;
    add(n: string): unknown;
    channels: string[];
    controls: string[];
  },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const feature = BASELINE_FEATURES.find((f) => f.key === key) as BaselineFeature;
    const value = feature.resolve(input[key], names, path(key));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

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
  if (o.data === undefined) fail("data", "is required: the path of the CSV or Parquet file");
  if (o.kpi === undefined) fail("kpi", "is required: the KPI column, or { column, kind }");
  if (o.channels === undefined) {
    fail("channels", "is required: an object from channel name to its settings");
  }
  let kpi: string, kpiKind: KpiKind = "revenue";
  if (typeof o.kpi === "string") kpi = string(o.kpi, "kpi");
  else {
    const k = object(o.kpi, "kpi", ["column", "kind"]);
    kpi = string(k.column, "kpi.column");
    if (k.kind !== undefined) kpiKind = oneOf(k.kind, "kpi.kind", ["revenue", "conversions"]);
  }
  const chans = object(o.channels, "channels", Object.keys(o.channels as Json));
  const names = Object.keys(chans);
  if (names.length === 0) fail("channels", "must name at least one channel");
  const channels = names.map((n) => channel(n, chans[n], `channels.${n}`));
  const seasonality = o.seasonality === undefined
    ? {}
    : object(o.seasonality, "seasonality", ["yearlyFourier", "monthOfYear", "weekOfMonth"]);
  const holidays: Record<string, string[]> = {};
  if (o.holidays !== undefined) {
    for (
      const [name, dates] of Object.entries(
        object(o.holidays, "holidays", Object.keys(o.holidays as Json)),
      )
    ) {
      holidays[name] = strings(dates, `holidays.${name}`).map((d, i) => {
        if (!ISO_DATE.test(d)) {
          fail(`holidays.${name}[${i}]`, `must be an ISO date yyyy-mm-dd, got "${d}"`);
        }
        return d;
      });
    }
  }
  const m = o.model === undefined ? {} : object(o.model, "model", [
    "kind",
    "lambda",
    "l1Ratio",
    "nonNegative",
    "chains",
    "warmup",
    "draws",
    "priors",
    "trees",
    "maxDepth",
    "learningRate",
  ]);
  if (m.nonNegative !== undefined && typeof m.nonNegative !== "boolean") {
    fail("model.nonNegative", "must be true or false");
  }
  const model: ModelConfig = {
    kind: m.kind === undefined ? "ridge" : oneOf(m.kind, "model.kind", MODEL_KINDS),
    l1Ratio: m.l1Ratio === undefined ? 0.5 : number(m.l1Ratio, "model.l1Ratio", 0, 1),
    nonNegative: m.nonNegative === undefined ? true : m.nonNegative as boolean,
    chains: m.chains === undefined ? 4 : integer(m.chains, "model.chains", 1, 64),
    warmup: m.warmup === undefined ? 1000 : integer(m.warmup, "model.warmup", 10, 100_000),
    draws: m.draws === undefined ? 1000 : integer(m.draws, "model.draws", 10, 100_000),
    priors: m.priors === undefined ? {} : priors(m.priors, "model.priors"),
    learningRate: m.learningRate === undefined
      ? 0.1
      : number(m.learningRate, "model.learningRate", 1e-6, 1),
    ...(m.lambda === undefined ? {} : { lambda: number(m.lambda, "model.lambda", 0) }),
    ...(m.trees === undefined ? {} : { trees: integer(m.trees, "model.trees", 1, 5000) }),
    ...(m.maxDepth === undefined ? {} : { maxDepth: integer(m.maxDepth, "model.maxDepth", 1, 64) }),
  };
  const treeKeys = ["trees", "maxDepth", "learningRate"].filter((k) => m[k] !== undefined);
  const allowed = model.kind === "gradient-boosting"
    ? treeKeys
    : model.kind === "random-forest"
    ? ["trees", "maxDepth"]
    : [];
  for (const k of treeKeys) {
    if (!allowed.includes(k)) {
      fail(`model.${k}`, `does not apply to model.kind "${model.kind}"`);
    }
  }
  const cvIn = o.crossValidation === undefined
    ? {}
    : object(o.crossValidation, "crossValidation", ["folds", "weeks", "rolling"]);
  if (cvIn.rolling !== undefined && typeof cvIn.rolling !== "boolean") {
    fail("crossValidation.rolling", "must be true or false");
  }
  const crossValidation: CrossValidationConfig = {
    folds: cvIn.folds === undefined
      ? (model.kind === "bayes" ? 0 : 4)
      : integer(cvIn.folds, "crossValidation.folds", 0, 20),
    weeks: cvIn.weeks === undefined ? 13 : integer(cvIn.weeks, "crossValidation.weeks", 1, 520),
    rolling: cvIn.rolling === undefined ? model.kind !== "bayes" : cvIn.rolling as boolean,
  };
  if (crossValidation.folds === 1) {
    fail("crossValidation.folds", "must be 0 (no cross-validation) or at least 2, got 1");
  }
  let tuning: TuningConfig | undefined;
  if (o.tuning !== undefined && o.tuning !== false) {
    const t = o.tuning === true ? {} : object(o.tuning, "tuning", [
      "strategy",
      "trials",
      "objectives",
      "folds",
      "validation",
      "families",
    ]);
    tuning = {
      strategy: t.strategy === undefined
        ? "differential-evolution"
        : oneOf(t.strategy, "tuning.strategy", STRATEGIES),
      trials: t.trials === undefined ? 10_000 : integer(t.trials, "tuning.trials", 1, 10_000_000),
      objectives: t.objectives === undefined
        ? DEFAULT_OBJECTIVES
        : strings(t.objectives, "tuning.objectives").map((v, i) =>
          oneOf(v, `tuning.objectives[${i}]`, OBJECTIVES)
        ),
      folds: t.folds === undefined ? 5 : integer(t.folds, "tuning.folds", 2, 20),
      validation: t.validation === undefined
        ? DEFAULT_VALIDATION
        : oneOf(t.validation, "tuning.validation", ["in-sample", "cv"] as const),
      ...families(t.families),
    };
    const errors = tuning.objectives.filter((x) => x !== "decomp_rssd");
    if (errors.length !== 1) {
      fail(
        "tuning.objectives",
        'must hold exactly one of "nrmse", "mse" (and optionally "decomp_rssd")',
      );
    }
  }
  const controls = o.controls === undefined ? [] : strings(o.controls, "controls");
  const taken = new Set<string>(["intercept", "trend", "seasonality", ...names, ...controls]);
  const featureNames = {
    has: (n: string) => taken.has(n),
    add: (n: string) => taken.add(n),
    channels: names,
    controls,
  };
  const calendar = featureSection(
    seasonality,
    (k) => `seasonality.${k}`,
    ["monthOfYear", "weekOfMonth"],
    featureNames,
  );
  const features = o.features === undefined ? {} : featureSection(
    object(o.features, "features", FEATURE_KEYS),
    (k) => `features.${k}`,
    FEATURE_KEYS,
    featureNames,
  );
  const [channelFeature] = channelFeatureKeys(features as unknown as BaselineSpec, names);
  if (channelFeature !== undefined && (tuning !== undefined || model.kind === "bayes")) {
    fail(
      `features.${channelFeature}`,
      `adds columns to channels, which ${
        tuning ? "tuning" : 'model.kind "bayes"'
      } does not support yet: fit without it, or tune first and fix the tuned transforms (channels.<name>.adstock.params) before adding it`,
    );
  }
  let mediation: MmmConfig["mediation"];
  if (o.mediation !== undefined) {
    const md = object(o.mediation, "mediation", ["mediator", "upstream"]);
    const mediator = string(md.mediator, "mediation.mediator");
    if (!names.includes(mediator)) {
      fail("mediation.mediator", `must be one of the channels, got "${mediator}"`);
    }
    const upstream = strings(md.upstream, "mediation.upstream");
    upstream.forEach((u, i) => {
      if (!names.includes(u) || u === mediator) {
        fail(`mediation.upstream[${i}]`, `must be a channel other than the mediator, got "${u}"`);
      }
    });
    mediation = { mediator, upstream };
  }
  const bootstrap = parseBootstrap(o.bootstrap, model.kind, tuning !== undefined);
  const guardrails = parseGuardrails(o.guardrails);
  let calibration: CalibrationConfig | undefined;
  if (o.calibration !== undefined) {
    const c = object(o.calibration, "calibration", ["liftTests"]);
    if (c.liftTests === undefined) {
      fail("calibration.liftTests", "is required: a list of lift tests or a CSV path");
    }
    calibration = typeof c.liftTests === "string"
      ? { liftTests: [], liftTestsFile: string(c.liftTests, "calibration.liftTests") }
      : { liftTests: liftTests(c.liftTests, "calibration.liftTests", names) };
  }
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
    calendar: calendar as MmmConfig["calendar"],
    features: features as MmmConfig["features"],
    trend: o.trend === undefined ? "linear" : oneOf(o.trend, "trend", TRENDS),
    holidays,
    holdoutWeeks: o.holdoutWeeks === undefined
      ? 13
      : integer(o.holdoutWeeks, "holdoutWeeks", 0, 520),
    model,
    crossValidation,
    cleaning: cleaning(o.cleaning, [
      kpi,
      ...channels.flatMap((c) => (c.exposure === undefined ? [c.spend] : [c.spend, c.exposure])),
      ...(o.controls === undefined ? [] : strings(o.controls, "controls")),
    ]),
    seed: o.seed === undefined ? 42 : integer(o.seed, "seed", 0, 2 ** 32 - 1),
    ...(o.dateFormat === undefined ? {} : { dateFormat: string(o.dateFormat, "dateFormat") }),
    ...panelColumns(o),
    ...(tuning ? { tuning } : {}),
    ...(bootstrap ? { bootstrap } : {}),
    guardrails,
    ...(mediation ? { mediation } : {}),
    ...(calibration ? { calibration } : {}),
  };
  return deepFreeze(config);
}

/** `tuning.families`: true (the default lists), false, or `{ adstock, saturation, trials }`. */
function families(value: unknown): Pick<TuningConfig, "families"> {
  if (value === false) return {};
  if (value === undefined || value === true) return { families: DEFAULT_FAMILIES };
  const f = object(value, "tuning.families", ["adstock", "saturation", "trials"]);
  const kinds = (
    v: unknown,
    key: string,
    stage: "adstock" | "saturation",
    fallback: readonly string[],
  ) => {
    if (v === undefined) return fallback;
    const list = strings(v, key);
    if (list.length === 0) fail(key, "must name at least one family");
    list.forEach((k, i) => {
      try {
        getTransform(k, { family: stage });
      } catch {
        fail(`${key}[${i}]`, `is not a registered ${stage} kind, got "${k}"`);
      }
    });
    return list;
  };
  return {
    families: {
      adstock: kinds(f.adstock, "tuning.families.adstock", "adstock", DEFAULT_FAMILIES.adstock),
      saturation: kinds(
        f.saturation,
        "tuning.families.saturation",
        "saturation",
        DEFAULT_FAMILIES.saturation,
      ),
      trials: f.trials === undefined
        ? DEFAULT_FAMILIES.trials
        : integer(f.trials, "tuning.families.trials", 10, 1_000_000),
    },
  };
}

function pair(value: unknown, key: string, min: number, max = Infinity): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) fail(key, "must be a [lower, upper] pair");
  const lo = number(value[0], `${key}[0]`, min, max), hi = number(value[1], `${key}[1]`, min, max);
  if (!(lo <= hi)) fail(key, `must have lower <= upper, got [${lo}, ${hi}]`);
  return [lo, hi];
}

/**
 * `bootstrap`: false, true, or `{ replicates, trials, blockLength }`. On by default for the
 * linear kinds (ridge, OLS, elastic net, lasso); Bayesian fits have draws instead, and tree
 * models are refitted only when asked (true or an object), being slow to refit.
 */
function parseBootstrap(
  value: unknown,
  kind: ModelConfig["kind"],
  tuned: boolean,
): BootstrapConfig | undefined {
  const linear = kind === "ridge" || kind === "ols" || kind === "elasticnet" || kind === "lasso";
  if (value === false || (value === undefined && !linear)) return undefined;
  if (kind === "bayes" || kind === "bayes-linear") {
    fail("bootstrap", "does not apply to Bayesian fits, whose intervals come from their draws");
  }
  const b = value === undefined || value === true
    ? {}
    : object(value, "bootstrap", ["replicates", "trials", "blockLength"]);
  return {
    replicates: b.replicates === undefined
      ? tuned ? DEFAULT_TUNED_REPLICATES : DEFAULT_REPLICATES
      : integer(b.replicates, "bootstrap.replicates", 2, 10_000),
    trials: b.trials === undefined
      ? DEFAULT_REPLICATE_TRIALS
      : integer(b.trials, "bootstrap.trials", 1, 1_000_000),
    ...(b.blockLength === undefined
      ? {}
      : { blockLength: integer(b.blockLength, "bootstrap.blockLength", 1, 520) }),
  };
}

/** `guardrails`: plausible ranges and identification limits (lib/guardrails/guardrails.ts). */
function parseGuardrails(value: unknown): Partial<GuardrailLimits> {
  if (value === undefined) return {};
  const g = object(value, "guardrails", [
    "mediaShare",
    "roas",
    "cpa",
    "extrapolation",
    "flatness",
    "baselineR2",
    "shareRatio",
    "intervalRatio",
  ]);
  const out: Record<string, unknown> = {};
  if (g.mediaShare !== undefined) {
    out.mediaShare = pair(g.mediaShare, "guardrails.mediaShare", 0, 1);
  }
  if (g.roas !== undefined) out.roas = pair(g.roas, "guardrails.roas", -Infinity);
  if (g.cpa !== undefined) out.cpa = pair(g.cpa, "guardrails.cpa", 0);
  for (const k of ["extrapolation", "flatness", "baselineR2"] as const) {
    if (g[k] !== undefined) out[k] = number(g[k], `guardrails.${k}`, 0, 1);
  }
  for (const k of ["shareRatio", "intervalRatio"] as const) {
    if (g[k] !== undefined) out[k] = number(g[k], `guardrails.${k}`, 1);
  }
  return out as Partial<GuardrailLimits>;
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
