/**
 * The refresh history: one entry per version of a model (the first fit, then each refresh) with
 * its weeks, each channel's ROAS with its interval and its drift, and the backtest that
 * prompted the refresh, so drift can be followed over time. `mmm refresh` keeps it as
 * `history.json` in each output folder, each one holding every earlier entry.
 *
 * @module
 */
import { MmmDataError } from "../errors.ts";
import type { ChannelReturns } from "../analysis/roas.ts";
import type { FittedModel } from "../types.ts";
import type { RefreshResult } from "./refresh.ts";

/** One channel in a history entry. */
export interface HistoryChannel {
  /** Channel name. */
  readonly name: string;
  /** ROAS of this version. */
  readonly roas: number;
  /** `[low, high]` at the history's level, or null without intervals. */
  readonly roas_ci: readonly [number, number] | null;
  /** Mean weekly contribution. */
  readonly weekly_contribution: number;
  /** ROAS change against the previous entry (null in the first). */
  readonly roas_change: number | null;
  /** Whether the channel drifted against the previous entry (null without intervals or first). */
  readonly drifted: boolean | null;
}

/** One version of the model. */
export interface HistoryEntry {
  /** 0 for the first fit, then 1, 2 … per refresh. */
  readonly version: number;
  /** Estimator kind. */
  readonly model_kind: string;
  /** First training week (ISO date). */
  readonly first_week: string;
  /** Last training week (ISO date). */
  readonly last_week: string;
  /** Number of training weeks. */
  readonly weeks: number;
  /** Weeks added by this refresh (0 for the first fit). */
  readonly new_weeks: number;
  /** Each channel's ROAS and drift. */
  readonly channels: readonly HistoryChannel[];
  /** The previous version's forecast of the new weeks (null for the first fit). */
  readonly backtest: {
    readonly rmse: number;
    readonly mae: number;
    readonly mape: number;
    readonly r2: number;
  } | null;
}

/** The whole history file. */
export interface RefreshHistory {
  /** File format name. */
  readonly format: "mixlab.refresh-history";
  /** File format version. */
  readonly version: 1;
  /** Interval probability of the ROAS intervals. */
  readonly level: number;
  /** Every version, oldest first. */
  readonly entries: readonly HistoryEntry[];
}

function entry(
  version: number,
  fit: FittedModel,
  returns: ChannelReturns,
  rest: Pick<HistoryEntry, "new_weeks" | "backtest">,
  drift?: RefreshResult["drift"],
): HistoryEntry {
  const weeks = fit.data.dates.length;
  return {
    version,
    model_kind: fit.kind,
    first_week: fit.data.dates[0] as string,
    last_week: fit.data.dates[weeks - 1] as string,
    weeks,
    ...rest,
    channels: returns.channels.map((c) => {
      const d = drift?.channels.find((x) => x.channel === c.channel);
      return {
        name: c.channel,
        roas: c.roas.value,
        roas_ci: c.roas.lower === undefined ? null : [c.roas.lower, c.roas.upper!],
        weekly_contribution: c.contribution.value / weeks,
        roas_change: d === undefined || !Number.isFinite(d.roasChange) ? null : d.roasChange,
        drifted: d?.drifted ?? null,
      };
    }),
  };
}

/**
 * The history after a refresh: the earlier history (or, without one, a first entry for the
 * previous model) with the refreshed model's entry appended.
 *
 * @throws {MmmDataError} When the earlier history does not end with the previous model's weeks.
 */
export function appendHistory(
  history: RefreshHistory | undefined,
  result: RefreshResult,
  level = 0.9,
): RefreshHistory {
  const earlier = history?.entries ?? [
    entry(0, result.previous, result.previousReturns, { new_weeks: 0, backtest: null }),
  ];
  const last = earlier[earlier.length - 1] as HistoryEntry;
  const previousLast = result.previous.data.dates[result.previous.data.dates.length - 1];
  if (last.last_week !== previousLast) {
    throw new MmmDataError(
      `Cannot extend the refresh history: its last version ends on ${last.last_week}, the model on ${previousLast}`,
      { hint: "refresh from the folder whose history.json belongs to the model" },
    );
  }
  const s = result.backtest.scores;
  return {
    format: "mixlab.refresh-history",
    version: 1,
    level,
    entries: [
      ...earlier,
      entry(last.version + 1, result.model, result.refreshedReturns, {
        new_weeks: result.newWeeks.dates.length,
        backtest: { rmse: s.rmse, mae: s.mae, mape: s.mape, r2: s.r2 },
      }, result.drift),
    ],
  };
}

/** Checks a parsed `history.json`. @throws {MmmDataError} when it is not a refresh history. */
export function readHistory(json: unknown): RefreshHistory {
  const h = json as Partial<RefreshHistory> | null;
  if (
    h === null || typeof h !== "object" || h.format !== "mixlab.refresh-history" ||
    h.version !== 1 || !Array.isArray(h.entries) || h.entries.length === 0
  ) {
    throw new MmmDataError("Cannot read the refresh history: not a mixlab.refresh-history file", {
      hint: "remove it, or restore the history.json that mmm refresh wrote",
    });
  }
  return h as RefreshHistory;
}
