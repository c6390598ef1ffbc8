/**
 * Rolling-window stability of a model's channel effects (seed 004): the model is refitted on
 * windows of consecutive weeks that move through the data, and each channel's ROAS in each
 * window is compared. A channel whose ROAS swings or changes sign from window to window is not
 * pinned down by the data, whatever its full-sample estimate says.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../../display/jupyter.ts";
import { sliceRows } from "../../mmm_data.ts";
import { Table } from "../../display/table.ts";
import type { Diagnostic, FittedModel, MmmData } from "../../types.ts";
import {
  coefficientStability,
  type CoefficientStabilityResult,
  type StabilityRow,
} from "./coefficient_stability.ts";

/** One window's fit. */
export interface RollingWindow {
  /** First week of the window. */
  readonly start: string;
  /** Last week of the window. */
  readonly end: string;
  /** ROAS of each channel in the window (0 where the channel did not spend). */
  readonly roas: Readonly<Record<string, number>>;
}

/** Options of {@link rollingStability}. */
export interface RollingStabilityOptions {
  /** Weeks in each window. @default max(52, half the weeks) */
  readonly windowWeeks?: number;
  /** Weeks the window moves between fits. @default 13 */
  readonly step?: number;
  /** A channel whose ROAS varies by more than this share of its mean gets a warning. @default 0.5 */
  readonly cvThreshold?: number;
}

/** Every window's channel ROAS and a summary per channel; shows itself as the summary table. */
export class RollingStability {
  /** The windows, oldest first. */
  readonly windows: readonly RollingWindow[];
  /** One row per channel: mean, sd, coefficient of variation, range, sign change. */
  readonly summary: readonly StabilityRow[];
  /** `"coefficient-unstable"` warnings. */
  readonly diagnostics: readonly Diagnostic[];

  /** Wraps computed windows; prefer {@link rollingStability}. */
  constructor(windows: readonly RollingWindow[], result: CoefficientStabilityResult) {
    this.windows = windows;
    this.summary = result.summary;
    this.diagnostics = result.diagnostics;
  }

  /** The per-channel summary as a table. */
  toTable(): Table {
    return new Table(
      this.summary.map((s) => ({
        channel: s.name,
        "mean ROAS": s.mean,
        sd: s.sd,
        "variation (sd/mean)": s.cv,
        min: s.min,
        max: s.max,
        "changes sign": s.signChanges ? "yes" : "no",
      })),
      {
        caption: `ROAS in ${this.windows.length} rolling windows (${this.windows[0]?.start} to ${
          this.windows[this.windows.length - 1]?.end
        })`,
      },
    );
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Refits `fitter` on rolling windows of `data` and reports each channel's ROAS per window.
 *
 * @throws {RangeError} When the window is longer than the data.
 *
 * @example Two channels with steady effects
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { rollingStability } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const n = 80;
 * const tv = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 5));
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
 * const r = rollingStability(data, (d) => fitRidge(d, spec, { lambda: 0 }), { windowWeeks: 40, step: 20 });
 * assert.equal(r.windows.length, 3);
 * assert.ok(Math.abs(r.summary[0]!.mean - 2) < 1e-9);
 * ```
 */
export function rollingStability(
  data: MmmData,
  fitter: (rows: MmmData) => FittedModel,
  options: RollingStabilityOptions = {},
): RollingStability {
  const n = data.dates.length;
  const windowWeeks = options.windowWeeks ?? Math.max(52, Math.floor(n / 2));
  const windows: RollingWindow[] = [];
  const result = coefficientStability(n, (rows) => {
    const part = sliceRows(data, rows.start, rows.end);
    const fit = fitter(part);
    const terms = fit.decompose(part).terms;
    const roas: Record<string, number> = {};
    for (const c of part.channels) {
      if (!fit.spec.channels.some((s) => s.name === c.name)) continue;
      const term = terms.find((t) => t.group === "media" && t.name === c.name);
      let contribution = 0, spend = 0;
      for (const v of term?.values ?? []) contribution += v;
      for (const v of c.spend) spend += v;
      roas[c.name] = spend > 0 ? contribution / spend : 0;
    }
    windows.push({
      start: part.dates[0] as string,
      end: part.dates[part.dates.length - 1] as string,
      roas,
    });
    return roas;
  }, {
    windowSize: windowWeeks,
    step: options.step ?? 13,
    ...(options.cvThreshold === undefined ? {} : { cvThreshold: options.cvThreshold }),
  });
  return new RollingStability(windows, result);
}
