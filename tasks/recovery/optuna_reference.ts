/**
 * The recorded reference: Optuna TPE + scikit-learn ridge on the same written sets
 * (`tests/fixtures/reference/recovery_optuna.py`, output `recovery_optuna.json`), read so the
 * table can show it next to mixlab's methods. It is a recording, never run by the study.
 *
 * @module
 */
import type { GeneratedSet } from "./generators/truth.ts";
import { type FitScore, scoreFit } from "./score.ts";

/** Label of the reference row. */
export const OPTUNA_LABEL = "optuna-tpe+sklearn (recorded)";

/** The recorded file's shape (only what the study reads). */
interface RecordedOptuna {
  readonly sets: Readonly<
    Record<string, { readonly roas: Readonly<Record<string, number>>; readonly seconds: number }>
  >;
}

/**
 * Scores of the recorded Optuna run on the given sets (those it has), or an empty list when the
 * file does not exist.
 */
export async function optunaScores(
  path: string,
  sets: readonly GeneratedSet[],
): Promise<FitScore[]> {
  let recorded: RecordedOptuna;
  try {
    recorded = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return sets.flatMap((set) => {
    const r = recorded.sets[set.id];
    if (!r) return [];
    const effect = set.truth.channels.map((c) => (r.roas[c.name] as number) * c.spend);
    const total = effect.reduce((a, b) => a + b, 0);
    return [
      scoreFit(
        set,
        OPTUNA_LABEL,
        {
          channels: set.truth.channels.map((c, j) => ({
            name: c.name,
            roas: r.roas[c.name] as number,
            effectShare: (effect[j] as number) / total,
          })),
          warnings: [],
        },
        r.seconds,
      ),
    ];
  });
}
