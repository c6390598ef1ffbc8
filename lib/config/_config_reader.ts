/**
 * The checks every config section shares: each reads one JSON value at a dotted key and returns
 * it typed, or throws a {@link ConfigError} that names the key and says what is allowed.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/** An ISO date, `yyyy-mm-dd`. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws the ConfigError of `key`: `Cannot read config: "<key>" <message>`. */
export function fail(key: string, message: string): never {
  throw new ConfigError(`Cannot read config: "${key}" ${message}`, { key });
}

/** An object whose keys are all in `allowed`. */
export function object(value: unknown, key: string, allowed: readonly string[]): Json {
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

/** An object with any keys (a map from names the config chooses). */
export function record(value: unknown, key: string): Json {
  return object(value, key, Object.keys((value ?? {}) as Json));
}

/** A non-empty string. */
export function string(value: unknown, key: string): string {
  if (typeof value !== "string" || value.trim() === "") fail(key, "must be a non-empty string");
  return value;
}

/** A finite number from `min` to `max`. */
export function number(value: unknown, key: string, min: number, max = Infinity): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    fail(key, `must be a number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A whole number from `min` to `max`. */
export function integer(value: unknown, key: string, min: number, max = Infinity): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(key, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** One of the `allowed` strings. */
export function oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    fail(
      key,
      `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

/** A list of non-empty strings. */
export function strings(value: unknown, key: string): string[] {
  if (!Array.isArray(value)) fail(key, "must be a list of strings");
  return value.map((v, i) => string(v, `${key}[${i}]`));
}

/** `true` or `false`, left as it is when absent. */
export function flag(value: unknown, key: string): void {
  if (value !== undefined && typeof value !== "boolean") fail(key, "must be true or false");
}

/** Freezes a value and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
