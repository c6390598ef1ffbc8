/**
 * The config's `tuning` section: the search strategy, its trials and objectives, how candidates
 * are scored, and the transform families tuning may choose between.
 *
 * @module
 */
import { getTransform } from "../transforms/registry.ts";
import { fail, integer, object, oneOf, strings } from "./_config_reader.ts";

/** Hyperparameter tuning settings. */
export interface TuningConfig {
  /** Search strategy. */
  readonly strategy: "random" | "latin-hypercube" | "tpe" | "differential-evolution";
  /** Number of candidate models. */
  readonly trials: number;
  /** Objectives to minimise: one CV error ("nrmse" or "mse"), optionally "decomp_rssd". */
  readonly objectives: readonly ("nrmse" | "mse" | "decomp_rssd")[];
  /** Cross-validation folds (expanding window), when `validation` is "cv". */
  readonly folds: number;
  /** Score candidates in-sample on the training weeks, or on expanding-window CV folds. */
  readonly validation: "in-sample" | "cv";
  /**
   * Families each channel may take when the config does not name them, or undefined to keep
   * the defaults (geometric, Hill).
   */
  readonly families?: {
    readonly adstock: readonly string[];
    readonly saturation: readonly string[];
    /** Trials of each channel × family pair's screening search. */
    readonly trials: number;
  };
}

const STRATEGIES = ["random", "latin-hypercube", "tpe", "differential-evolution"] as const;
const OBJECTIVES = ["nrmse", "mse", "decomp_rssd"] as const;
/** Default scoring of tuning candidates (README, "Tuning defaults"). */
const DEFAULT_VALIDATION = "in-sample" as const;
/** Default objectives: the error alone (DECOMP.RSSD pulls ROAS towards each other). */
const DEFAULT_OBJECTIVES = ["nrmse"] as const;
/** Families tuning chooses between by default, per stage. */
const DEFAULT_FAMILIES = {
  adstock: ["geometric", "weibull-pdf"],
  saturation: ["hill", "logistic"],
  trials: 200,
} as const;

/** `tuning`: undefined (off) when absent or false; true takes every default. */
export function parseTuning(value: unknown): TuningConfig | undefined {
  if (value === undefined || value === false) return undefined;
  const t = value === true ? {} : object(value, "tuning", [
    "strategy",
    "trials",
    "objectives",
    "folds",
    "validation",
    "families",
  ]);
  const tuning: TuningConfig = {
    strategy: t.strategy === undefined
      ? "differential-evolution"
      : oneOf(t.strategy, "tuning.strategy", STRATEGIES),
    trials: t.trials === undefined ? 10_000 : integer(t.trials, "tuning.trials", 1, 10_000_000),
    objectives: t.objectives === undefined
      ? DEFAULT_OBJECTIVES
      : strings(t.objectives, "tuning.objectives").map((v, i) =>
        oneOf(v, `tuning.objectives[${i}]`, OBJECTIVES)
      ),
    folds: t.folds === undefined ? 5 : integer(t.folds, "tuning.folds", 2, 20),
    validation: t.validation === undefined
      ? DEFAULT_VALIDATION
      : oneOf(t.validation, "tuning.validation", ["in-sample", "cv"] as const),
    ...families(t.families),
  };
  const errors = tuning.objectives.filter((x) => x !== "decomp_rssd");
  if (errors.length !== 1) {
    fail(
      "tuning.objectives",
      'must hold exactly one of "nrmse", "mse" (and optionally "decomp_rssd")',
    );
  }
  return tuning;
}

/** `tuning.families`: true (the default lists), false, or `{ adstock, saturation, trials }`. */
function families(value: unknown): Pick<TuningConfig, "families"> {
  if (value === false) return {};
  if (value === undefined || value === true) return { families: DEFAULT_FAMILIES };
  const f = object(value, "tuning.families", ["adstock", "saturation", "trials"]);
  return {
    families: {
      adstock: kinds(f.adstock, "tuning.families.adstock", "adstock", DEFAULT_FAMILIES.adstock),
      saturation: kinds(
        f.saturation,
        "tuning.families.saturation",
        "saturation",
        DEFAULT_FAMILIES.saturation,
      ),
      trials: f.trials === undefined
        ? DEFAULT_FAMILIES.trials
        : integer(f.trials, "tuning.families.trials", 10, 1_000_000),
    },
  };
}

/** A non-empty list of registered kinds of one stage; `fallback` when absent. */
function kinds(
  value: unknown,
  key: string,
  stage: "adstock" | "saturation",
  fallback: readonly string[],
): readonly string[] {
  if (value === undefined) return fallback;
  const list = strings(value, key);
  if (list.length === 0) fail(key, "must name at least one family");
  list.forEach((k, i) => {
    try {
      getTransform(k, { family: stage });
    } catch {
      fail(`${key}[${i}]`, `is not a registered ${stage} kind, got "${k}"`);
    }
  });
  return list;
}
