/**
 * The config's `calibration` section: the lift tests that calibrate the Bayesian model, given
 * in the config or as the path of a CSV file.
 *
 * @module
 */
import type { LiftTest } from "../types.ts";
import { fail, ISO_DATE, number, object, string } from "./_config_reader.ts";

/** Calibration by experiments. */
export interface CalibrationConfig {
  /** Lift tests given in the config. */
  readonly liftTests: readonly LiftTest[];
  /** A CSV file of lift tests (resolved against the config file's folder), when given as a path. */
  readonly liftTestsFile?: string;
}

/** `calibration`: `{ liftTests }`, a list of lift tests or a CSV path; undefined when absent. */
export function parseCalibration(
  value: unknown,
  channels: readonly string[],
): CalibrationConfig | undefined {
  if (value === undefined) return undefined;
  const c = object(value, "calibration", ["liftTests"]);
  if (c.liftTests === undefined) {
    fail("calibration.liftTests", "is required: a list of lift tests or a CSV path");
  }
  return typeof c.liftTests === "string"
    ? { liftTests: [], liftTestsFile: string(c.liftTests, "calibration.liftTests") }
    : { liftTests: liftTests(c.liftTests, "calibration.liftTests", channels) };
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
