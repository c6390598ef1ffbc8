/**
 * What the guardrails measure on a fitted model: returns and shares, how flat each media column
 * is, how much of its effect lies below the lowest observed input, and its R² on the baseline.
 *
 * @module
 */
import { sum } from "../_internal/array.ts";
import { applySaturation, saturationInput } from "../transforms/apply_channel.ts";
import type { FittedModel, MmmData } from "../types.ts";
import type { GuardrailLimits } from "./limits.ts";

/** What the guardrails measure on one channel. */
export interface ChannelMeasures {
  /** Channel name. */
  readonly channel: string;
  /** Spend over the rows. */
  readonly spend: number;
  /** Contribution over the rows, in KPI units. */
  readonly contribution: number;
  /** Contribution per unit of spend. */
  readonly roas: number;
  /** Share of all media contribution. */
  readonly effectShare: number;
  /** Share of all media spend. */
  readonly spendShare: number;
  /** CV of the media column over CV of the saturation input (1 for a linear curve). */
  readonly flatness: number;
  /**
   * Share of the contribution credited in every week at least at its lowest week's level: the
   * part below the lowest observed saturation input (see {@link extrapolationShare}).
   */
  readonly extrapolation: number;
  /** R² of the media column on the model's baseline terms. */
  readonly baselineR2: number;
  /** Lower end of the ROAS interval, where the model has one. */
  readonly roasLower?: number;
  /** Upper end of the ROAS interval, where the model has one. */
  readonly roasUpper?: number;
}

/** What the guardrails measure on a model. */
export interface GuardrailMeasures {
  /** Revenue or conversions. */
  readonly kpiKind: MmmData["kpiKind"];
  /** Rows measured. */
  readonly rows: number;
  /** Weeks (rows) whose baseline is negative. */
  readonly negativeBaselineRows: number;
  /** Paid media's share of the predicted KPI. */
  readonly mediaShare: number;
  /** One entry per channel, in the model's order. */
  readonly channels: readonly ChannelMeasures[];
}

/** Options of {@link guardrails} and {@link measureGuardrails}. */
export interface GuardrailOptions {
  /** Limits; missing fields take {@link DEFAULT_GUARDRAIL_LIMITS}. @default {} */
  readonly limits?: Partial<GuardrailLimits>;
  /**
   * ROAS intervals per channel (from posterior draws or the bootstrap), in the model's channel
   * order; `share-mismatch` needs them. @default undefined (not checked)
   */
  readonly intervals?: readonly { readonly lower?: number; readonly upper?: number }[];
}

/** Coefficient of variation (population sd over mean); 0 for a zero mean. */
function cv(x: Float64Array): number {
  const n = x.length, m = sum(x) / n;
  let v = 0;
  for (let t = 0; t < n; t++) v += ((x[t] as number) - m) ** 2;
  return m === 0 ? 0 : Math.sqrt(v / n) / Math.abs(m);
}

/**
 * Share of a media column's total that lies below its smallest value: `min(h) / mean(h)`, the
 * part of the contribution credited at inputs below any observed one (0 when the column is 0 in
 * some row, 1 when it is constant).
 *
 * @example A column that never drops below 80% of its mean
 * ```ts
 * import { extrapolationShare } from "mixlab/guardrails";
 * import assert from "node:assert/strict";
 * assert.equal(extrapolationShare(new Float64Array([0.8, 1, 1.2])), 0.8);
 * assert.equal(extrapolationShare(new Float64Array([0, 1, 2])), 0);
 * ```
 */
export function extrapolationShare(column: Float64Array): number {
  let min = Infinity;
  for (let t = 0; t < column.length; t++) min = Math.min(min, column[t] as number);
  const m = sum(column) / column.length;
  return m > 0 ? Math.max(0, min) / m : 0;
}

/**
 * How much of its input's relative variation a saturation curve keeps: `CV(h) / CV(u)`. It is
 * about the curve's elasticity at typical inputs: 1 for a line through 0, below 0.25 for a curve
 * so saturated that the column is nearly constant.
 *
 * @example A line keeps all of it; a saturated Hill curve almost none
 * ```ts
 * import { columnFlatness } from "mixlab/guardrails";
 * import { hillSaturation } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const u = new Float64Array([0.6, 0.8, 1, 1.2, 1.4]);
 * assert.ok(Math.abs(columnFlatness(u, u.map((v) => 3 * v)) - 1) < 1e-12);
 * const h = hillSaturation(u, { halfSaturation: 0.2, shape: 3 });
 * assert.ok(columnFlatness(u, h) < 0.05);
 * ```
 */
export function columnFlatness(input: Float64Array, column: Float64Array): number {
  const cu = cv(input);
  return cu > 0 ? cv(column) / cu : 1;
}

/** R² of `y` on the columns `xs` (with an intercept), by modified Gram–Schmidt. */
function rSquared(y: Float64Array, xs: readonly Float64Array[]): number {
  const n = y.length;
  const center = (v: Float64Array): Float64Array => {
    const m = sum(v) / n;
    return v.map((x) => x - m);
  };
  const yc = center(y);
  const yy = sum(yc.map((v) => v * v));
  if (!(yy > 0)) return 0;
  const basis: Float64Array[] = [];
  for (const x of xs) {
    const q = center(x);
    const norm0 = Math.sqrt(sum(q.map((v) => v * v)));
    for (const b of basis) {
      let d = 0;
      for (let t = 0; t < n; t++) d += (q[t] as number) * (b[t] as number);
      for (let t = 0; t < n; t++) q[t] = (q[t] as number) - d * (b[t] as number);
    }
    const norm = Math.sqrt(sum(q.map((v) => v * v)));
    if (norm > 1e-9 * (norm0 + 1e-300)) basis.push(q.map((v) => v / norm));
  }
  let explained = 0;
  for (const b of basis) {
    let d = 0;
    for (let t = 0; t < n; t++) d += (yc[t] as number) * (b[t] as number);
    explained += d * d;
  }
  return Math.min(1, explained / yy);
}

/**
 * Measures what the guardrails check on a fitted model's training rows: the decomposition's
 * baseline and media share, and per channel its returns, shares, and how its media column
 * (rebuilt from the model's spec) varies and relates to the baseline terms.
 */
export function measureGuardrails(
  fit: FittedModel,
  options: GuardrailOptions = {},
): GuardrailMeasures {
  const data = fit.data;
  const d = fit.decompose(data);
  const n = data.dates.length;
  const baselineTerms = d.terms.filter((t) => t.group !== "media");
  let negative = 0, mediaTotal = 0;
  for (let t = 0; t < n; t++) {
    let b = 0;
    for (const term of baselineTerms) b += term.values[t] as number;
    if (b < 0) negative++;
  }
  const fittedTotal = sum(d.fitted);
  const terms = fit.spec.channels.map((ch) =>
    d.terms.find((t) => t.group === "media" && t.name === ch.name)?.values
  );
  const media = terms.map((term) => {
    const contribution = term ? sum(term) : 0;
    mediaTotal += contribution;
    return contribution;
  });
  const spends = fit.spec.channels.map((ch) =>
    sum(data.channels.find((c) => c.name === ch.name)?.spend ?? new Float64Array(n))
  );
  const spendTotal = sum(spends);
  const regressors = baselineTerms.filter((t) => t.group !== "intercept").map((t) => t.values);
  const channels = fit.spec.channels.map((ch, j): ChannelMeasures => {
    const spend = data.channels.find((c) => c.name === ch.name)?.spend ?? new Float64Array(n);
    const u = saturationInput(spend, ch);
    const h = applySaturation(u, ch.saturation);
    const term = terms[j];
    const interval = options.intervals?.[j];
    const contribution = media[j] as number, s = spends[j] as number;
    return {
      channel: ch.name,
      spend: s,
      contribution,
      roas: s > 0 ? contribution / s : 0,
      effectShare: mediaTotal !== 0 ? contribution / mediaTotal : 0,
      spendShare: spendTotal > 0 ? s / spendTotal : 0,
      flatness: columnFlatness(u, h),
      // measured on the contribution the model reports, which for a bagged model (or a
      // posterior mean) averages curves other than the one in its spec
      extrapolation: extrapolationShare(term ? term.map(Math.abs) : h),
      baselineR2: regressors.length > 0 ? rSquared(h, regressors) : 0,
      ...(interval?.lower === undefined ? {} : { roasLower: interval.lower }),
      ...(interval?.upper === undefined ? {} : { roasUpper: interval.upper }),
    };
  });
  return {
    kpiKind: data.kpiKind,
    rows: n,
    negativeBaselineRows: negative,
    mediaShare: fittedTotal !== 0 ? mediaTotal / fittedTotal : 0,
    channels,
  };
}
