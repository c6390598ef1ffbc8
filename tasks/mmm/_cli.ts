/**
 * What every `mmm` command shares: reading the config and result files with errors that name
 * the file, and turning a thrown error into one clear message and an exit code (2 for problems
 * the user can fix, 1 for bugs).
 *
 * @module
 */
import { dirname, resolve } from "std/path";
import { ConfigError, MmmError } from "../../lib/errors.ts";
import { type MmmConfig, parseMmmConfig } from "../../lib/config/mmm_config.ts";

/** A command: its usage text and what it does with its arguments; returns the exit code. */
export interface Command {
  /** One line: what it does. */
  readonly summary: string;
  /** Full usage text for `--help`. */
  readonly usage: string;
  /** Runs the command. */
  run(args: string[]): Promise<number>;
}

/** Reads and parses a JSON file, with a ConfigError naming the file when it cannot. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new ConfigError(`Cannot read ${what}: "${path}" does not exist`, { file: path });
    }
    throw e;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(
      `Cannot read ${what}: "${path}" is not valid JSON (${e instanceof Error ? e.message : e})`,
      { file: path },
    );
  }
}

/** A loaded config and the folder its relative paths are resolved against. */
export interface LoadedConfig {
  readonly config: MmmConfig;
  readonly baseDir: string;
  /** The config as written (with a `--seed` override), for saving beside a fitted model. */
  readonly json: Record<string, unknown>;
}

/** Reads `--config FILE`, applying a `--seed` override when given. */
export async function loadConfigFile(
  path: string | undefined,
  seed?: string,
): Promise<LoadedConfig> {
  if (!path) throw new ConfigError("Cannot run: --config FILE is required", { key: "--config" });
  const json = await readJsonFile(path, "config") as Record<string, unknown>;
  const withSeed = seed === undefined ? json : { ...json, seed: parseSeed(seed) };
  return { config: parseMmmConfig(withSeed), baseDir: dirname(resolve(path)), json: withSeed };
}

function parseSeed(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    throw new ConfigError(`Cannot run: --seed must be a whole number ≥ 0, got "${text}"`, {
      key: "--seed",
    });
  }
  return n;
}

/** Requires an option; a ConfigError naming it otherwise. */
export function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value === "") {
    throw new ConfigError(`Cannot run: ${flag} is required (${what})`, { key: flag });
  }
  return value;
}

/** Parses a number option. */
export function numberOption(value: string, flag: string, min = -Infinity): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min) {
    throw new ConfigError(
      `Cannot run: ${flag} must be a number${min > -Infinity ? ` ≥ ${min}` : ""}, got "${value}"`,
      {
        key: flag,
      },
    );
  }
  return n;
}

/** Prints an error the way the command line reports it and returns its exit code. */
export function reportError(e: unknown): number {
  if (e instanceof MmmError) {
    console.error(`error: ${e.message}`);
    return 2;
  }
  if (
    e instanceof TypeError &&
    /Unknown option|Unexpected argument|requires an argument/.test(e.message)
  ) {
    console.error(`error: ${e.message}; see --help`);
    return 2;
  }
  if (e instanceof RangeError) {
    console.error(`error: ${e.message}`);
    return 2;
  }
  console.error(
    `internal error: ${e instanceof Error ? e.message : String(e)}\n` +
      "This is a bug in mixlab; please report it with the command you ran.",
  );
  return 1;
}
