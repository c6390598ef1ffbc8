/**
 * Errors in the config's own terms: the library names a spec's keys `baseline.<key>`, a config
 * writes them as `features.<key>`, `seasonality.<key>`, `trend` or `holidays`. Errors that the
 * model raises while fitting a configured run are renamed so that a command-line user reads the
 * key they can set; a Bayesian fit's `priors.…` and `liftTests[i]…` become `model.priors.…` and
 * `calibration.liftTests[j]…`.
 *
 * @module
 */
import { ConfigError, MmmError } from "../errors.ts";
import { FEATURE_KEYS } from "./_baseline_config.ts";

/** The config key of a spec key: `baseline.lags.tv` → `features.lags.tv`. */
export function configKey(key: string): string {
  const m = /^baseline\.([A-Za-z]+)(.*)$/.exec(key);
  if (m === null) return key;
  const [, name, rest] = m as unknown as [string, string, string];
  if ((FEATURE_KEYS as readonly string[]).includes(name)) return `features.${name}${rest}`;
  if (["yearlyFourier", "monthOfYear", "weekOfMonth"].includes(name)) {
    return `seasonality.${name}${rest}`;
  }
  if (name === "events") return `holidays${rest}`;
  return `${name}${rest}`;
}

/** Runs `f`; an MmmError naming a spec key is thrown again naming the config key. */
export async function inConfigTerms<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof MmmError) || e.key === undefined || !e.key.startsWith("baseline.")) throw e;
    const key = configKey(e.key);
    const hint = e.hint?.replaceAll(e.key, key);
    const base = e.hint === undefined ? e.message : e.message.slice(0, -(e.hint.length + 2));
    const Kind = e.constructor as new (
      message: string,
      context: object,
      options: ErrorOptions,
    ) => MmmError;
    throw new Kind(base.replaceAll(e.key, key), {
      ...(e.column === undefined ? {} : { column: e.column }),
      ...(e.rows === undefined ? {} : { rows: e.rows }),
      ...(e.dates === undefined ? {} : { dates: e.dates }),
      ...(e.channel === undefined ? {} : { channel: e.channel }),
      ...(e.geos === undefined ? {} : { geos: e.geos }),
      ...(e.file === undefined ? {} : { file: e.file }),
      ...(hint === undefined ? {} : { hint }),
      key,
    }, { cause: e });
  }
}

/**
 * Re-raises a Bayesian fit's ConfigError with the config's key (`model.priors.…`,
 * `calibration.liftTests[i]…` with `liftIndex` mapping the fit's list back to the config's).
 */
export function withConfigKeys<T>(f: () => T, liftIndex: readonly number[]): T {
  const rethrow = (e: unknown): never => {
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
  };
  try {
    const out = f();
    return (out instanceof Promise ? out.catch(rethrow) : out) as T;
  } catch (e) {
    return rethrow(e);
  }
}
