/**
 * A budget split by geo and channel: the response curve of every geo × channel cell goes to
 * {@link optimizeBudget} as one "channel", with the marketer's limits on a channel's total over
 * the geos and on a geo's total over the channels as group constraints (money bounds on a sum of
 * cells). At the optimum the marginal ROAS of every cell no bound holds is the same.
 *
 * The national split (`level: "national"`) chooses only each channel's total: a channel's
 * spend is shared out over the geos in their current proportions, so its curve is
 * `f_c(s) = Σ_g f_{g,c}(s · share_{g,c})`, and the geos keep their weight in each channel.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { Table } from "../display/table.ts";
import type { AllocationResult } from "./allocation_result.ts";
import { optimizeBudget } from "./optimize_budget.ts";
import type {
  ChannelBound,
  ChannelGroup,
  ChannelResponse,
  SolverOptions,
  SpendCurve,
} from "./types.ts";

/** One geo × channel response curve (steady weekly KPI at a steady weekly spend). */
export interface GeoCellResponse {
  /** Geo name. */
  readonly geo: string;
  /** Channel name. */
  readonly channel: string;
  /** Current spend per period in this geo and channel. */
  readonly currentSpend: number;
  /** Response per period at a steady spend. */
  readonly response: SpendCurve;
}

/** Options of {@link optimizeGeoBudget}. */
export interface GeoBudgetOptions extends SolverOptions {
  /** Total spend per period. @default the sum of current spend */
  readonly budget?: number;
  /** `"geo"`: choose every cell; `"national"`: choose channel totals, geos in current proportions. @default "geo" */
  readonly level?: "geo" | "national";
  /** Limits on a channel's total over the geos, relative to its current total or in money. @default {} */
  readonly channelBounds?: Readonly<Record<string, ChannelBound>>;
  /** Limits on a geo's total over the channels (`level: "geo"` only). @default {} */
  readonly geoBounds?: Readonly<Record<string, ChannelBound>>;
  /** Limits on every cell (`level: "geo"` only). @default {} (0 up to the budget) */
  readonly cellBound?: ChannelBound;
}

/** One cell of the split. */
export interface GeoCellSplit {
  /** Geo name. */
  readonly geo: string;
  /** Channel name. */
  readonly channel: string;
  /** Current spend per period. */
  readonly currentSpend: number;
  /** Recommended spend per period. */
  readonly optimalSpend: number;
  /** Response at current spend. */
  readonly currentResponse: number;
  /** Response at recommended spend. */
  readonly optimalResponse: number;
}

/** A total of the split (one channel over the geos, or one geo over the channels). */
export interface GeoSplitTotal {
  /** Channel or geo name. */
  readonly name: string;
  /** Current spend per period. */
  readonly currentSpend: number;
  /** Recommended spend per period. */
  readonly optimalSpend: number;
  /** Response at current spend. */
  readonly currentResponse: number;
  /** Response at recommended spend. */
  readonly optimalResponse: number;
}

function money(b: ChannelBound, current: number): { min?: number; max?: number } {
  if (b.locked) return { min: current, max: current };
  const lows = [b.min, b.minChange === undefined ? undefined : current * (1 + b.minChange)];
  const highs = [b.max, b.maxChange === undefined ? undefined : current * (1 + b.maxChange)];
  const lo = lows.filter((v): v is number => v !== undefined);
  const hi = highs.filter((v): v is number => v !== undefined);
  return {
    ...(lo.length > 0 ? { min: Math.max(...lo) } : {}),
    ...(hi.length > 0 ? { max: Math.max(0, Math.min(...hi)) } : {}),
  };
}

function totals(cells: readonly GeoCellSplit[], key: "geo" | "channel"): GeoSplitTotal[] {
  const out = new Map<string, GeoSplitTotal>();
  for (const c of cells) {
    const t = out.get(c[key]) ??
      { name: c[key], currentSpend: 0, optimalSpend: 0, currentResponse: 0, optimalResponse: 0 };
    out.set(c[key], {
      name: t.name,
      currentSpend: t.currentSpend + c.currentSpend,
      optimalSpend: t.optimalSpend + c.optimalSpend,
      currentResponse: t.currentResponse + c.currentResponse,
      optimalResponse: t.optimalResponse + c.optimalResponse,
    });
  }
  return [...out.values()];
}

/** A budget split by geo and channel, with its totals by channel and by geo. */
export class GeoAllocation {
  /** `"geo"` or `"national"`. */
  readonly level: "geo" | "national";
  /** Every cell, in input order. */
  readonly cells: readonly GeoCellSplit[];
  /** Per channel, over the geos. */
  readonly channels: readonly GeoSplitTotal[];
  /** Per geo, over the channels. */
  readonly geos: readonly GeoSplitTotal[];
  /** The solver's allocation (cells named `"<geo>/<channel>"`, or channels nationally). */
  readonly solution: AllocationResult;

  /** Wraps a solved split; {@link optimizeGeoBudget} builds it. */
  constructor(
    level: "geo" | "national",
    cells: readonly GeoCellSplit[],
    solution: AllocationResult,
  ) {
    this.level = level;
    this.cells = cells;
    this.channels = totals(cells, "channel");
    this.geos = totals(cells, "geo");
    this.solution = solution;
  }

  /** One row per cell: geo, channel, current and recommended spend and response. */
  toTable(): Table {
    const t = this.solution.totals;
    return new Table(
      this.cells.map((c) => ({
        geo: c.geo,
        channel: c.channel,
        "current spend": c.currentSpend,
        "optimal spend": c.optimalSpend,
        "current KPI": c.currentResponse,
        "optimal KPI": c.optimalResponse,
      })),
      {
        caption: `${this.level} split: spend ${t.currentSpend.toFixed(0)} → ${
          t.optimalSpend.toFixed(0)
        }, KPI ${t.currentResponse.toFixed(0)} → ${t.optimalResponse.toFixed(0)} per week`,
      },
    );
  }

  /** A plain JSON form. */
  toJSON(): Record<string, unknown> {
    return {
      level: this.level,
      totals: this.solution.totals,
      channels: this.channels,
      geos: this.geos,
      cells: this.cells,
      method: this.solution.method,
      gap: this.solution.gap,
      binding: this.solution.binding,
    };
  }

  /** Shows the cell table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const table = this.toTable();
    return { "text/html": table.toHtml(), "text/plain": table.toText() };
  }
}

/**
 * Splits a budget over geos and channels for the most total response.
 *
 * @param cells One response curve per geo and channel (`geoResponses(fit)` of
 *   `mixlab/models/geo` gives them for a fitted geo model).
 * @param options Budget, level, and bounds per channel, per geo and per cell.
 * @returns The split, with totals per channel and per geo.
 * @throws {ConfigError} for bounds naming an unknown channel or geo, or geo bounds nationally.
 * @throws {InfeasibleError} when the bounds contradict each other.
 *
 * @example Two geos × two channels, f = a·ln(1 + x): the optimum equalises a/(1 + x)
 * ```ts
 * import { optimizeGeoBudget } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * // a = 2, 1 (geo A) and 3, 1 (geo B), budget 10: a/(1 + x) = 7/14 gives x = 3, 1, 5, 1
 * const cell = (geo: string, channel: string, a: number) =>
 *   ({ geo, channel, currentSpend: 2.5, response: (x: number) => a * Math.log1p(x) });
 * const split = optimizeGeoBudget([
 *   cell("A", "tv", 2), cell("A", "radio", 1), cell("B", "tv", 3), cell("B", "radio", 1),
 * ], { budget: 10 });
 * assert.deepEqual(split.cells.map((c) => Math.round(c.optimalSpend * 100) / 100), [3, 1, 5, 1]);
 * assert.equal(split.channels[0]!.name, "tv");
 * ```
 */
export function optimizeGeoBudget(
  cells: readonly GeoCellResponse[],
  options: GeoBudgetOptions = {},
): GeoAllocation {
  const level = options.level ?? "geo";
  const channelNames = [...new Set(cells.map((c) => c.channel))];
  const geoNames = [...new Set(cells.map((c) => c.geo))];
  const check = (names: readonly string[], bounds: object | undefined, key: string) => {
    for (const name of Object.keys(bounds ?? {})) {
      if (!names.includes(name)) {
        throw new ConfigError(`Cannot split the budget: unknown name "${name}" in ${key}`, {
          key: `${key}.${name}`,
          hint: `use one of ${names.map((n) => `"${n}"`).join(", ")}`,
        });
      }
    }
  };
  check(channelNames, options.channelBounds, "channelBounds");
  check(geoNames, options.geoBounds, "geoBounds");
  const solver = {
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    ...(options.breakpoints === undefined ? {} : { breakpoints: options.breakpoints }),
    ...(options.refine === undefined ? {} : { refine: options.refine }),
  };
  const current = (pick: (c: GeoCellResponse) => boolean) =>
    cells.filter(pick).reduce((a, c) => a + c.currentSpend, 0);
  if (level === "national") {
    if (Object.keys(options.geoBounds ?? {}).length > 0 || options.cellBound !== undefined) {
      throw new ConfigError(
        "Cannot split the budget nationally with geo or cell bounds: the geos keep their current proportions",
        {
          key: options.cellBound !== undefined ? "cellBound" : "geoBounds",
          hint: 'use level "geo" to bound geos or cells',
        },
      );
    }
    const shares = cells.map((c) => {
      const total = current((d) => d.channel === c.channel);
      const n = cells.filter((d) => d.channel === c.channel).length;
      return total > 0 ? c.currentSpend / total : 1 / n;
    });
    const national: ChannelResponse[] = channelNames.map((name) => {
      const own = cells.flatMap((c, i) => c.channel === name ? [i] : []);
      return {
        name,
        currentSpend: current((c) => c.channel === name),
        response: (s) => own.reduce((a, i) => a + cells[i]!.response(s * shares[i]!), 0),
      };
    });
    const solution = optimizeBudget(national, {
      ...solver,
      ...(options.channelBounds ? { bounds: options.channelBounds } : {}),
    });
    const split = cells.map((c, i) => {
      const spend = solution.allocation[c.channel]! * shares[i]!;
      return cellSplit(c, spend);
    });
    return new GeoAllocation(level, split, solution);
  }
  const name = (c: GeoCellResponse) => `${c.geo}/${c.channel}`;
  const groups: ChannelGroup[] = [
    ...Object.entries(options.channelBounds ?? {}).map(([channel, b]) => ({
      name: `channel ${channel}`,
      channels: cells.filter((c) => c.channel === channel).map(name),
      ...money(b, current((c) => c.channel === channel)),
    })),
    ...Object.entries(options.geoBounds ?? {}).map(([geo, b]) => ({
      name: `geo ${geo}`,
      channels: cells.filter((c) => c.geo === geo).map(name),
      ...money(b, current((c) => c.geo === geo)),
    })),
  ];
  const solution = optimizeBudget(
    cells.map((c) => ({ name: name(c), currentSpend: c.currentSpend, response: c.response })),
    {
      ...solver,
      groups,
      ...(options.cellBound ? { defaultBound: options.cellBound } : {}),
    },
  );
  return new GeoAllocation(
    level,
    cells.map((c) => cellSplit(c, solution.allocation[name(c)]!)),
    solution,
  );
}

function cellSplit(c: GeoCellResponse, spend: number): GeoCellSplit {
  return {
    geo: c.geo,
    channel: c.channel,
    currentSpend: c.currentSpend,
    optimalSpend: spend,
    currentResponse: c.response(c.currentSpend),
    optimalResponse: c.response(spend),
  };
}
