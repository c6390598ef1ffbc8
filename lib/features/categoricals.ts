/**
 * Text columns in a model (seed 002's gold layer): categoricals as one-hot dummies with a
 * reference level, fixed effects of a grouping column (a series, a season, the geo), and
 * event-type flags (a premiere, a finale). The levels are fixed on the training rows; a level
 * that new rows bring and the training rows lack is an error that names it.
 *
 * @module
 */
import type { MmmData } from "../types.ts";
import type { BaselineFeature, FeatureColumn, FeatureNames } from "./feature.ts";
import { claim, dummyColumns, fail, labelsOf, record, stringList } from "./_checks.ts";

/** Sorted distinct levels of a column's training labels; at least two. */
function levelsOf(train: MmmData, name: string, key: string): string[] {
  const levels = [...new Set(labelsOf(train, name, key))].sort();
  if (levels.length < 2) {
    fail(
      key,
      `names "${name}", whose training rows have one level ("${levels[0]}")`,
      "a column with one level cannot be told apart from the intercept; leave it out",
    );
  }
  return levels;
}

/** Dummies of every level but the reference, in one term named after the column. */
function dummies(
  name: string,
  labels: readonly string[],
  levels: readonly string[],
  reference: string,
  group: FeatureColumn["group"],
): FeatureColumn[] {
  return dummyColumns(labels, levels, name).filter((d) => d.level !== reference).map((d) => ({
    name: `${name}=${d.level}`,
    term: name,
    group,
    values: d.values,
  }));
}

function claimColumn(names: FeatureNames, name: string, key: string): void {
  if (names.channels?.includes(name) || names.controls?.includes(name)) {
    fail(key, `names "${name}", a numeric channel or control; name a text column`);
  }
  claim(names, name, key);
}

/** `baseline.categoricals`: text column → reference level (null: the first in sorted order). */
export const categoricalsFeature: BaselineFeature<"categoricals"> = {
  key: "categoricals",
  resolve(input, names, key = "baseline.categoricals") {
    if (input === undefined) return undefined;
    const entries: [string, unknown][] = Array.isArray(input)
      ? stringList(input, key).map((n) => [n, null])
      : Object.entries(record(input, key, "column → reference level"));
    const out: Record<string, string | null> = {};
    for (const [name, reference] of entries) {
      if (reference !== null && (typeof reference !== "string" || reference === "")) {
        fail(
          `${key}.${name}`,
          `must be a reference level (text) or null, got ${JSON.stringify(reference)}`,
        );
      }
      claimColumn(names, name, `${key}.${name}`);
      out[name] = reference as string | null;
    }
    return out;
  },
  learn(value, train) {
    const out: Record<string, { levels: string[]; reference: string }> = {};
    for (const [name, reference] of Object.entries(value)) {
      const key = `baseline.categoricals.${name}`;
      const levels = levelsOf(train, name, key);
      if (reference !== null && !levels.includes(reference)) {
        fail(
          key,
          `has reference "${reference}", which the training rows do not have`,
          `its levels are ${levels.map((l) => `"${l}"`).join(", ")}`,
        );
      }
      out[name] = { levels, reference: reference ?? levels[0] as string };
    }
    return out;
  },
  columns(value, context) {
    const learned = context.frame.learned?.categoricals as
      | Record<string, { levels: string[]; reference: string }>
      | undefined;
    return Object.keys(value).flatMap((name) => {
      const l = learned?.[name] as { levels: string[]; reference: string };
      const labels = labelsOf(context.data, name, `baseline.categoricals.${name}`);
      return dummies(name, labels, l.levels, l.reference, "control");
    });
  },
};

/** `baseline.fixedEffects`: grouping columns (text or the geo), one intercept per level. */
export const fixedEffectsFeature: BaselineFeature<"fixedEffects"> = {
  key: "fixedEffects",
  resolve(input, names, key = "baseline.fixedEffects") {
    if (input === undefined) return undefined;
    const list = stringList(input, key);
    list.forEach((name, i) => claimColumn(names, name, `${key}[${i}]`));
    return list;
  },
  learn(value, train) {
    return Object.fromEntries(
      value.map((name, i) => [name, levelsOf(train, name, `baseline.fixedEffects[${i}]`)]),
    );
  },
  columns(value, context) {
    const learned = context.frame.learned?.fixedEffects as Record<string, string[]> | undefined;
    return value.flatMap((name, i) => {
      const levels = learned?.[name] as string[];
      const labels = labelsOf(context.data, name, `baseline.fixedEffects[${i}]`);
      return dummies(name, labels, levels, levels[0] as string, "control");
    });
  },
};

/** `baseline.eventFlags`: text column → the levels that each get a 0/1 event column. */
export const eventFlagsFeature: BaselineFeature<"eventFlags"> = {
  key: "eventFlags",
  resolve(input, names, key = "baseline.eventFlags") {
    if (input === undefined) return undefined;
    const out: Record<string, readonly string[]> = {};
    for (const [name, levels] of Object.entries(record(input, key, "column → levels"))) {
      const list = stringList(levels, `${key}.${name}`);
      if (list.length === 0) fail(`${key}.${name}`, "must list at least one level to flag");
      claimColumn(names, name, `${key}.${name}`);
      for (const level of list) claim(names, `${name}=${level}`, `${key}.${name}`);
      out[name] = list;
    }
    return out;
  },
  learn(value, train) {
    for (const [name, flags] of Object.entries(value)) {
      const key = `baseline.eventFlags.${name}`;
      const seen = new Set(labelsOf(train, name, key));
      const missing = flags.find((f) => !seen.has(f));
      if (missing !== undefined) {
        fail(
          key,
          `flags "${missing}", which no training row has`,
          "a flag that never occurs cannot be estimated; remove it",
        );
      }
    }
    return undefined;
  },
  columns(value, context) {
    return Object.entries(value).flatMap(([name, flags]) => {
      const labels = labelsOf(context.data, name, `baseline.eventFlags.${name}`);
      return flags.map((flag): FeatureColumn => ({
        name: `${name}=${flag}`,
        term: `${name}=${flag}`,
        group: "event",
        values: Float64Array.from(labels, (l) => (l === flag ? 1 : 0)),
      }));
    });
  },
};
