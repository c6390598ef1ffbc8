/**
 * Private checks shared by the feature kinds that read names and text columns: errors that
 * name the key, and the labels of a text column.
 *
 * @module
 */
import { ConfigError, MmmDataError } from "../errors.ts";
import type { MmmData } from "../types.ts";
import type { FeatureNames } from "./feature.ts";

/** Throws a ConfigError `Cannot define model spec: <key> <message>` naming the key. */
export function fail(key: string, message: string, hint?: string): never {
  throw new ConfigError(
    `Cannot define model spec: ${key} ${message}`,
    hint === undefined ? { key } : { key, hint },
  );
}

/** The input as a plain object (a record), or a ConfigError naming the key. */
export function record(input: unknown, key: string, what: string): Record<string, unknown> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    fail(key, `must be an object of ${what}`);
  }
  return input as Record<string, unknown>;
}

/** A list of non-empty strings, or a ConfigError naming the key. */
export function stringList(input: unknown, key: string): string[] {
  if (!Array.isArray(input)) fail(key, "must be a list of names");
  return input.map((v, i) => {
    if (typeof v !== "string" || v === "") fail(`${key}[${i}]`, "must be a non-empty name");
    return v;
  });
}

/** Takes a new name for a column or term, or a ConfigError when it is taken. */
export function claim(names: FeatureNames, name: string, key: string): void {
  if (names.has(name)) {
    fail(key, `would add the name "${name}", which is already taken`, "rename the column");
  }
  names.add(name);
}

/** Whether a name is a channel of the model (when the names know the channels). */
export function isChannel(names: FeatureNames, name: string): boolean {
  return names.channels?.includes(name) ?? false;
}

/** Requires `name` to be one of the model's channels (or also its controls). */
export function requireColumn(
  names: FeatureNames,
  name: string,
  key: string,
  allowed: "channel" | "channel or control",
): void {
  if (names.channels === undefined) return;
  const ok = names.channels.includes(name) ||
    (allowed === "channel or control" && (names.controls ?? []).includes(name));
  if (!ok) {
    const list = [...names.channels, ...(allowed === "channel" ? [] : names.controls ?? [])];
    fail(
      key,
      `must name a ${allowed} of the model, got "${name}"`,
      `the model's ${allowed === "channel" ? "channels" : "channels and controls"} are ${
        list.map((n) => `"${n}"`).join(", ") || "none"
      }`,
    );
  }
}

/** The labels of a text column of the data (or of its geo column), or an error naming the key. */
export function labelsOf(data: MmmData, name: string, key: string): readonly string[] {
  const column = data.categories?.find((c) => c.name === name);
  if (column !== undefined) return column.values;
  if (data.geo !== undefined && data.geo.name === name) return data.geo.values;
  throw new ConfigError(
    `Cannot build design: ${key} names "${name}", not a text column of the data`,
    {
      key,
      column: name,
      hint: `the data's text columns are ${
        [...(data.categories ?? []).map((c) => c.name), ...(data.geo ? [data.geo.name] : [])]
          .map((n) => `"${n}"`).join(", ") || "none"
      }; load the column as a category`,
    },
  );
}

/** A control column of the data, or an error naming the key. */
export function controlValues(data: MmmData, name: string, key: string): Float64Array {
  const column = data.controls.find((c) => c.name === name);
  if (column === undefined) {
    throw new ConfigError(`Cannot build design: ${key} names "${name}", not a column of the data`, {
      key,
      column: name,
      hint: `the data's numeric controls are ${
        data.controls.map((c) => `"${c.name}"`).join(", ") || "none"
      }`,
    });
  }
  return column.values;
}

/** One 0/1 column per level (but the reference): 1 in the rows whose label is that level. */
export function dummyColumns(
  labels: readonly string[],
  levels: readonly string[],
  column: string,
): { level: string; values: Float64Array }[] {
  const index = new Map(levels.map((l, i) => [l, i]));
  const unseen: number[] = [];
  const out = levels.map((level) => ({ level, values: new Float64Array(labels.length) }));
  labels.forEach((label, t) => {
    const k = index.get(label);
    if (k === undefined) unseen.push(t);
    else (out[k] as { values: Float64Array }).values[t] = 1;
  });
  if (unseen.length > 0) {
    throw new MmmDataError(
      `Cannot build design: column "${column}" has level "${
        labels[unseen[0] as number]
      }", which the training rows do not have`,
      {
        column,
        rows: unseen.slice(0, 5),
        hint: `the model knows ${levels.map((l) => `"${l}"`).join(", ")}`,
      },
    );
  }
  return out;
}
