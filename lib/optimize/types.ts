/**
 * What the budget optimizer takes: one response function per channel, and the constraints a
 * marketer sets on spend. Nothing here depends on a particular model: any `FittedModel` (or a
 * known curve) becomes a list of {@link ChannelResponse}s.
 *
 * Every per-channel setting is keyed by the channel's NAME, never by its position.
 *
 * @module
 */

/** A spend → KPI function, both per period (a curve of a {@link ChannelResponse}). */
export type SpendCurve = (spend: number) => number;

/**
 * One channel's steady-state response curve: the KPI per period at a constant spend level.
 * The curve must be 0 at 0 (or at least finite), continuous and non-decreasing.
 */
export interface ChannelResponse {
  /** Channel name; allocations and bounds are keyed by it. */
  readonly name: string;
  /** Current spend per period (money). */
  readonly currentSpend: number;
  /** Expected KPI per period at a steady spend level. */
  readonly response: SpendCurve;
  /**
   * Optional posterior draws of the same curve. Draw `d` of every channel must come from the
   * same joint posterior sample, so all channels need the same number of draws.
   */
  readonly draws?: readonly SpendCurve[];
}

/**
 * Bounds on one channel's spend per period. Money bounds and relative bounds may be mixed;
 * the tighter one wins.
 */
export interface ChannelBound {
  /** Least spend in money. @default 0 */
  readonly min?: number;
  /** Most spend in money. @default the optimizer's `maxSpend` */
  readonly max?: number;
  /** Least spend as a relative change of current spend (-0.3 = at least 70% of current). */
  readonly minChange?: number;
  /** Most spend as a relative change of current spend (0.5 = at most 150% of current). */
  readonly maxChange?: number;
  /** Keep spend at its current level. @default false */
  readonly locked?: boolean;
}

/** A constraint on the spend of a group of channels (e.g. digital ≥ 40% of total). */
export interface ChannelGroup {
  /** A name for reports and errors, e.g. `"digital"`. */
  readonly name: string;
  /** The channels in the group (names). */
  readonly channels: readonly string[];
  /** Least share of total spend, in [0, 1]. */
  readonly minShare?: number;
  /** Most share of total spend, in [0, 1]. */
  readonly maxShare?: number;
  /** Least group spend in money. */
  readonly min?: number;
  /** Most group spend in money. */
  readonly max?: number;
}

/** Spend constraints shared by every optimizer mode. */
export interface SpendConstraints {
  /** Bounds by channel name. @default {} (no bound beyond `defaultBound`) */
  readonly bounds?: Readonly<Record<string, ChannelBound>>;
  /** Bound for channels not listed in `bounds`. @default {} (0 up to `maxSpend`) */
  readonly defaultBound?: ChannelBound;
  /** Names of channels whose spend stays at its current level. @default [] */
  readonly locked?: readonly string[];
  /** Group constraints. @default [] */
  readonly groups?: readonly ChannelGroup[];
}

/** How the piecewise-linear solver samples the curves. */
export interface SolverOptions {
  /** Breakpoints per channel curve (denser where curvature is high). @default 50 */
  readonly breakpoints?: number;
  /** Re-solve on finer grids around the answer (up to 5 passes) until it stops moving. @default true */
  readonly refine?: boolean;
}

/**
 * How non-concave (S-shaped) curves are solved: `"milp"` (ordered 0/1 segments), `"dp"` (global
 * dynamic program on a spend grid, budget and bounds only), or `"auto"` (choose by size).
 */
export type SolveMethod = "auto" | "milp" | "dp";
