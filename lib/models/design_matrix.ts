/**
 * The design matrix of a linear MMM, built the same way for training and for new data.
 *
 * Columns, in this order (the intercept is handled by the estimators, not stored as a column):
 * 1. media: `saturation(adstock(spend / scale) / gain)` per channel of the spec; `scale` is the spec's,
 *    or the mean training spend (stored in the basis);
 * 2. controls, as given;
 * 3. the baseline features of `lib/features`, in their registry's order (`BASELINE_FEATURES`),
 *    measured on the training frame (first date, span and row period of the training data,
 *    and what features learned from it: a categorical's levels, a Box-Cox λ, the mean total
 *    spend). Besides the three below: calendar dummies, Box-Cox controls, categoricals, fixed
 *    effects, event-type flags, lags (continued from a history), interactions, share of voice,
 *    total spend and on-air terms; columns that belong to a channel have its name as term:
 *
 * - trend: `t` (and `t²` for quadratic), where `t` = days since the first training date divided
 *   by the training span in days, so training runs 0 → 1 and later dates extrapolate;
 * - yearly seasonality: `sin(2πk·d/365.25)`, `cos(2πk·d/365.25)` for k = 1..K, where d = days
 *   since 1 January of the row's year;
 * - events: 1 when an event date falls in `[row date, row date + period)`, where the period is
 *   the row spacing of the training data in days (7 for weekly data), else 0.
 *
 * For the log-log specification the response is `log(KPI)`; media columns still come from the
 * spec's saturation, which defaults to log1p there.
 *
 * Panel data (a `geo` label per row, rows sorted by geo then date) is adstocked within each geo.
 * History rows passed for prediction carry adstock only: the series `history ++ data` is
 * transformed and the history rows dropped (per geo, matched by label).
 *
 * @module
 */
import { ConfigError, FitError, MmmDataError } from "../errors.ts";
import type { ChannelSpec, MmmData, ModelSpec, TermGroup } from "../types.ts";
import { saturationInput } from "../transforms/apply_channel.ts";
import { getTransform } from "../transforms/registry.ts";
import { fromColumns } from "../_internal/linalg.ts";
import { epochDay } from "../dates.ts";
import { rowBlocks } from "../mmm_data.ts";
import { featureFrame } from "../features/feature.ts";
import { baselineColumns, learnBaseline } from "../features/baseline.ts";

/** Everything needed to build the same columns for new data. */
export interface DesignBasis {
  /** The spec, with every channel's `scale` filled in. */
  readonly spec: ModelSpec;
  /** First training date (ISO). */
  readonly origin: string;
  /** Days from the first to the last training date (at least 1). */
  readonly spanDays: number;
  /** Row spacing of the training data in days (smallest positive gap; 1 if unknown). */
  readonly periodDays: number;
  /** What the spec's features learned from the training rows (levels, λ …), by feature key. */
  readonly learned: Readonly<Record<string, unknown>>;
}

/** One column of a design matrix. */
export interface DesignColumn {
  /** Column name: channel, control or event name, `"trend"`, `"trend^2"`, `"sin1"`, `"cos1"` … */
  readonly name: string;
  /** The decomposition term it adds to: channel/control/event name, `"trend"`, `"seasonality"`. */
  readonly term: string;
  /** The term's group. */
  readonly group: Exclude<TermGroup, "intercept">;
  /**
   * For a column several terms share (total spend): its split by term, adding up to the
   * column; a linear model credits coefficient × part to each part's term instead of `term`.
   */
  readonly parts?: readonly { readonly term: string; readonly values: Float64Array }[];
}

/** A built design: columns, the row-major matrix of them, and the response. */
export interface DesignMatrix {
  /** Column descriptions, in column order. */
  readonly columns: readonly DesignColumn[];
  /** The columns' values, one array per column. */
  readonly values: readonly Float64Array[];
  /** The same values as an n×p row-major matrix: `data[i * cols + j]` is row i, column j. */
  readonly x: { readonly rows: number; readonly cols: number; readonly data: Float64Array };
  /** The response: KPI (linear) or log KPI (log-log); absent when not asked for. */
  readonly y?: Float64Array;
}

function mean(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return s / v.length;
}

function channelOf(data: MmmData, name: string, key: string): Float64Array {
  const c = data.channels.find((ch) => ch.name === name);
  if (c === undefined) {
    throw new ConfigError(`Cannot build design: channel "${name}" is not in the data`, {
      key,
      channel: name,
      hint: `data channels are ${data.channels.map((ch) => `"${ch.name}"`).join(", ")}`,
    });
  }
  return c.spend;
}

function controlOf(data: MmmData, name: string, key: string): Float64Array {
  const c = data.controls.find((s) => s.name === name);
  if (c === undefined) {
    throw new ConfigError(`Cannot build design: control "${name}" is not in the data`, {
      key,
      column: name,
      hint: `data controls are ${data.controls.map((s) => `"${s.name}"`).join(", ") || "none"}`,
    });
  }
  return c.values;
}

/**
 * Fixes what the design needs from the training data: channel scales (mean training spend
 * where the spec has none), the trend origin and span, and the row period.
 *
 * @throws {FitError} when a channel without a scale has zero total spend in the training data.
 * @throws {ConfigError} when a channel or control of the spec is not in the data.
 *
 * @example Scales default to the mean training spend
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { designBasis } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([5, 6, 7]) },
 *   channels: [{ name: "tv", spend: new Float64Array([1, 2, 6]) }], controls: [],
 * };
 * const basis = designBasis(data, defineModelSpec({ channels: ["tv"] }));
 * assert.equal(basis.spec.channels[0]?.scale, 3);
 * assert.equal(basis.spanDays, 14);
 * assert.equal(basis.periodDays, 7);
 * ```
 */
export function designBasis(train: MmmData, spec: ModelSpec): DesignBasis {
  const n = train.dates.length;
  if (n === 0) {
    throw new MmmDataError("Cannot build design: the training data has no rows");
  }
  const channels = spec.channels.map((c): ChannelSpec => {
    if (c.scale !== undefined) {
      channelOf(train, c.name, `channels.${c.name}`);
      return c;
    }
    const m = mean(channelOf(train, c.name, `channels.${c.name}`));
    if (!(m > 0)) {
      throw new FitError(`Cannot fit model: channel "${c.name}" has zero total spend`, {
        channel: c.name,
        hint: "drop the channel from the spec or give it an explicit scale",
      });
    }
    return { ...c, scale: m };
  });
  spec.controls.forEach((c, i) => controlOf(train, c, `controls.${i}`));
  const frame = featureFrame(train.dates);
  const origin = train.dates[train.dates.map(epochDay).indexOf(frame.origin)] as string;
  const learned = learnBaseline(spec.baseline, train, spec.channels.map((c) => c.name));
  return Object.freeze({
    learned: Object.freeze(learned),
    spec: Object.freeze({
      ...spec,
      channels: Object.freeze(channels.map((c) => Object.freeze(c))),
    }),
    origin,
    spanDays: frame.spanDays,
    periodDays: frame.periodDays,
  });
}

/**
 * A channel's media column for `data`: `saturation(adstock(spend / scale) / gain)` (see
 * `saturationInput` in transforms), adstocked within each geo and carried over from `history`
 * when given.
 */
export function mediaColumn(
  data: MmmData,
  channel: ChannelSpec,
  options: Pick<DesignMatrixOptions, "history"> = {},
): Float64Array {
  const spend = channelOf(data, channel.name, `channels.${channel.name}`);
  const col = new Float64Array(spend.length);
  const history = options.history;
  const hSpend = history ? channelOf(history, channel.name, `history.${channel.name}`) : undefined;
  const hBlocks = history ? rowBlocks(history) : [];
  for (const b of rowBlocks(data)) {
    const hb = hBlocks.find((h) => h.label === b.label);
    const h = hb !== undefined && hSpend !== undefined
      ? hSpend.subarray(hb.start, hb.end)
      : undefined;
    col.set(
      saturationInput(spend.subarray(b.start, b.end), channel, h ? { history: h } : {}),
      b.start,
    );
  }
  const sat = getTransform(channel.saturation.kind, { family: "saturation" });
  return sat.apply(col, channel.saturation.params, col);
}

/** Options of {@link designMatrix}. */
export interface DesignMatrixOptions {
  /** Rows preceding `data` (same channels); adstock carries over from them. @default undefined */
  readonly history?: MmmData;
  /** Also build the response (set false for prediction, where the KPI is unknown). @default true */
  readonly response?: boolean;
}

/**
 * Builds the design columns and response for `data` on a basis from {@link designBasis}.
 *
 * @throws {MmmDataError} for the log-log specification when the KPI is not positive.
 *
 * @example Media, trend and two seasonal columns
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { designBasis, designMatrix } from "mixlab/models";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([5, 6, 7]) },
 *   channels: [{ name: "tv", spend: new Float64Array([1, 2, 6]) }], controls: [],
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 1 } });
 * const d = designMatrix(data, designBasis(data, spec));
 * assert.deepEqual(d.columns.map((c) => c.name), ["tv", "trend", "sin1", "cos1"]);
 * assert.deepEqual(Array.from(d.values[1] ?? []), [0, 0.5, 1]);
 * ```
 */
export function designMatrix(
  data: MmmData,
  basis: DesignBasis,
  options: DesignMatrixOptions = {},
): DesignMatrix {
  const spec = basis.spec;
  const columns: DesignColumn[] = [], values: Float64Array[] = [];
  const history = options.history;
  for (const c of spec.channels) {
    columns.push({ name: c.name, term: c.name, group: "media" });
    values.push(mediaColumn(data, c, history ? { history } : {}));
  }
  spec.controls.forEach((name, i) => {
    columns.push({ name, term: name, group: "control" });
    values.push(Float64Array.from(controlOf(data, name, `controls.${i}`)));
  });
  const built = new Map<string, Float64Array>();
  columns.forEach((c, j) => built.set(c.name, values[j] as Float64Array));
  const baseline = baselineColumns(spec.baseline, {
    data,
    days: data.dates.map(epochDay),
    frame: {
      origin: epochDay(basis.origin),
      spanDays: basis.spanDays,
      periodDays: basis.periodDays,
      learned: basis.learned,
    },
    columns: built,
    ...(history ? { history } : {}),
    ...(history && spec.baseline.lags ? { historyColumns: historyColumns(history, spec) } : {}),
  });
  for (const { values: v, ...column } of baseline) {
    columns.push(column);
    values.push(v);
  }
  const x = fromColumns(values);
  return options.response === false ? { columns, values, x } : {
    columns,
    values,
    x,
    y: response(data, spec),
  };
}

/** Each channel's media column and each control for the history rows (for lags). */
function historyColumns(history: MmmData, spec: ModelSpec): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const c of spec.channels) out.set(c.name, mediaColumn(history, c));
  spec.controls.forEach((name, i) => out.set(name, controlOf(history, name, `history.${i}`)));
  return out;
}

function response(data: MmmData, spec: ModelSpec): Float64Array {
  const kpi = data.kpi.values;
  if (spec.specification === "linear") return Float64Array.from(kpi);
  const bad: number[] = [];
  const y = kpi.map((v, i) => {
    if (!(v > 0) && bad.length < 5) bad.push(i);
    return Math.log(v);
  });
  if (bad.length > 0) {
    throw new MmmDataError(
      `Cannot build design: KPI "${data.kpi.name}" must be positive for the log-log specification`,
      {
        column: data.kpi.name,
        rows: bad,
        dates: bad.map((i) => data.dates[i] as string),
        hint: 'use the "linear" specification or remove the non-positive rows',
      },
    );
  }
  return y;
}
