/**
 * Domain errors a caller is meant to catch. Wrong argument types or shapes are `TypeError`,
 * values out of range are `RangeError` (as in Deno's std); everything that a user can fix in
 * their data or configuration is an {@link MmmError} subclass that says what failed, where
 * (column, rows, dates, channel, key) and what to do (`hint`).
 *
 * Messages are sentence case, without a trailing period, and start from the failed action:
 * `Cannot load data: column "tv" has 3 missing values`.
 *
 * @module
 */

/** Where an error happened and what to do about it. */
export interface ErrorContext {
  /** The column concerned. */
  readonly column?: string;
  /** Zero-based data rows concerned (the first few). */
  readonly rows?: readonly number[];
  /** Dates concerned (the first few). */
  readonly dates?: readonly string[];
  /** The channel concerned. */
  readonly channel?: string;
  /** The geos concerned, for panel data. */
  readonly geos?: readonly string[];
  /** The config key concerned, as a dotted path (`channels.tv.adstock`). */
  readonly key?: string;
  /** The file concerned. */
  readonly file?: string;
  /** What the user can do about it. */
  readonly hint?: string;
}

/**
 * Base class of mixlab's domain errors.
 *
 * @example Catching any mixlab error
 * ```ts
 * import { MmmDataError, MmmError } from "mixlab";
 * import assert from "node:assert/strict";
 * const e = new MmmDataError('Cannot load data: column "tv" is missing', { column: "tv" });
 * assert.ok(e instanceof MmmError);
 * assert.equal(e.column, "tv");
 * ```
 */
export class MmmError extends Error {
  /** The column concerned. */
  readonly column: string | undefined;
  /** Zero-based data rows concerned. */
  readonly rows: readonly number[] | undefined;
  /** Dates concerned. */
  readonly dates: readonly string[] | undefined;
  /** The channel concerned. */
  readonly channel: string | undefined;
  /** The geos concerned, for panel data. */
  readonly geos: readonly string[] | undefined;
  /** The config key concerned. */
  readonly key: string | undefined;
  /** The file concerned. */
  readonly file: string | undefined;
  /** What to do about it. */
  readonly hint: string | undefined;

  /** Makes an error with a message and its structured context. */
  constructor(message: string, context: ErrorContext = {}, options?: ErrorOptions) {
    super(context.hint ? `${message}: ${context.hint}` : message, options);
    this.name = new.target.name;
    this.column = context.column;
    this.rows = context.rows;
    this.dates = context.dates;
    this.channel = context.channel;
    this.geos = context.geos;
    this.key = context.key;
    this.file = context.file;
    this.hint = context.hint;
  }
}

/**
 * Input data is unusable as it is (missing column, non-numeric value, duplicate date …).
 *
 * @example What prep throws for unusable data
 * ```ts
 * import { MmmDataError, MmmError } from "mixlab";
 * import assert from "node:assert/strict";
 * const e = new MmmDataError('Cannot load data: column "tv" has negative spend', { column: "tv", rows: [3] });
 * assert.ok(e instanceof MmmError);
 * assert.deepEqual(e.rows, [3]);
 * ```
 */
export class MmmDataError extends MmmError {}

/**
 * A configuration or spec is invalid (unknown key, value out of its allowed set …).
 *
 * @example An unknown config key
 * ```ts
 * import { ConfigError, parseMmmConfig } from "mixlab";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => parseMmmConfig({ data: "x.csv", kpi: "y", channels: { tv: {} }, colour: 1 }),
 *   ConfigError,
 * );
 * ```
 */
export class ConfigError extends MmmError {}

/**
 * A model could not be fitted (singular design, sampler failure …).
 *
 * @example What an estimator throws when a fit cannot be made
 * ```ts
 * import { FitError, MmmError } from "mixlab";
 * import assert from "node:assert/strict";
 * const e = new FitError("Cannot fit: the design matrix is singular", { hint: "drop a control" });
 * assert.ok(e instanceof MmmError);
 * assert.match(e.message, /drop a control/);
 * ```
 */
export class FitError extends MmmError {}

/**
 * An optimisation problem has no feasible solution (bounds and budget contradict).
 *
 * @example Minimum spends above the budget
 * ```ts
 * import { InfeasibleError, optimizeBudget } from "mixlab";
 * import assert from "node:assert/strict";
 * const channels = [
 *   { name: "tv", currentSpend: 2, response: (x: number) => Math.log1p(x) },
 *   { name: "radio", currentSpend: 2, response: (x: number) => Math.log1p(x) },
 * ];
 * assert.throws(
 *   () => optimizeBudget(channels, { budget: 4, bounds: { tv: { min: 3 }, radio: { min: 3 } } }),
 *   InfeasibleError,
 * );
 * ```
 */
export class InfeasibleError extends MmmError {}
