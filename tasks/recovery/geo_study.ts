/**
 * The geo part of the recovery study: each geo method on each panel of geo_sets.jsonl, scored
 * against the panel's truth over the modelling window (all but the last 13 weeks): national ROAS
 * error and 90% interval coverage per channel, and the per-geo ROAS error.
 *
 * Methods (both OLS with every channel's true transforms fixed: the ceiling of the classical geo
 * model; geo trends where the panel has them):
 * - `geo-ols-true`: geo levels, a shared linear trend and two yearly Fourier pairs, KPI and spend
 *   per person, weighted by population (lib/models/geo defaults);
 * - `geo-ols-true-weekly`: the same with one effect per week instead of trend and Fourier.
 *
 * @module
 */
import { fitGeoLinear, type GeoLinearOptions } from "../../lib/models/geo/mod.ts";
import type { GeoPanelSet } from "./generators/geo_truth.ts";
import { geoMmmData, geoTrueChannels } from "./geo_input.ts";

/** A geo method: its name and the options of the geo model it fits at the true transforms. */
export interface GeoMethod {
  /** Name in the table. */
  readonly name: string;
  /** Model options (geo trends are added where the panel has them). */
  readonly options: GeoLinearOptions;
}

/** The geo methods, in table order. */
export const GEO_METHODS: readonly GeoMethod[] = [
  { name: "geo-ols-true", options: {} },
  { name: "geo-ols-true-weekly", options: { weekEffects: true } },
];

/** One method on one panel. */
export interface GeoFitScore {
  /** Panel id. */
  readonly set: string;
  /** Method name. */
  readonly method: string;
  /** Per channel: national ROAS error (estimate / truth − 1) and whether its 90% interval covers. */
  readonly channels: readonly { name: string; error: number; covered?: boolean }[];
  /** |per-geo ROAS error| of every geo and channel. */
  readonly geoErrors: readonly number[];
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Fits and scores one method on one panel. */
export function scoreGeoFit(set: GeoPanelSet, method: GeoMethod, geoTrends: boolean): GeoFitScore {
  const w = set.truth.windowWeeks;
  const fit = fitGeoLinear(geoMmmData(set, w), geoTrueChannels(set, w), {
    ...method.options,
    geoTrends,
  });
  return {
    set: set.id,
    method: method.name,
    channels: fit.channels.map((c, j) => {
      const truth = set.truth.channels[j]!.roas;
      return {
        name: c.name,
        error: c.roas / truth - 1,
        ...(c.roasCi90 ? { covered: c.roasCi90[0] <= truth && truth <= c.roasCi90[1] } : {}),
      };
    }),
    geoErrors: fit.geos.flatMap((g, k) =>
      g.channels.map((c, j) => Math.abs(c.roas / set.truth.geos[k]!.channels[j]!.roas - 1))
    ),
  };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** The study's tables: per method, then per panel. */
export function geoTables(scores: readonly GeoFitScore[], sets: readonly GeoPanelSet[]): string {
  const lines = [
    `Geo recovery: ${sets.length} panels; every fit on all but the last 13 weeks; national ROAS error = |estimate / truth - 1| over every channel of every panel`,
    "",
    "method               channels  median|err|  >50% off  90% coverage       per-geo median|err|",
  ];
  for (const method of GEO_METHODS) {
    const mine = scores.filter((s) => s.method === method.name);
    const errs = mine.flatMap((s) => s.channels.map((c) => Math.abs(c.error)));
    const withCi = mine.flatMap((s) => s.channels.filter((c) => c.covered !== undefined));
    const covered = withCi.filter((c) => c.covered).length;
    lines.push(
      [
        method.name.padEnd(20),
        String(errs.length).padStart(8),
        pct(median(errs)).padStart(12),
        pct(errs.filter((e) => e > 0.5).length / errs.length).padStart(9),
        `${pct(covered / withCi.length)} (${covered}/${withCi.length})`.padStart(18),
        pct(median(mine.flatMap((s) => s.geoErrors))).padStart(18),
      ].join("  "),
    );
  }
  lines.push(
    "",
    "panel                                method               national ROAS error per channel",
  );
  for (const s of scores) {
    lines.push(
      `${s.set.padEnd(36)} ${s.method.padEnd(20)} ${
        s.channels.map((c) => `${c.name} ${pct(c.error)}${c.covered === false ? "*" : ""}`).join(
          ", ",
        )
      }`,
    );
  }
  lines.push(
    "",
    "* the 90% interval misses the truth (no mark: it covers, or the fit gave no interval)",
  );
  return lines.join("\n");
}
