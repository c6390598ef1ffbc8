/**
 * The config's baseline sections: `seasonality`, `holidays` and `features` (lags, interactions,
 * categoricals …), each checked by the baseline feature kinds' own rules, errors naming the
 * config's key.
 *
 * @module
 */
import { BASELINE_FEATURES, channelFeatureKeys } from "../features/baseline.ts";
import type { BaselineFeature } from "../features/feature.ts";
import type { BaselineSpec } from "../types.ts";
import { fail, ISO_DATE, type Json, object, record, strings } from "./_config_reader.ts";

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

/** The trend shapes `trend` may name. */
export const TRENDS = ["none", "linear", "quadratic"] as const;

/** The calendar dummies and model features a config sets, as the spec's baseline keys. */
export interface ConfiguredFeatures {
  /** `seasonality.monthOfYear` and `.weekOfMonth`. */
  readonly calendar: Pick<BaselineSpec, "monthOfYear" | "weekOfMonth">;
  /** `features.*`. */
  readonly features: Pick<BaselineSpec, FeatureKey>;
}

/** `seasonality`: `{ yearlyFourier, monthOfYear, weekOfMonth }`, empty when absent. */
export function seasonalitySection(value: unknown): Json {
  return value === undefined
    ? {}
    : object(value, "seasonality", ["yearlyFourier", "monthOfYear", "weekOfMonth"]);
}

/** `holidays`: event name → ISO dates. */
export function parseHolidays(value: unknown): Record<string, string[]> {
  const holidays: Record<string, string[]> = {};
  if (value === undefined) return holidays;
  for (const [name, dates] of Object.entries(record(value, "holidays"))) {
    holidays[name] = strings(dates, `holidays.${name}`).map((d, i) => {
      if (!ISO_DATE.test(d)) {
        fail(`holidays.${name}[${i}]`, `must be an ISO date yyyy-mm-dd, got "${d}"`);
      }
      return d;
    });
  }
  return holidays;
}

/**
 * The calendar dummies of `seasonality` and the `features`, their column names unique among the
 * channels and controls. `unsupportedBy` names what cannot take features that add columns to
 * channels (tuning, a Bayesian fit), when the config asks for it.
 */
export function parseFeatures(
  seasonality: Json,
  value: unknown,
  channels: string[],
  controls: string[],
  unsupportedBy: string | undefined,
): ConfiguredFeatures {
  const taken = new Set<string>(["intercept", "trend", "seasonality", ...channels, ...controls]);
  const names = {
    has: (n: string) => taken.has(n),
    add: (n: string) => taken.add(n),
    channels,
    controls,
  };
  const calendar = featureSection(
    seasonality,
    (k) => `seasonality.${k}`,
    ["monthOfYear", "weekOfMonth"],
    names,
  );
  const features = value === undefined ? {} : featureSection(
    object(value, "features", FEATURE_KEYS),
    (k) => `features.${k}`,
    FEATURE_KEYS,
    names,
  );
  const [channelFeature] = channelFeatureKeys(features as unknown as BaselineSpec, channels);
  if (channelFeature !== undefined && unsupportedBy !== undefined) {
    fail(
      `features.${channelFeature}`,
      `adds columns to channels, which ${unsupportedBy} does not support yet: fit without it, or tune first and fix the tuned transforms (channels.<name>.adstock.params) before adding it`,
    );
  }
  return {
    calendar: calendar as ConfiguredFeatures["calendar"],
    features: features as ConfiguredFeatures["features"],
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
