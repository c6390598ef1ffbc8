/**
 * Time-ordered train/test splits: expanding windows (the same index sets as scikit-learn's
 * `TimeSeriesSplit`), rolling windows of fixed training length, and an out-of-time holdout.
 * Every split is a pair of contiguous row ranges, so a caller can slice `MmmData` columns with
 * `subarray(start, end)`; {@link rangeIndices} expands a range into row indices.
 *
 * @module
 */

/** A contiguous range of rows: `start` included, `end` excluded. */
export interface RowRange {
  /** First row (0-based). */
  readonly start: number;
  /** One past the last row. */
  readonly end: number;
}

/** One train/test split; training rows always precede test rows. */
export interface TimeSplit {
  /** Rows to fit on. */
  readonly train: RowRange;
  /** Rows to score on. */
  readonly test: RowRange;
}

function checkCount(action: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(
      `Cannot ${action}: ${name} must be an integer of at least ${min}, got ${value}`,
    );
  }
}

/** Options of {@link expandingWindowSplit}. */
export interface ExpandingWindowSplitOptions {
  /** Number of splits (folds). @default 5 */
  readonly nSplits?: number;
  /** Rows per test fold. @default floor(nRows / (nSplits + 1)) */
  readonly testSize?: number;
  /** Rows left out between the end of training and the start of the test fold. @default 0 */
  readonly gap?: number;
  /** Keep only the latest `maxTrainSize` training rows. @default unlimited */
  readonly maxTrainSize?: number;
}

/**
 * Expanding-window time-series splits, identical to scikit-learn's
 * `TimeSeriesSplit(n_splits, test_size, gap, max_train_size)` (sklearn/model_selection/_split.py,
 * v1.2): the test folds are the last `nSplits · testSize` rows cut into consecutive blocks, and
 * each training range ends `gap` rows before its test block.
 *
 * @param nRows Number of rows in time order.
 * @param options Splits, test size, gap, maximum training size.
 * @returns `nSplits` splits, oldest test block first.
 * @throws {RangeError} When the options are not positive integers or leave no training rows.
 *
 * @example Three folds of two rows on eight rows
 * ```ts
 * import { expandingWindowSplit } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const s = expandingWindowSplit(8, { nSplits: 3 });
 * assert.deepEqual(s.map((f) => [f.train.end, f.test.start, f.test.end]), [
 *   [2, 2, 4],
 *   [4, 4, 6],
 *   [6, 6, 8],
 * ]);
 * ```
 */
export function expandingWindowSplit(
  nRows: number,
  options: ExpandingWindowSplitOptions = {},
): TimeSplit[] {
  const action = "make expanding-window splits";
  const { nSplits = 5, gap = 0 } = options;
  checkCount(action, "nRows", nRows, 1);
  checkCount(action, "nSplits", nSplits, 2);
  checkCount(action, "gap", gap, 0);
  const testSize = options.testSize ?? Math.floor(nRows / (nSplits + 1));
  checkCount(action, "testSize", testSize, 1);
  if (options.maxTrainSize !== undefined) {
    checkCount(action, "maxTrainSize", options.maxTrainSize, 1);
  }
  if (nSplits + 1 > nRows) {
    throw new RangeError(
      `Cannot ${action}: nSplits + 1 = ${nSplits + 1} is more than the ${nRows} rows`,
    );
  }
  if (nRows - gap - testSize * nSplits <= 0) {
    throw new RangeError(
      `Cannot ${action}: ${nSplits} test folds of ${testSize} rows with gap ${gap} leave no training rows out of ${nRows}`,
    );
  }
  const splits: TimeSplit[] = [];
  for (let testStart = nRows - nSplits * testSize; testStart < nRows; testStart += testSize) {
    const trainEnd = testStart - gap;
    const trainStart = options.maxTrainSize !== undefined && options.maxTrainSize < trainEnd
      ? trainEnd - options.maxTrainSize
      : 0;
    splits.push({
      train: { start: trainStart, end: trainEnd },
      test: { start: testStart, end: testStart + testSize },
    });
  }
  return splits;
}

/** Options of {@link rollingWindowSplit}. */
export interface RollingWindowSplitOptions {
  /** Rows in every training window. */
  readonly trainSize: number;
  /** Rows in every test window. */
  readonly testSize: number;
  /** Rows the windows move forward between splits. @default testSize */
  readonly step?: number;
  /** Rows left out between a training window and its test window. @default 0 */
  readonly gap?: number;
}

/**
 * Rolling-window time-series splits: a training window of fixed length followed (after `gap`
 * rows) by a test window, moved forward by `step` rows. As in `expandingWindowSplit`, the
 * windows are aligned to the end: the last test window ends at the last row, and the first
 * `(nRows − trainSize − gap − testSize) mod step` rows are never used.
 *
 * @param nRows Number of rows in time order.
 * @param options Training and test sizes, step, gap.
 * @returns The splits, oldest first.
 * @throws {RangeError} When a size is not a positive integer or one window does not fit.
 *
 * @example Training on four rows, testing on the next two
 * ```ts
 * import { rollingWindowSplit } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const s = rollingWindowSplit(10, { trainSize: 4, testSize: 2 });
 * assert.deepEqual(s.map((f) => [f.train.start, f.train.end, f.test.end]), [
 *   [0, 4, 6],
 *   [2, 6, 8],
 *   [4, 8, 10],
 * ]);
 * ```
 */
export function rollingWindowSplit(nRows: number, options: RollingWindowSplitOptions): TimeSplit[] {
  const action = "make rolling-window splits";
  const { trainSize, testSize, gap = 0 } = options;
  const step = options.step ?? testSize;
  checkCount(action, "nRows", nRows, 1);
  checkCount(action, "trainSize", trainSize, 1);
  checkCount(action, "testSize", testSize, 1);
  checkCount(action, "step", step, 1);
  checkCount(action, "gap", gap, 0);
  if (trainSize + gap + testSize > nRows) {
    throw new RangeError(
      `Cannot ${action}: trainSize + gap + testSize = ${
        trainSize + gap + testSize
      } is more than the ${nRows} rows`,
    );
  }
  const splits: TimeSplit[] = [];
  const first = (nRows - trainSize - gap - testSize) % step;
  for (let start = first; start + trainSize + gap + testSize <= nRows; start += step) {
    const testStart = start + trainSize + gap;
    splits.push({
      train: { start, end: start + trainSize },
      test: { start: testStart, end: testStart + testSize },
    });
  }
  return splits;
}

/** Options of {@link holdoutSplit}. */
export interface HoldoutSplitOptions {
  /** Rows held out at the end. @default ceil(0.2 · nRows) */
  readonly testSize?: number;
  /** Rows left out between training and holdout. @default 0 */
  readonly gap?: number;
}

/**
 * An out-of-time holdout: train on the first rows, test on the last `testSize` rows.
 *
 * @param nRows Number of rows in time order.
 * @param options Holdout size and gap.
 * @returns One split.
 * @throws {RangeError} When the sizes are not positive integers or leave no training rows.
 *
 * @example Holding out the last 13 of 156 weeks
 * ```ts
 * import { holdoutSplit } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const s = holdoutSplit(156, { testSize: 13 });
 * assert.deepEqual(s, { train: { start: 0, end: 143 }, test: { start: 143, end: 156 } });
 * ```
 */
export function holdoutSplit(nRows: number, options: HoldoutSplitOptions = {}): TimeSplit {
  const action = "make a holdout split";
  checkCount(action, "nRows", nRows, 2);
  const { testSize = Math.ceil(0.2 * nRows), gap = 0 } = options;
  checkCount(action, "testSize", testSize, 1);
  checkCount(action, "gap", gap, 0);
  const trainEnd = nRows - testSize - gap;
  if (trainEnd < 1) {
    throw new RangeError(
      `Cannot ${action}: testSize ${testSize} and gap ${gap} leave no training rows out of ${nRows}`,
    );
  }
  return { train: { start: 0, end: trainEnd }, test: { start: nRows - testSize, end: nRows } };
}

/**
 * The row indices of a range, in order.
 *
 * @param range The rows.
 * @returns `start, start + 1, …, end − 1`.
 *
 * @example Rows 3 to 5
 * ```ts
 * import { rangeIndices } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(rangeIndices({ start: 3, end: 6 })), [3, 4, 5]);
 * ```
 */
export function rangeIndices(range: RowRange): Int32Array {
  const out = new Int32Array(Math.max(0, range.end - range.start));
  for (let i = 0; i < out.length; i++) out[i] = range.start + i;
  return out;
}
