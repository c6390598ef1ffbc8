/**
 * Memos of a Bayesian fit's predictions for what-if use. A planner or a response curve moves one
 * channel's spend and predicts again under each of up to 264 draws, while every other channel's
 * media column and the draw-independent baseline design stay as they were; recomputing them
 * made each prediction ten times dearer than it needs to be with ten channels.
 *
 * Each channel keeps its columns (by draw) for the last spend and history it saw, and the
 * baseline keeps the design of the last rows it saw. Inputs are compared by value, so an array
 * changed in place is never served stale, and memory stays at one entry per channel.
 *
 * @module
 */
import type { MmmData } from "../../types.ts";

function sameValues(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

interface ChannelEntry {
  readonly spend: Float64Array;
  readonly history: Float64Array | undefined;
  readonly columns: Map<number, Float64Array>;
}

/** Media columns of each channel by draw, for the last spend and history of that channel. */
export class MediaColumnMemo {
  readonly #entries = new Map<string, ChannelEntry>();

  /**
   * The column of `channel` under `draw` (-1 for the mean parameters), computed once per spend
   * and history. The column is shared: callers must not change it.
   */
  column(
    channel: string,
    spend: Float64Array,
    history: Float64Array | undefined,
    draw: number,
    compute: () => Float64Array,
  ): Float64Array {
    let entry = this.#entries.get(channel);
    if (!entry || !sameValues(entry.spend, spend) || !sameValues(entry.history, history)) {
      entry = { spend: spend.slice(), history: history?.slice(), columns: new Map() };
      this.#entries.set(channel, entry);
    }
    let column = entry.columns.get(draw);
    if (column === undefined) {
      column = compute();
      entry.columns.set(draw, column);
    }
    return column;
  }
}

/** A value computed from the dates and controls of the last rows seen (the baseline design). */
export class BaselineMemo<T> {
  #dates: readonly string[] | undefined;
  #controls: readonly Float64Array[] = [];
  #value: T | undefined;

  /** The value for `data`'s dates and controls, computed once per distinct rows. */
  get(data: MmmData, compute: () => T): T {
    const same = this.#dates !== undefined &&
      this.#dates.length === data.dates.length &&
      this.#dates.every((d, i) => d === data.dates[i]) &&
      this.#controls.length === data.controls.length &&
      this.#controls.every((c, j) => sameValues(c, data.controls[j]!.values));
    if (!same || this.#value === undefined) {
      this.#value = compute();
      this.#dates = [...data.dates];
      this.#controls = data.controls.map((c) => c.values.slice());
    }
    return this.#value;
  }
}
