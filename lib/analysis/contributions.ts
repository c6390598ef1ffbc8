/**
 * Contributions: how much of the KPI each channel, control, trend, seasonality and the baseline
 * explain, week by week and in total, and each channel's effect share against its spend share.
 * A model's own `fit.decompose(data)` gives the weekly terms ({@link Decomposition});
 * {@link contributions} adds the actual KPI, the totals and the shares.
 *
 * @module
 */
import { sum } from "../_internal/array.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { Table } from "../display/table.ts";
import type { Decomposition, FittedModel, MmmData, Term, TermGroup } from "../types.ts";

/** One term's total over the period. */
export interface TermTotal {
  /** Term name (channel, control, `"intercept"`, …). */
  readonly name: string;
  /** Its group. */
  readonly group: TermGroup;
  /** Sum over the rows, in KPI units. */
  readonly total: number;
  /** Total as a share of the summed prediction. */
  readonly share: number;
}

/** A channel's effect against its spend (Robyn's "share of spend vs share of effect"). */
export interface ChannelShare {
  /** Channel name. */
  readonly channel: string;
  /** Total spend over the period. */
  readonly spend: number;
  /** Total contribution over the period, in KPI units. */
  readonly contribution: number;
  /** Contribution as a share of all media contribution. */
  readonly effectShare: number;
  /** Spend as a share of all media spend. */
  readonly spendShare: number;
}

/** Options of {@link contributions}. */
export interface ContributionsOptions {
  /** Rows to decompose. @default the model's training data */
  readonly data?: MmmData;
  /** Posterior draw (Bayesian fits). @default the posterior mean */
  readonly draw?: number;
}

/**
 * A model's {@link Decomposition} with the actual KPI, each term's total and share, and each
 * channel's effect share against its spend share; it shows itself as a table in Jupyter.
 *
 * @example Totals per term
 * ```ts
 * import { contributions, type Contributions, defineModelSpec, fitRidge } from "mixlab";
 * import assert from "node:assert/strict";
 * // sales = 10 + 4 · tv spend, no carryover, no saturation: every unit of tv returns 4
 * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{
 *     name: "tv",
 *     adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" },
 *   }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
 * const d: Contributions = contributions(fit);
 * near(d.totals.find((t) => t.name === "tv")!.total, 4 * 15);
 * ```
 */
export class Contributions implements Decomposition {
  /** Row dates. */
  readonly dates: readonly string[];
  /** Additive terms per row, in KPI units. */
  readonly terms: readonly Term[];
  /** The prediction (sum of the terms). */
  readonly fitted: Float64Array;
  /** The actual KPI of the rows. */
  readonly actual: Float64Array;
  /** Totals per term, in the model's term order. */
  readonly totals: readonly TermTotal[];
  /** Effect share against spend share, per channel. */
  readonly channels: readonly ChannelShare[];

  /** Builds the result from a model's decomposition of `data`; prefer {@link contributions}. */
  constructor(data: MmmData, terms: readonly Term[], fitted: Float64Array) {
    this.dates = data.dates;
    this.terms = terms;
    this.fitted = fitted;
    this.actual = data.kpi.values;
    const fittedTotal = sum(fitted);
    this.totals = terms.map((t) => {
      const total = sum(t.values);
      return { name: t.name, group: t.group, total, share: total / fittedTotal };
    });
    const media = this.totals.filter((t) => t.group === "media");
    const mediaTotal = media.reduce((a, t) => a + t.total, 0);
    const spendTotal = data.channels.reduce((a, c) => a + sum(c.spend), 0);
    this.channels = media.map((t) => {
      const spend = sum(data.channels.find((c) => c.name === t.name)?.spend ?? new Float64Array());
      return {
        channel: t.name,
        spend,
        contribution: t.total,
        effectShare: mediaTotal === 0 ? 0 : t.total / mediaTotal,
        spendShare: spendTotal === 0 ? 0 : spend / spendTotal,
      };
    });
  }

  /** Everything that is not paid media, per row: the baseline. */
  baseline(): Float64Array {
    const out = new Float64Array(this.dates.length);
    for (const t of this.terms) {
      if (t.group === "media") continue;
      for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (t.values[i] as number);
    }
    return out;
  }

  /** The totals as a table (term, group, total, share of KPI). */
  toTable(): Table {
    return new Table(
      this.totals.map((t) => ({
        term: t.name,
        group: t.group,
        total: t.total,
        "share of KPI": t.share,
      })),
      { caption: "Decomposition of the predicted KPI over the period" },
    );
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return {
      dates: this.dates,
      terms: this.terms.map((t) => ({
        name: t.name,
        group: t.group,
        values: Array.from(t.values),
      })),
      totals: this.totals,
      channels: this.channels,
    };
  }

  /** Shows the totals table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Each term's contribution to a fitted model's prediction, week by week and in total, with
 * shares and each channel's effect share against its spend share.
 *
 * @example tv's total is 4 × its spend; the intercept 10 a week
 * ```ts
 * import { contributions, defineModelSpec, fitRidge } from "mixlab";
 * import assert from "node:assert/strict";
 * // sales = 10 + 4 · tv spend, no carryover, no saturation: every unit of tv returns 4
 * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{
 *     name: "tv",
 *     adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" },
 *   }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
 * const d = contributions(fit);
 * near(d.totals.find((t) => t.name === "tv")!.total, 4 * 15);
 * near(d.totals.find((t) => t.name === "intercept")!.total, 10 * 6);
 * near(d.channels[0]!.effectShare, 1);
 * ```
 */
export function contributions(
  fit: FittedModel,
  options: ContributionsOptions = {},
): Contributions {
  const data = options.data ?? fit.data;
  const d = options.draw === undefined
    ? fit.decompose(data)
    : fit.decompose(data, { draw: options.draw });
  return new Contributions(data, d.terms, d.fitted);
}
