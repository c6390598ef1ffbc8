/**
 * Choosing among candidate models by time-series cross-validation (seed 004's grid search with
 * `TimeSeriesSplit`): each candidate is refitted on every fold's training rows and scored on its
 * forecast of the test rows; the lowest mean error wins.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { Table } from "../display/table.ts";
import type { FittedModel, MmmData } from "../types.ts";
import { crossValidate, type CrossValidateOptions } from "./cross_validate.ts";

/** One candidate: a label, the setting it stands for, and how to fit it. */
export interface CvCandidate<T> {
  /** Shown in the score table, e.g. `"λ = 12.5"`. */
  readonly label: string;
  /** The setting the candidate stands for (a penalty, a depth …). */
  readonly value: T;
  /** Fits the candidate on a fold's training rows. */
  readonly fitter: (train: MmmData) => FittedModel;
}

/** Mean fold scores of one candidate. */
export interface CvCandidateScore {
  /** The candidate's label. */
  readonly label: string;
  /** Mean RMSE over the folds. */
  readonly rmse: number;
  /** Mean MAE over the folds. */
  readonly mae: number;
  /** Mean MAPE over the folds. */
  readonly mape: number;
  /** Mean R² over the folds. */
  readonly r2: number;
}

/** Options of {@link selectByCrossValidation}. */
export interface CvSelectionOptions extends CrossValidateOptions {
  /** The error to minimise. @default "rmse" */
  readonly metric?: "rmse" | "mae" | "mape";
}

/** The candidate with the lowest mean error and every candidate's scores. */
export class CvSelection<T> {
  /** The winning setting. */
  readonly best: T;
  /** The winning candidate's label. */
  readonly bestLabel: string;
  /** The metric minimised. */
  readonly metric: "rmse" | "mae" | "mape";
  /** Mean fold scores per candidate, in the candidates' order. */
  readonly scores: readonly CvCandidateScore[];

  /** Wraps a selection; prefer {@link selectByCrossValidation}. */
  constructor(
    best: T,
    bestLabel: string,
    metric: "rmse" | "mae" | "mape",
    scores: readonly CvCandidateScore[],
  ) {
    this.best = best;
    this.bestLabel = bestLabel;
    this.metric = metric;
    this.scores = scores;
  }

  /** Scores per candidate, the chosen one marked. */
  toTable(): Table {
    return new Table(
      this.scores.map((s) => ({
        candidate: s.label,
        RMSE: s.rmse,
        MAE: s.mae,
        MAPE: s.mape,
        "R²": s.r2,
        chosen: s.label === this.bestLabel ? "✓" : "",
      })),
      { caption: `Time-series cross-validation (lowest mean ${this.metric.toUpperCase()} wins)` },
    );
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Scores every candidate by time-series cross-validation and returns the best.
 *
 * @throws {RangeError} When there is no candidate.
 *
 * @example The right penalty among three
 * ```ts
 * import { defineModelSpec, fitElasticNet } from "mixlab";
 * import { selectByCrossValidation } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const n = 40;
 * const tv = Float64Array.from({ length: n }, (_, i) => (i * 7) % 5);
 * const data = {
 *   dates: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10)),
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 2 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", scale: 1, adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const chosen = selectByCrossValidation(data, [0, 1, 10].map((lambda) => ({
 *   label: `λ = ${lambda}`, value: lambda,
 *   fitter: (train) => fitElasticNet(train, spec, { lambda, l1Ratio: 1 }),
 * })), { folds: 3 });
 * assert.equal(chosen.best, 0);
 * ```
 */
export function selectByCrossValidation<T>(
  data: MmmData,
  candidates: readonly CvCandidate<T>[],
  options: CvSelectionOptions = {},
): CvSelection<T> {
  if (candidates.length === 0) {
    throw new RangeError("Cannot select by cross-validation: there is no candidate");
  }
  const metric = options.metric ?? "rmse";
  const cvOptions = options.splits ? { splits: options.splits } : { folds: options.folds ?? 5 };
  const scores = candidates.map((c): CvCandidateScore => ({
    label: c.label,
    ...crossValidate(data, c.fitter, cvOptions).mean(),
  }));
  let best = 0;
  scores.forEach((s, i) => {
    if (s[metric] < (scores[best] as CvCandidateScore)[metric]) best = i;
  });
  const winner = candidates[best] as CvCandidate<T>;
  return new CvSelection(winner.value, winner.label, metric, scores);
}
