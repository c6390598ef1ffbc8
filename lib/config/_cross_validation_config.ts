/**
 * The config's `crossValidation` section: expanding-window folds of the fitted model.
 *
 * @module
 */
import { fail, flag, integer, object } from "./_config_reader.ts";
import type { ModelConfig } from "./_model_config.ts";

/** Time-series cross-validation of the fitted model on the training weeks. */
export interface CrossValidationConfig {
  /** Expanding-window folds (0 = off). */
  readonly folds: number;
  /** Weeks in each test fold. */
  readonly weeks: number;
  /** Also refit on rolling windows (half the training weeks, at least 52, every 13) for stability. */
  readonly rolling: boolean;
}

/** `crossValidation`: 4 folds of 13 weeks with rolling refits, none for Bayesian fits. */
export function parseCrossValidation(
  value: unknown,
  kind: ModelConfig["kind"],
): CrossValidationConfig {
  const cv = value === undefined
    ? {}
    : object(value, "crossValidation", ["folds", "weeks", "rolling"]);
  flag(cv.rolling, "crossValidation.rolling");
  const out: CrossValidationConfig = {
    folds: cv.folds === undefined
      ? (kind === "bayes" ? 0 : 4)
      : integer(cv.folds, "crossValidation.folds", 0, 20),
    weeks: cv.weeks === undefined ? 13 : integer(cv.weeks, "crossValidation.weeks", 1, 520),
    rolling: cv.rolling === undefined ? kind !== "bayes" : cv.rolling as boolean,
  };
  if (out.folds === 1) {
    fail("crossValidation.folds", "must be 0 (no cross-validation) or at least 2, got 1");
  }
  return out;
}
