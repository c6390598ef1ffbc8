/**
 * The list of recovery data sets: `sets.jsonl` beside this file holds one JSON object per line,
 * one line per data set, each with its seed. A line either names a preset
 * (`{"id", "preset", "seed"}`) or gives a generator and the settings varied across the grid:
 * `weeks`, `channels` (a count), `adstock`, `saturation` (Meridian-style: `hill` with slope 1,
 * `hill-s` with slope 1.5–3, `logistic`), `noise`, `correlation`, `spend` (`always-on`,
 * `flighted`, or `mixed`: alternating by channel), `mediaShare`, optional `baseline` and
 * `events`. `"quick": true` marks the sets `--quick` runs.
 *
 * @module
 */
import { meridianSet } from "./generators/meridian.ts";
import { PRESETS } from "./generators/presets.ts";
import { robynSet } from "./generators/robyn.ts";
import type { SpendPattern } from "./generators/spend.ts";
import type { GeneratedSet } from "./generators/truth.ts";

/** One line of the grid. */
export interface SetDefinition {
  /** Unique id. */
  readonly id: string;
  /** Generator seed. */
  readonly seed: number;
  /** Part of the `--quick` subset. */
  readonly quick: boolean;
  /** The line as written (its settings). */
  readonly line: Readonly<Record<string, unknown>>;
  /** 1-based line number in the grid file. */
  readonly lineNumber: number;
}

/** Channel names in the order a grid line with `channels: k` takes the first k. */
export const CHANNEL_NAMES: readonly string[] = [
  "tv",
  "search",
  "social",
  "display",
  "radio",
  "video",
  "ooh",
  "print",
  "affiliate",
  "email",
];

/** The keys every line of a grid has: its id, its seed and whether `--quick` runs it. */
export const COMMON_KEYS: readonly string[] = ["id", "seed", "quick"];

/** The settings a national and a geo grid line both vary. */
export const SETTING_KEYS: readonly string[] = [
  "weeks",
  "channels",
  "adstock",
  "saturation",
  "noise",
  "correlation",
  "spend",
  "mediaShare",
];

/** The keys a generator line of sets.jsonl may have. */
export const GRID_KEYS: readonly string[] = [
  ...COMMON_KEYS,
  "generator",
  ...SETTING_KEYS,
  "baseline",
  "events",
];

function fail(lineNumber: number, message: string): never {
  throw new Error(`Cannot read the recovery grid: line ${lineNumber}: ${message}`);
}

/**
 * Parses the grid text; every line must be a JSON object with a unique id and a seed, and keys
 * among `gridKeys` (the geo grid passes its own).
 */
export function parseGrid(text: string, gridKeys: readonly string[] = GRID_KEYS): SetDefinition[] {
  const out: SetDefinition[] = [], seen = new Set<string>();
  text.split("\n").forEach((raw, i) => {
    const lineNumber = i + 1;
    if (raw.trim() === "") return;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(raw);
    } catch {
      fail(lineNumber, "not valid JSON");
    }
    if (line === null || typeof line !== "object" || Array.isArray(line)) {
      fail(lineNumber, "expected a JSON object");
    }
    const allowed = "preset" in line ? [...COMMON_KEYS, "preset"] : gridKeys;
    for (const k of Object.keys(line)) {
      if (!allowed.includes(k)) {
        fail(lineNumber, `unknown key "${k}"; allowed: ${allowed.join(", ")}`);
      }
    }
    const id = line.id, seed = line.seed;
    if (typeof id !== "string" || !/^[a-z0-9][a-z0-9.-]*$/.test(id)) {
      fail(lineNumber, '"id" must be lower-case letters, digits, "." and "-"');
    }
    if (seen.has(id)) fail(lineNumber, `duplicate id "${id}"`);
    seen.add(id);
    if (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
      fail(lineNumber, '"seed" must be a whole number in [0, 2^32)');
    }
    out.push({ id, seed, quick: line.quick === true, line, lineNumber });
  });
  return out;
}

/** The number at `key` of a grid line, checked to lie in [lo, hi]. */
export function num(def: SetDefinition, key: string, lo: number, hi: number): number {
  const v = def.line[key];
  if (typeof v !== "number" || !(v >= lo && v <= hi)) {
    fail(def.lineNumber, `"${key}" must be a number in [${lo}, ${hi}]`);
  }
  return v;
}

/** The string at `key` of a grid line, checked to be one of `allowed`. */
export function oneOf<T extends string>(
  def: SetDefinition,
  key: string,
  allowed: readonly T[],
): T {
  const v = def.line[key];
  if (typeof v !== "string" || !allowed.includes(v as T)) {
    fail(def.lineNumber, `"${key}" must be one of ${allowed.join(", ")}`);
  }
  return v as T;
}

/** Generates the data set a grid line describes. */
export function generateSet(def: SetDefinition): GeneratedSet {
  const presetName = def.line.preset;
  if (presetName !== undefined) {
    const preset = typeof presetName === "string" ? PRESETS[presetName] : undefined;
    if (!preset) {
      fail(def.lineNumber, `unknown preset; use one of ${Object.keys(PRESETS).join(", ")}`);
    }
    return preset.generator === "robyn"
      ? robynSet(def.id, def.seed, preset.settings)
      : meridianSet(def.id, def.seed, preset.settings);
  }
  const generator = oneOf(def, "generator", ["robyn", "meridian"] as const);
  const k = Math.round(num(def, "channels", 1, CHANNEL_NAMES.length));
  const spendKind = oneOf(def, "spend", ["always-on", "flighted", "mixed"] as const);
  const spend: SpendPattern | SpendPattern[] = spendKind === "mixed"
    ? Array.from({ length: k }, (_, c) => (c % 2 === 0 ? "always-on" : "flighted"))
    : spendKind;
  const common = {
    weeks: Math.round(num(def, "weeks", 65, 520)),
    channels: CHANNEL_NAMES.slice(0, k),
    spend,
    correlation: num(def, "correlation", 0, 0.95),
    noise: num(def, "noise", 0, 1),
    mediaShare: num(def, "mediaShare", 0.01, 0.99),
    ...(def.line.events === undefined ? {} : { events: Math.round(num(def, "events", 0, 10)) }),
  };
  if (generator === "robyn") {
    return robynSet(def.id, def.seed, {
      ...common,
      adstock: oneOf(def, "adstock", ["geometric", "weibull-cdf", "weibull-pdf"] as const),
    });
  }
  const saturation = oneOf(def, "saturation", ["hill", "hill-s", "logistic"] as const);
  return meridianSet(def.id, def.seed, {
    ...common,
    adstock: oneOf(def, "adstock", ["geometric", "binomial"] as const),
    saturation: saturation === "logistic" ? "logistic" : "hill",
    ...(saturation === "hill-s" ? { slope: [1.5, 3] as const } : {}),
    ...(def.line.baseline === undefined
      ? {}
      : { baseline: oneOf(def, "baseline", ["knots", "trend"] as const) }),
  });
}
