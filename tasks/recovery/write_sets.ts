/**
 * Writes generated sets to disk so the CLI and Python can use the very same data: per set
 * `<id>.csv`, `<id>.truth.json` (the truth, weekly contributions and baseline included),
 * `<id>.config.json` (the default config: `"tuning": true`, nothing else) and
 * `<id>.true.config.json` (OLS with the true transforms fixed, in mixlab's units).
 *
 * @module
 */
import { join } from "node:path";
import { writeTextAtomic } from "../_atomic_write.ts";
import type { GeneratedSet } from "./generators/truth.ts";
import { defaultConfig, toCsv, trueConfig } from "./mixlab_input.ts";

/** The truth file's content: the truth plus the weekly series behind it. */
export function truthJson(set: GeneratedSet): Record<string, unknown> {
  return {
    id: set.id,
    seed: set.seed,
    ...set.truth,
    yearlyFourier: set.yearlyFourier,
    weekly: {
      dates: set.dates,
      baseline: Array.from(set.baseline),
      contributions: Object.fromEntries(
        set.contributions.map((c) => [c.name, Array.from(c.values)]),
      ),
    },
  };
}

/** Writes the four files of each set into `dir` (created if missing); returns the paths. */
export async function writeSets(sets: readonly GeneratedSet[], dir: string): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const set of sets) {
    const files: [string, string][] = [
      [`${set.id}.csv`, toCsv(set)],
      [`${set.id}.truth.json`, JSON.stringify(truthJson(set), null, 1) + "\n"],
      [`${set.id}.config.json`, JSON.stringify(defaultConfig(set), null, 2) + "\n"],
      [
        `${set.id}.true.config.json`,
        JSON.stringify({ ...trueConfig(set), data: `${set.id}.csv` }, null, 2) + "\n",
      ],
    ];
    for (const [name, text] of files) {
      const path = join(dir, name);
      await writeTextAtomic(path, text);
      written.push(path);
    }
  }
  return written;
}
