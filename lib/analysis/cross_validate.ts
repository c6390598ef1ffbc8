/**
 * Time-series cross-validation of any estimator: refit on each fold's training rows, forecast its
 * test rows from their actual spends (adstock carried over from the training rows), and score.
 * The splits are {@link expandingWindowSplit}'s by default (scikit-learn's `TimeSeriesSplit`).
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { sliceRows } from "../mmm_data.ts";
import { Table } from "../display/table.ts";
import type { FittedModel, MmmData } from "../types.ts";
import { expandingWindowSplit, type TimeSplit } from "./cv.ts";
import { mae, mape, r2, rmse } from "./metrics.ts";

/** Scores of one fold. */
export interface FoldScore {
  /** Training rows `[start, end)`. */
  readonly train: readonly [number, number];
  /** Test rows `[start, end)`. */
  readonly test: readonly [number, number];
  /** RMSE on the test rows. */
  readonly rmse: number;
  /** MAE on the test rows. */
  readonly mae: number;
  /** MAPE on the test rows (zero KPI rows skipped). */
  readonly mape: number;
  /** R² on the test rows. */
  readonly r2: number;
}

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions {
  /** Number of expanding-window folds. @default 5 */
  readonly folds?: number;
  /** Explicit splits, replacing `folds`. @default undefined */
  readonly splits?: readonly TimeSplit[];
}

/** Cross-validation scores; shows itself as a table with the mean row. */
export class CrossValidation {
  /** One entry per fold. */
  readonly folds: readonly FoldScore[];

  /** Wraps fold scores; prefer {@link crossValidate}. */
  constructor(folds: readonly FoldScore[]) {
    this.folds = folds;
  }

  /** Mean of each score over the folds. */
  mean(): { rmse: number; mae: number; mape: number; r2: number } {
    const k = this.folds.length;
    const avg = (f: (s: FoldScore) => number) => this.folds.reduce((a, s) => a + f(s), 0) / k;
    return {
      rmse: avg((s) => s.rmse),
      mae: avg((s) => s.mae),
      mape: avg((s) => s.mape),
      r2: avg((s) => s.r2),
    };
  }

  /** Fold scores and their mean as a table. */
  toTable(): Table {
    const m = this.mean();
    return new Table(
      [
        ...this.folds.map((f, i) => ({
          fold: String(i + 1),
          "train rows": `${f.train[0]}–${f.train[1] - 1}`,
          "test rows": `${f.test[0]}–${f.test[1] - 1}`,
          RMSE: f.rmse,
          MAE: f.mae,
          MAPE: f.mape,
          "R²": f.r2,
        })),
        { fold: "mean", RMSE: m.rmse, MAE: m.mae, MAPE: m.mape, "R²": m.r2 },
      ],
      { caption: "Time-series cross-validation" },
    );
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return { folds: this.folds, mean: this.mean() };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Refits `fitter` on each fold's training rows and scores its forecast of the test rows.
 *
 * @example A right model forecasts noise-free folds exactly
 * ```ts
 * import { crossValidate, defineModelSpec, fitRidge } from "mixlab";
 * import assert from "node:assert/strict";
 * const n = 24;
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
 * const cv = crossValidate(data, (train) => fitRidge(train, spec, { lambda: 0 }), { folds: 3 });
 * assert.equal(cv.folds.length, 3);
 * assert.ok(cv.mean().rmse < 1e-9);
 * ```
 */
export function crossValidate(
  data: MmmData,
  fitter: (train: MmmData) => FittedModel,
  options: CrossValidateOptions = {},
): CrossValidation {
  const splits = options.splits ??
    expandingWindowSplit(data.dates.length, { nSplits: options.folds ?? 5 });
  return new CrossValidation(splits.map((s): FoldScore => {
    const train = sliceRows(data, s.train.start, s.train.end);
    const test = sliceRows(data, s.test.start, s.test.end);
    const prediction = fitter(train).predict(test, { history: train });
    const y = test.kpi.values;
    return {
      train: [s.train.start, s.train.end],
      test: [s.test.start, s.test.end],
      rmse: rmse(y, prediction),
      mae: mae(y, prediction),
      mape: mape(y, prediction, { zeros: "skip" }),
      r2: r2(y, prediction),
    };
  }));
}
