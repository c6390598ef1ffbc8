/**
 * The narrow view of a read file that the checks work on, so they never touch polars.
 *
 * @module
 */

/** A numeric column as read: NaN where a cell was empty or not a number. */
export interface RawNumeric {
  /** Values, NaN for empty and non-numeric cells. */
  readonly values: Float64Array;
  /** Rows whose text is not a number (the first few), with the text. */
  readonly invalid: readonly { readonly row: number; readonly text: string }[];
  /** How many cells are not numbers. */
  readonly invalidCount: number;
}

/** A text column coded as integers: `levels[codes[row]]` is the row's text. */
export interface RawLevels {
  /** Level index per row. */
  readonly codes: Uint32Array;
  /** Distinct texts. */
  readonly levels: readonly string[];
  /** Rows whose cell is empty (the first few). */
  readonly empty: readonly number[];
}

/** A read file, asked for columns by name. */
export interface RawFrame {
  /** Data rows. */
  readonly nRows: number;
  /** A numeric column. */
  numeric(column: string): RawNumeric;
  /** A text column as levels. */
  levels(column: string): RawLevels;
}
