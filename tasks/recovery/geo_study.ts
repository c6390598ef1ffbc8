/**
 * The geo part of the recovery study: each geo method on each panel of geo_sets.jsonl, scored
 * against the panel's truth over the modelling window (all but the last 13 weeks): national ROAS
 * error and 90% interval coverage per channel, and the per-geo ROAS error.
 *
 * Methods (geo trends where the panel has them):
 * - `geo-ols-true`: OLS at every channel's true transforms (the ceiling of the classical geo
 *   model): geo levels, a shared linear trend and two yearly Fourier pairs, KPI and spend per
 *   person, weighted by population (lib/models/geo defaults);
 * - `geo-ols-true-weekly`: the same with one effect per week instead of trend and Fourier;
 * - `geo-bayes`: the hierarchical Bayesian geo model (`fitGeoBayes`) with default priors, every
 *   continuous transform parameter sampled (only the adstock's kind and window, whole-numbered,
 *   come from the truth), 4 chains × (300 warmup + 300 draws), seed 1; it also gives per-geo
 *   90% intervals, scored against each geo's true ROAS.
 *
 * @module
 */
import {
  fitGeoBayes,
  fitGeoLinear,
  type GeoBayesOptions,
  type GeoFit,
  type GeoLinearOptions,
} from "../../lib/models/geo/mod.ts";
import type { GeoPanelSet } from "./generators/geo_truth.ts";
import { geoMmmData, geoTrueChannels } from "./geo_input.ts";

/** A geo method: its name and the options of the classical or the Bayesian geo model. */
export interface GeoMethod {
  /** Name in the table. */
  readonly name: string;
  /** Classical model options (geo trends are added where the panel has them). */
  readonly options?: GeoLinearOptions;
  /** With these, the Bayesian model instead (geo trends likewise). */
  readonly bayes?: GeoBayesOptions;
}

/** The geo methods, in table order. */
export const GEO_METHODS: readonly GeoMethod[] = [
  { name: "geo-ols-true", options: {} },
  { name: "geo-ols-true-weekly", options: { weekEffects: true } },
  { name: "geo-bayes", bayes: { chains: 4, warmup: 300, draws: 300, seed: 1 } },
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
  /** Whether each per-geo 90% ROAS interval covers the geo's truth (methods that give them). */
  readonly geoCovered?: readonly boolean[];
}

function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Fits and scores one method on one panel. */
export async function scoreGeoFit(
  set: GeoPanelSet,
  method: GeoMethod,
  geoTrends: boolean,
): Promise<GeoFitScore> {
  const w = set.truth.windowWeeks;
  const data = geoMmmData(set, w), channels = geoTrueChannels(set, w);
  const fit: GeoFit = method.bayes
    ? await fitGeoBayes(data, channels, { ...method.bayes, geoTrends })
    : fitGeoLinear(data, channels, { ...method.options, geoTrends });
  const geoTruth = (k: number, j: number) => set.truth.geos[k]!.channels[j]!.roas;
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
      g.channels.map((c, j) => Math.abs(c.roas / geoTruth(k, j) - 1))
    ),
    ...(fit.geos[0]?.channels[0]?.roasCi90
      ? {
        geoCovered: fit.geos.flatMap((g, k) =>
          g.channels.map((c, j) =>
            c.roasCi90![0] <= geoTruth(k, j) && geoTruth(k, j) <= c.roasCi90![1]
          )
        ),
      }
      : {}),
  };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** Per-geo interval coverage of a method's fits, with its binomial 95% band at 90%. */
function geoCoverage(mine: readonly GeoFitScore[]): string {
  const all = mine.flatMap((s) => s.geoCovered ?? []);
  if (all.length === 0) return "-";
  const k = all.filter((c) => c).length, n = all.length;
  const band = 1.96 * Math.sqrt(0.9 * 0.1 / n);
  return `${pct(k / n)} (${k}/${n}; 90% ± ${pct(band)})`;
}

/** The study's tables: per method, then per panel. */
export function geoTables(scores: readonly GeoFitScore[], sets: readonly GeoPanelSet[]): string {
  const lines = [
    `Geo recovery: ${sets.length} panels; every fit on all but the last 13 weeks; national ROAS error = |estimate / truth - 1| over every channel of every panel`,
    "",
    "method               channels  median|err|  >50% off  90% coverage       per-geo median|err|  per-geo 90% coverage",
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
        geoCoverage(mine).padStart(22),
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
