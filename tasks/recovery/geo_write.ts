/**
 * A geo panel as files, for the CLI and Python: `<id>.csv` in long form, one row per geo and
 * week (rows sorted by geo, then date, as mixlab's panel data is), with columns
 * `date, geo, population, revenue, <channel>_spend …, <controls> …`, and `<id>.truth.json`
 * (the truth, per-geo weekly contributions and baselines included).
 *
 * @module
 */
import { join } from "node:path";
import { writeTextAtomic } from "../_atomic_write.ts";
import type { GeoPanelSet } from "./generators/geo_truth.ts";

/** The long-form CSV of a panel. */
export function toGeoCsv(set: GeoPanelSet): string {
  const first = set.geos[0];
  if (!first) throw new RangeError(`Cannot write panel "${set.id}": it has no geos`);
  const header = [
    "date",
    "geo",
    "population",
    "revenue",
    ...first.spends.map((s) => `${s.name}_spend`),
    ...set.controls.map((c) => c.name),
  ];
  const lines = [header.join(",")];
  for (const geo of set.geos) {
    for (let t = 0; t < set.dates.length; t++) {
      lines.push(
        [
          set.dates[t],
          geo.name,
          geo.population,
          geo.kpi[t],
          ...geo.spends.map((s) => s.values[t]),
          ...set.controls.map((c) => c.values[t]),
        ].map(String).join(","),
      );
    }
  }
  return lines.join("\n") + "\n";
}

/** The truth file's content: the truth plus each geo's weekly contributions and baseline. */
export function geoTruthJson(set: GeoPanelSet): Record<string, unknown> {
  return {
    id: set.id,
    seed: set.seed,
    ...set.truth,
    yearlyFourier: set.yearlyFourier,
    weekly: {
      dates: set.dates,
      geos: Object.fromEntries(set.geos.map((g) => [g.name, {
        baseline: Array.from(g.baseline),
        contributions: Object.fromEntries(
          g.contributions.map((c) => [c.name, Array.from(c.values)]),
        ),
      }])),
    },
  };
}

/** Writes each panel's CSV and truth JSON into `dir` (created if missing); returns the paths. */
export async function writeGeoSets(
  sets: readonly GeoPanelSet[],
  dir: string,
): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const set of sets) {
    const files: [string, string][] = [
      [`${set.id}.csv`, toGeoCsv(set)],
      [`${set.id}.truth.json`, JSON.stringify(geoTruthJson(set), null, 1) + "\n"],
    ];
    for (const [name, text] of files) {
      const path = join(dir, name);
      await writeTextAtomic(path, text);
      written.push(path);
    }
  }
  return written;
}
