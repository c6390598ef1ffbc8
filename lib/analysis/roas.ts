/**
 * Returns per channel: ROAS (contribution per unit of spend), marginal ROAS at the current spend,
 * CPA for conversion KPIs, with intervals from posterior draws where the model has them.
 *
 * Definitions (over the rows analysed):
 * - contribution_c = Σ_t term_c(t), the channel's decomposition term in KPI units;
 * - ROAS_c = contribution_c / Σ_t spend_c(t); CPA_c = Σ_t spend_c(t) / contribution_c;
 * - mROAS_c = [Σ_t ŷ(spend_c × (1 + δ)) − Σ_t ŷ(spend)] / (δ · Σ_t spend_c(t)), the KPI return of
 *   the next unit of money spent in the same weekly pattern (Meridian's mROI with δ = 0.01,
 *   anchors.md §3d).
 *
 * @module
 */
import { sum } from "../_internal/array.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { quantile } from "../_internal/quantile.ts";
import { scaleSpend } from "../mmm_data.ts";
import { Table } from "../display/table.ts";
import type { FittedModel, MmmData } from "../types.ts";

/** An estimate with an optional interval. */
export interface Estimate {
  /** Point value (posterior mean for Bayesian fits). */
  readonly value: number;
  /** Lower end of the interval, where draws exist. */
  readonly lower?: number;
  /** Upper end of the interval, where draws exist. */
  readonly upper?: number;
}

/** Returns of one channel. */
export interface ChannelReturn {
  /** Channel name. */
  readonly channel: string;
  /** Total spend over the rows. */
  readonly spend: number;
  /** Total contribution, in KPI units. */
  readonly contribution: Estimate;
  /** Contribution per unit of spend. */
  readonly roas: Estimate;
  /** Marginal ROAS at the current spend. */
  readonly mroas: Estimate;
  /** Spend per unit of contribution (for conversion KPIs). */
  readonly cpa: Estimate;
}

/** Options of {@link channelReturns}. */
export interface ChannelReturnsOptions {
  /** Rows to analyse. @default the model's training data */
  readonly data?: MmmData;
  /** Interval probability for Bayesian fits. @default 0.9 */
  readonly level?: number;
  /** Relative spend step of the marginal ROAS. @default 0.01 */
  readonly step?: number;
  /** Most posterior draws to use (evenly spaced). @default 200 */
  readonly maxDraws?: number;
  /**
   * Bootstrap replicates of the model (e.g. from `bootstrapFits` or `bootstrapTune`): the
   * values stay the model's own, the intervals are quantiles over the replicates, each
   * evaluated on the same rows. Takes the place of draws. @default undefined
   */
  readonly replicates?: readonly FittedModel[];
}

/**
 * Returns per channel; shows itself as a table.
 *
 * @example One row per channel
 * ```ts
 * import { type ChannelReturns, channelReturns, defineModelSpec, fitRidge } from "mixlab";
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
 * const returns: ChannelReturns = channelReturns(fit);
 * assert.deepEqual(returns.channels.map((c) => c.channel), ["tv"]);
 * ```
 */
export class ChannelReturns {
  /** One entry per channel, in the model's channel order. */
  readonly channels: readonly ChannelReturn[];
  /** Revenue (ROAS is the headline) or conversions (CPA is). */
  readonly kpiKind: MmmData["kpiKind"];
  /** Interval probability, when intervals exist. */
  readonly level: number | undefined;

  /** Wraps computed returns; prefer {@link channelReturns}. */
  constructor(
    channels: readonly ChannelReturn[],
    kpiKind: MmmData["kpiKind"],
    level: number | undefined,
  ) {
    this.channels = channels;
    this.kpiKind = kpiKind;
    this.level = level;
  }

  /** The returns as a table. */
  toTable(): Table {
    const pct = this.level === undefined ? "" : ` ${Math.round(this.level * 100)}%`;
    const rows = this.channels.map((c) => {
      const row: Record<string, number | string | undefined> = {
        channel: c.channel,
        spend: c.spend,
        contribution: c.contribution.value,
      };
      if (this.kpiKind === "conversions") row.CPA = c.cpa.value;
      row.ROAS = c.roas.value;
      if (this.level !== undefined) {
        row[`ROAS${pct} low`] = c.roas.lower;
        row[`ROAS${pct} high`] = c.roas.upper;
      }
      row.mROAS = c.mroas.value;
      if (this.level !== undefined) {
        row[`mROAS${pct} low`] = c.mroas.lower;
        row[`mROAS${pct} high`] = c.mroas.upper;
      }
      return row;
    });
    return new Table(rows, { caption: "Return on ad spend per channel" });
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return { kpiKind: this.kpiKind, level: this.level, channels: this.channels };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * ROAS, marginal ROAS and CPA of every channel; with intervals when the model has draws.
 *
 * @example A linear channel: ROAS and marginal ROAS are both 4
 * ```ts
 * import { channelReturns, defineModelSpec, fitRidge } from "mixlab";
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
 * const [returns] = channelReturns(fit).channels;
 * near(returns!.roas.value, 4);
 * near(returns!.mroas.value, 4);
 * near(returns!.contribution.value, 60);
 * ```
 */
export function channelReturns(
  fit: FittedModel,
  options: ChannelReturnsOptions = {},
): ChannelReturns {
  const data = options.data ?? fit.data;
  const level = options.level ?? 0.9;
  const step = options.step ?? 0.01;
  const replicates = options.replicates ?? [];
  const draws = replicates.length > 0 ? [] : drawIndices(fit.nDraws, options.maxDraws ?? 200);
  const perDraw = (model: FittedModel, draw: number | undefined) => {
    const opts = draw === undefined ? {} : { draw };
    const d = model.decompose(data, opts);
    const base = sum(d.fitted);
    return fit.spec.channels.map((ch) => {
      const term = d.terms.find((t) => t.group === "media" && t.name === ch.name);
      const contribution = term ? sum(term.values) : 0;
      const bumped = sum(model.predict(scaleSpend(data, { [ch.name]: 1 + step }), opts));
      return { contribution, marginal: bumped - base };
    });
  };
  const samples = replicates.length > 0
    ? replicates.map((r) => perDraw(r, undefined))
    : draws.length > 0
    ? draws.map((i) => perDraw(fit, i))
    : [perDraw(fit, undefined)];
  const point = replicates.length > 0 ? perDraw(fit, undefined) : undefined;
  const channels = fit.spec.channels.map((ch, j): ChannelReturn => {
    const spend = sum(data.channels.find((c) => c.name === ch.name)?.spend ?? new Float64Array());
    const contrib = samples.map((s) => (s[j] as { contribution: number }).contribution);
    const marg = samples.map((s) => (s[j] as { marginal: number }).marginal / (step * spend));
    const p = point?.[j];
    const at = (values: number[], own: number | undefined) =>
      own === undefined ? estimate(values, level) : withValue(estimate(values, level), own);
    return {
      channel: ch.name,
      spend,
      contribution: at(contrib, p?.contribution),
      roas: at(contrib.map((c) => c / spend), p && p.contribution / spend),
      mroas: at(marg, p && p.marginal / (step * spend)),
      cpa: at(contrib.map((c) => spend / c), p && spend / p.contribution),
    };
  });
  const intervals = draws.length > 0 || replicates.length > 1;
  return new ChannelReturns(channels, data.kpiKind, intervals ? level : undefined);
}

/** An interval from replicates around the model's own value. */
function withValue(e: Estimate, value: number): Estimate {
  return e.lower === undefined ? { value } : { value, lower: e.lower, upper: e.upper as number };
}

/** Evenly spaced draw indices, at most `max` of them. */
export function drawIndices(nDraws: number, max: number): number[] {
  if (nDraws <= 0) return [];
  const k = Math.min(nDraws, max);
  return Array.from({ length: k }, (_, i) => Math.floor((i * nDraws) / k));
}

function estimate(values: number[], level: number): Estimate {
  if (values.length === 1) return { value: values[0] as number };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return {
    value: mean,
    lower: quantile(values, (1 - level) / 2),
    upper: quantile(values, 1 - (1 - level) / 2),
  };
}
