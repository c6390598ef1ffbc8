/**
 * The study itself: fit every method on every set, score the fits against the truth, and build
 * the tables and the JSON record. `tasks/recovery.ts` is the command line around it.
 *
 * @module
 */
import type { GeneratedSet } from "./generators/truth.ts";
import { defaultConfig, HOLDOUT_WEEKS, toMmmData } from "./mixlab_input.ts";
import type { RecoveryMethod } from "./method.ts";
import { METHODS } from "./methods/mod.ts";
import { OPTUNA_LABEL, optunaScores } from "./optuna_reference.ts";
import {
  easySets,
  failedFit,
  type Figures,
  figures,
  type FitScore,
  medianSeconds,
  scoreFit,
} from "./score.ts";
import { EXTRAPOLATION_COLUMNS, extrapolationBands } from "./extrapolation_checks.ts";
import { SHARE_COLUMNS, shareBandCounts } from "./share_checks.ts";
import { bandTable, generatorTable, methodTable, setTable, timingTable } from "./table.ts";

/** Options of {@link runStudy}. */
export interface StudyOptions {
  /** Methods to report (ols-true is always fitted: the "easy" figure needs it). */
  readonly methods: readonly RecoveryMethod[];
  /** Short run (fewer trials and draws). */
  readonly quick: boolean;
  /** Seed of every fit. */
  readonly seed: number;
  /** The recorded Optuna reference file, if any. @default undefined */
  readonly optunaPath?: string;
  /** Called after each fit. @default undefined */
  readonly onFit?: (fit: FitScore, done: number, total: number) => void;
}

/** What a study produced. */
export interface StudyResult {
  /** The tables, byte-identical for the same sets, methods, quick flag and seed. */
  readonly report: string;
  /** Seconds per fit by method (varies between runs). */
  readonly timing: string;
  /** Everything as plain JSON (only `seconds` fields vary between runs). */
  readonly json: Record<string, unknown>;
  /** Every scored fit, the reference's included. */
  readonly fits: readonly FitScore[];
}

async function runFit(method: RecoveryMethod, set: GeneratedSet, quick: boolean, seed: number) {
  const started = performance.now();
  try {
    const estimate = await method.estimate({
      set,
      data: toMmmData(set),
      config: defaultConfig(set),
      quick,
      seed,
    });
    return scoreFit(set, method.name, estimate, (performance.now() - started) / 1000);
  } catch (e) {
    return failedFit(set, method.name, e, (performance.now() - started) / 1000);
  }
}

/** Fits, scores and tabulates. */
export async function runStudy(
  sets: readonly GeneratedSet[],
  options: StudyOptions,
): Promise<StudyResult> {
  for (const s of sets) {
    if (s.dates.length - s.truth.windowWeeks !== HOLDOUT_WEEKS) {
      throw new RangeError(
        `Cannot run the study: set "${s.id}" holds out ${
          s.dates.length - s.truth.windowWeeks
        } weeks, not ${HOLDOUT_WEEKS}`,
      );
    }
  }
  const olsTrue = METHODS.find((m) => m.name === "ols-true") as RecoveryMethod;
  const runOrder = options.methods.includes(olsTrue)
    ? options.methods
    : [olsTrue, ...options.methods];
  const fits: FitScore[] = [];
  for (const set of sets) {
    for (const method of runOrder) {
      const fit = await runFit(method, set, options.quick, options.seed);
      fits.push(fit);
      options.onFit?.(fit, fits.length, sets.length * runOrder.length);
    }
  }
  const easy = easySets(fits);
  const reference = options.optunaPath ? await optunaScores(options.optunaPath, sets) : [];
  const labels = options.methods.map((m) => m.name);
  const pools = new Map<string, FitScore[]>(
    labels.map((label) => [label, fits.filter((f) => f.method === label)]),
  );
  if (reference.length > 0) pools.set(OPTUNA_LABEL, reference);
  const rows = [...pools].map(([label, pool]) => ({ label, figures: figures(pool, easy) }));
  const generators = [...new Set(sets.map((s) => s.generator))].sort();
  const byGenerator = [...pools].flatMap(([label, pool]) =>
    generators.map((generator) => ({
      label,
      generator,
      figures: figures(pool.filter((f) => f.generator === generator), easy),
    }))
  );
  const shares = labels.map((label) => ({
    label,
    counts: shareBandCounts(pools.get(label) as FitScore[]),
  }));
  const extrapolation = labels.map((label) => ({
    label,
    bands: extrapolationBands(pools.get(label) as FitScore[]),
  }));
  const report = [
    `Recovery study: ${sets.length} sets, seed ${options.seed}${
      options.quick ? ", --quick" : ""
    }; every fit on all but the last ${HOLDOUT_WEEKS} weeks; ROAS error = |estimate / truth - 1|, over every channel of every set`,
    `easy sets: ols-true within 3% on every channel (${easy.size} of ${sets.length})`,
    "",
    methodTable(rows),
    "",
    generatorTable(byGenerator),
    "",
    "share warnings by estimated / true effect share (issue 12: every channel above 2x named):",
    bandTable(SHARE_COLUMNS, shares.map((r) => ({ label: r.label, bands: r.counts }))),
    "",
    "errors by the share of each channel's contribution credited below its lowest observed input:",
    bandTable(EXTRAPOLATION_COLUMNS, extrapolation),
    "",
    setTable(sets.map((s) => s.id), [...pools.keys()], [...fits, ...reference]),
  ].join("\n");
  const timing = timingTable(runOrder.map((m) => {
    const mine = fits.filter((f) => f.method === m.name);
    return {
      label: m.name,
      median: medianSeconds(mine),
      total: mine.reduce((a, f) => a + f.seconds, 0),
    };
  }));
  const figureRecord = (f: Figures) => ({ ...f });
  const json = {
    seed: options.seed,
    quick: options.quick,
    holdoutWeeks: HOLDOUT_WEEKS,
    methods: options.methods.map((m) => ({ name: m.name, summary: m.summary })),
    sets: sets.map((s) => ({
      id: s.id,
      generator: s.generator,
      seed: s.seed,
      weeks: s.dates.length,
      mediaShare: s.truth.mediaShare,
      noiseShare: s.truth.noiseShare,
      spendCorrelation: s.truth.spendCorrelation,
      channels: s.truth.channels,
    })),
    easySets: [...easy].sort(),
    figures: Object.fromEntries(rows.map((r) => [r.label, figureRecord(r.figures)])),
    shareBands: Object.fromEntries(shares.map((r) => [r.label, r.counts])),
    extrapolationBands: Object.fromEntries(extrapolation.map((r) => [r.label, r.bands])),
    byGenerator: byGenerator.map((r) => ({
      method: r.label,
      generator: r.generator,
      ...figureRecord(r.figures),
    })),
    fits: [...fits, ...reference],
  };
  return { report, timing, json, fits: [...fits, ...reference] };
}
