/**
 * The geo panels of the recovery study: `geo_sets.jsonl` beside this file holds one JSON object
 * per line, each a panel for the geo-panel generator (generators/geo_panel.ts) with its seed.
 * Keys: `geos`, `weeks`, `channels` (a count), `adstock` (`geometric`, `binomial`),
 * `saturation` (`hill`: slope 1, Meridian's default; `hill-s`: slope 1.5–3), `noise`,
 * `correlation`, `spend` (`always-on`, `flighted`, `mixed`), `mediaShare`, and optional
 * `geoSpread` (η), `baseline` (`knots`, `trend`) and `geoTrend` (true/false).
 *
 * @module
 */
import { geoPanelSet } from "./generators/geo_panel.ts";
import type { GeoPanelSet } from "./generators/geo_truth.ts";
import type { SpendPattern } from "./generators/spend.ts";
import {
  CHANNEL_NAMES,
  COMMON_KEYS,
  num,
  oneOf,
  parseGrid,
  type SetDefinition,
  SETTING_KEYS,
} from "./grid.ts";

/** The keys a line of geo_sets.jsonl may have. */
export const GEO_GRID_KEYS: readonly string[] = [
  ...COMMON_KEYS,
  "geos",
  ...SETTING_KEYS,
  "geoSpread",
  "baseline",
  "geoTrend",
];

/** Parses geo_sets.jsonl text (the same line rules as sets.jsonl, with the geo keys). */
export function parseGeoGrid(text: string): SetDefinition[] {
  return parseGrid(text, GEO_GRID_KEYS);
}

/** Generates the panel a geo grid line describes. */
export function generateGeoSet(def: SetDefinition): GeoPanelSet {
  const k = Math.round(num(def, "channels", 1, CHANNEL_NAMES.length));
  const spendKind = oneOf(def, "spend", ["always-on", "flighted", "mixed"] as const);
  const spend: SpendPattern | SpendPattern[] = spendKind === "mixed"
    ? Array.from({ length: k }, (_, c) => (c % 2 === 0 ? "always-on" : "flighted"))
    : spendKind;
  const geoTrend = def.line.geoTrend;
  if (geoTrend !== undefined && typeof geoTrend !== "boolean") {
    throw new Error(
      `Cannot read the recovery grid: line ${def.lineNumber}: "geoTrend" must be true or false`,
    );
  }
  return geoPanelSet(def.id, def.seed, {
    geos: Math.round(num(def, "geos", 2, 500)),
    weeks: Math.round(num(def, "weeks", 65, 520)),
    channels: CHANNEL_NAMES.slice(0, k),
    spend,
    correlation: num(def, "correlation", 0, 0.95),
    noise: num(def, "noise", 0, 1),
    mediaShare: num(def, "mediaShare", 0.01, 0.99),
    adstock: oneOf(def, "adstock", ["geometric", "binomial"] as const),
    ...(oneOf(def, "saturation", ["hill", "hill-s"] as const) === "hill-s"
      ? { slope: [1.5, 3] as const }
      : {}),
    ...(def.line.geoSpread === undefined ? {} : { geoSpread: num(def, "geoSpread", 0, 2) }),
    ...(def.line.baseline === undefined
      ? {}
      : { baseline: oneOf(def, "baseline", ["knots", "trend"] as const) }),
    ...(geoTrend === undefined ? {} : { geoTrend }),
  });
}
