/**
 * Elasticities of the KPI with respect to media spend, price, promotions and other controls, for
 * any {@link FittedModel}.
 *
 * The arc elasticity at the mean scales one variable by (1 ± δ) on every row, sums the model's
 * predictions Ŷ₊ and Ŷ₋, and takes the log ratio
 *
 *   E = ln(Ŷ₊ / Ŷ₋) / ln((1 + δ) / (1 − δ)),
 *
 * the arc (log-midpoint) form of d ln Y / d ln X (Allen & Lerner 1934, "The concept of arc
 * elasticity of demand", Rev. Econ. Stud. 1(3)). For a constant-elasticity model Y = A·X^β it
 * equals β exactly; for a linear model it tends to β·X̄/Ȳ as δ → 0. Media are scaled through
 * their adstock and saturation, as the model sees them. For log-log models the table also lists
 * the raw coefficient, which is the elasticity where the regressor enters as a log.
 *
 * Intervals: with posterior draws, the equal-tailed interval of the draws' elasticities; without,
 * the delta method holding the mean prediction fixed — E scales with the coefficient, so its
 * interval is E·[lower, upper] / estimate of the coefficient's own interval (the model's level).
 *
 * @module
 */
import type { FittedModel, MmmData, ParameterRow } from "../types.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { type Cell, type Table, table } from "../display/table.ts";
import { quantileSorted } from "../_internal/quantile.ts";

/** One variable's elasticity. */
export interface Elasticity {
  /** Channel or control name. */
  readonly variable: string;
  /** Whether it is a media channel (spend is scaled) or a control (values are scaled). */
  readonly group: "media" | "control";
  /** Arc elasticity at the mean (posterior mean with draws). */
  readonly elasticity: number;
  /** Lower interval end, when the model gives uncertainty. */
  readonly lower: number | undefined;
  /** Upper interval end, when the model gives uncertainty. */
  readonly upper: number | undefined;
  /** The model coefficient, for log-log models (the elasticity of a logged regressor). */
  readonly coefficient: number | undefined;
  /** How the interval was made. */
  readonly interval: "posterior" | "delta" | "none";
}

/** Options of {@link elasticities}. */
export interface ElasticityOptions {
  /** Channels and controls to report. @default every channel and control of the model's spec */
  readonly variables?: readonly string[];
  /** Relative change δ of the arc, in (0, 1). @default 0.01 */
  readonly delta?: number;
  /** Interval level for posterior draws. @default 0.9 */
  readonly level?: number;
  /** At most this many posterior draws are used (evenly spaced). @default 200 */
  readonly maxDraws?: number;
}

/** Elasticities of a model: a table that shows itself in Jupyter and has `toJSON()`. */
export class ElasticityResult {
  /** One row per variable. */
  readonly rows: readonly Elasticity[];
  /** The δ of the arc. */
  readonly delta: number;
  /** Interval level of posterior intervals. */
  readonly level: number;

  /** Wraps computed elasticities; made by {@link elasticities}. */
  constructor(rows: readonly Elasticity[], delta: number, level: number) {
    this.rows = rows;
    this.delta = delta;
    this.level = level;
  }

  /** The elasticity of one variable. */
  get(variable: string): Elasticity {
    const row = this.rows.find((r) => r.variable === variable);
    if (row === undefined) {
      throw new RangeError(`Cannot find elasticity: no variable "${variable}"`);
    }
    return row;
  }

  /** The elasticities as a table. */
  toTable(): Table {
    const rows: Record<string, Cell>[] = this.rows.map((r) => ({
      variable: r.variable,
      group: r.group,
      elasticity: r.elasticity,
      lower: r.lower,
      upper: r.upper,
      "log-log coefficient": r.coefficient,
      interval: r.interval,
    }));
    return table(rows, {
      caption: `Arc elasticities at the mean (±${this.delta * 100}% change)`,
    });
  }

  /** A plain JSON form. */
  toJSON(): { delta: number; level: number; rows: readonly Elasticity[] } {
    return { delta: this.delta, level: this.level, rows: this.rows };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }

  /** `"ElasticityResult"`. */
  get [Symbol.toStringTag](): string {
    return "ElasticityResult";
  }
}

/**
 * Arc elasticities at the mean of the KPI with respect to each channel's spend and each control.
 *
 * @throws {RangeError} when δ or the level is out of range, or a variable is not a channel or
 * control of the model's data.
 *
 * @example A constant-elasticity model gives back its exponent
 * ```ts
 * import type { FittedModel, MmmData } from "mixlab";
 * import { elasticities } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * const data: MmmData = {
 *   dates: ["2024-01-01", "2024-01-08"], kpiKind: "revenue",
 *   kpi: { name: "sales", values: new Float64Array([3, 4]) },
 *   channels: [], controls: [{ name: "price", values: new Float64Array([2, 3]) }],
 * };
 * // sales = 10 · price^-1.5
 * const predict = (d: MmmData) => d.controls[0]!.values.map((p) => 10 * p ** -1.5);
 * const fit = {
 *   kind: "toy", data, nDraws: 0, parameters: [], diagnostics: [], fitted: predict(data),
 *   spec: { channels: [], controls: ["price"], specification: "linear",
 *     baseline: { yearlyFourier: 0, trend: "none", events: {} } },
 *   predict, decompose: () => { throw new Error("unused"); }, toJSON: () => ({}),
 *   transformParams: () => [],
 * } as FittedModel;
 * assert.ok(Math.abs(elasticities(fit).get("price").elasticity + 1.5) < 1e-12);
 * ```
 */
export function elasticities(fit: FittedModel, options: ElasticityOptions = {}): ElasticityResult {
  const delta = options.delta ?? 0.01;
  if (!(delta > 0 && delta < 1)) {
    throw new RangeError(`Cannot compute elasticities: delta must be in (0, 1), got ${delta}`);
  }
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot compute elasticities: level must be in (0, 1), got ${level}`);
  }
  const maxDraws = options.maxDraws ?? 200;
  if (!Number.isInteger(maxDraws) || maxDraws < 1) {
    throw new RangeError(
      `Cannot compute elasticities: maxDraws must be a positive integer, got ${maxDraws}`,
    );
  }
  const data = fit.data;
  const variables = options.variables ??
    [...fit.spec.channels.map((c) => c.name), ...fit.spec.controls];
  const logRatio = Math.log((1 + delta) / (1 - delta));
  const draws = drawIndices(fit.nDraws, maxDraws);
  const rows = variables.map((variable): Elasticity => {
    const group = groupOf(data, variable);
    const up = scaled(data, variable, group, 1 + delta);
    const down = scaled(data, variable, group, 1 - delta);
    const arc = (draw?: number) => {
      const o = draw === undefined ? {} : { draw };
      return Math.log(sum(fit.predict(up, o)) / sum(fit.predict(down, o))) / logRatio;
    };
    const coefficient = fit.spec.specification === "log-log"
      ? fit.parameters.find((p) => p.name === variable)?.estimate
      : undefined;
    if (draws.length > 0) {
      const values = Float64Array.from(draws, (d) => arc(d));
      const sorted = Float64Array.from(values).sort();
      const tail = (1 - level) / 2;
      return {
        variable,
        group,
        elasticity: sum(values) / values.length,
        lower: quantileSorted(sorted, tail),
        upper: quantileSorted(sorted, 1 - tail),
        coefficient,
        interval: "posterior",
      };
    }
    const e = arc();
    const param = fit.parameters.find((p) => p.name === variable);
    const [lower, upper] = deltaInterval(e, param);
    return {
      variable,
      group,
      elasticity: e,
      lower,
      upper,
      coefficient,
      interval: lower === undefined ? "none" : "delta",
    };
  });
  return new ElasticityResult(rows, delta, level);
}

function groupOf(data: MmmData, name: string): "media" | "control" {
  if (data.channels.some((c) => c.name === name)) return "media";
  if (data.controls.some((c) => c.name === name)) return "control";
  throw new RangeError(
    `Cannot compute elasticities: "${name}" is not a channel or control of the data`,
  );
}

function scaled(data: MmmData, name: string, group: "media" | "control", k: number): MmmData {
  if (group === "media") {
    return {
      ...data,
      channels: data.channels.map((c) =>
        c.name === name ? { ...c, spend: c.spend.map((v) => v * k) } : c
      ),
    };
  }
  return {
    ...data,
    controls: data.controls.map((c) =>
      c.name === name ? { name: c.name, values: c.values.map((v) => v * k) } : c
    ),
  };
}

function deltaInterval(
  e: number,
  param: ParameterRow | undefined,
): [number | undefined, number | undefined] {
  if (param?.lower === undefined || param.upper === undefined || param.estimate === 0) {
    return [undefined, undefined];
  }
  const a = e * param.lower / param.estimate, b = e * param.upper / param.estimate;
  return [Math.min(a, b), Math.max(a, b)];
}

function drawIndices(nDraws: number, maxDraws: number): number[] {
  if (nDraws <= 0) return [];
  const m = Math.min(nDraws, maxDraws);
  return Array.from({ length: m }, (_, i) => Math.floor((i * nDraws) / m));
}

function sum(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return s;
}
