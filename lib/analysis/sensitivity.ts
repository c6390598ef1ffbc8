/**
 * Sensitivity of the KPI to what a marketer can move (seed 004's robustness to price and
 * promotion): the model's predicted KPI over a set of weeks when one input changes and the rest
 * stay as they were.
 *
 * - a control (price, distribution …): −x% and +x% in every week;
 * - a promotion (a 0/1 control): off in every week, and on in every week;
 * - a channel: −x% and +x% of its spend in every week (carryover and saturation included).
 *
 * Each change is the difference of two predictions of the same weeks (so the baseline cancels),
 * with an interval from the posterior draws where the model has them.
 *
 * @module
 */
import { sum } from "../_internal/array.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { quantile } from "../_internal/quantile.ts";
import { scaleSpend } from "../mmm_data.ts";
import { Table } from "../display/table.ts";
import { ConfigError } from "../errors.ts";
import type { FittedModel, MmmData } from "../types.ts";
import { drawIndices, type Estimate } from "./roas.ts";

/** The two ends of one input's change and the KPI change at each. */
export interface SensitivityRow {
  /** Channel or control name. */
  readonly name: string;
  /** `channel`, `control` (±x%) or `promotion` (off / on). */
  readonly kind: "channel" | "control" | "promotion";
  /** What the low end is: `"−10%"` or `"off"`. */
  readonly lowLabel: string;
  /** What the high end is: `"+10%"` or `"on"`. */
  readonly highLabel: string;
  /** KPI change over the weeks at the low end (an interval where the model has draws). */
  readonly low: Estimate;
  /** KPI change over the weeks at the high end. */
  readonly high: Estimate;
}

/** Options of {@link sensitivity}. */
export interface SensitivityOptions {
  /** Weeks to predict. @default the model's training data */
  readonly data?: MmmData;
  /** Weeks before `data` (carryover), when `data` is not the training data. @default undefined */
  readonly history?: MmmData;
  /** Relative change of controls and channels. @default 0.1 */
  readonly change?: number;
  /** Controls to move. @default every control the model uses */
  readonly controls?: readonly string[];
  /**
   * Controls switched off and on instead of moved by ±x%. @default the controls holding only 0
   * and 1
   */
  readonly promotions?: readonly string[];
  /** Channels to move. @default every channel */
  readonly channels?: readonly string[];
  /** Interval probability, for models with draws. @default 0.9 */
  readonly level?: number;
  /** Most posterior draws to use. @default 200 */
  readonly maxDraws?: number;
}

/** KPI changes per input; a tornado chart shows them (`plotTornado`). */
export class SensitivityResult {
  /** One row per input, largest swing (high − low) first. */
  readonly rows: readonly SensitivityRow[];
  /** Predicted KPI over the weeks with nothing changed. */
  readonly baseKpi: number;
  /** The relative change applied to controls and channels. */
  readonly change: number;
  /** The interval probability, when the model has draws. */
  readonly level: number | undefined;

  /** Wraps computed rows; prefer {@link sensitivity}. */
  constructor(
    rows: readonly SensitivityRow[],
    baseKpi: number,
    change: number,
    level: number | undefined,
  ) {
    this.rows = rows;
    this.baseKpi = baseKpi;
    this.change = change;
    this.level = level;
  }

  /** The rows as a table (changes in KPI units and in % of the predicted KPI). */
  toTable(): Table {
    const pct = this.level === undefined ? "" : ` ${Math.round(100 * this.level)}%`;
    return new Table(
      this.rows.map((r) => ({
        input: r.name,
        kind: r.kind,
        low: r.lowLabel,
        "KPI change (low)": r.low.value,
        ...(this.level === undefined ? {} : {
          [`low${pct} interval`]: interval(r.low),
        }),
        high: r.highLabel,
        "KPI change (high)": r.high.value,
        ...(this.level === undefined ? {} : {
          [`high${pct} interval`]: interval(r.high),
        }),
        "% of KPI (low / high)": `${percent(r.low.value / this.baseKpi)} / ${
          percent(r.high.value / this.baseKpi)
        }`,
      })),
      { caption: "Sensitivity of the predicted KPI over the period" },
    );
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return { baseKpi: this.baseKpi, change: this.change, level: this.level, rows: this.rows };
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

function interval(e: Estimate): string {
  return e.lower === undefined ? "–" : `${e.lower.toPrecision(4)} to ${e.upper!.toPrecision(4)}`;
}

function percent(v: number): string {
  return `${v >= 0 ? "+" : ""}${(100 * v).toFixed(2)}%`;
}

/** The controls a model reads: its controls, Box-Cox controls and competitors' spend. */
function modelControls(fit: FittedModel): string[] {
  const b = fit.spec.baseline;
  return [
    ...new Set([
      ...fit.spec.controls,
      ...Object.keys(b.boxCox ?? {}),
      ...Object.values(b.shareOfVoice ?? {}),
    ]),
  ];
}

function withControl(data: MmmData, name: string, f: (v: number) => number): MmmData {
  return {
    ...data,
    controls: data.controls.map((c) => (c.name === name ? { name, values: c.values.map(f) } : c)),
  };
}

/**
 * The KPI change over a set of weeks when each control, promotion or channel moves, the others
 * held.
 *
 * @throws {ConfigError} naming `controls`, `promotions` or `channels` for a name the model does
 * not have.
 *
 * @example Price +10% on a linear model changes the KPI by β·10%·Σ price
 * ```ts
 * import { defineModelSpec, fitRidge } from "mixlab";
 * import { sensitivity } from "mixlab/analysis";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const tv = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 7) % 5));
 * const price = Float64Array.from({ length: n }, (_, i) => 10 + (i % 3));
 * const data = {
 *   dates: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10)),
 *   kpiKind: "revenue" as const, channels: [{ name: "tv", spend: tv }],
 *   controls: [{ name: "price", values: price }],
 *   kpi: { name: "sales", values: tv.map((v, i) => 100 + 2 * v - 3 * price[i]!) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", scale: 1, adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" } }],
 *   controls: ["price"], baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const s = sensitivity(fitRidge(data, spec, { lambda: 0 }));
 * const row = s.rows.find((r) => r.name === "price")!;
 * assert.ok(Math.abs(row.high.value - -3 * 0.1 * price.reduce((a, b) => a + b)) < 1e-6);
 * ```
 */
export function sensitivity(fit: FittedModel, options: SensitivityOptions = {}): SensitivityResult {
  const data = options.data ?? fit.data;
  const change = options.change ?? 0.1;
  if (!(change > 0 && change < 1)) {
    throw new RangeError(`Cannot compute sensitivity: change must be in (0, 1), got ${change}`);
  }
  const known = modelControls(fit);
  const check = (list: readonly string[], allowed: readonly string[], key: string) =>
    list.forEach((name, i) => {
      if (!allowed.includes(name)) {
        throw new ConfigError(
          `Cannot compute sensitivity: ${key}[${i}] "${name}" is not one the model uses`,
          { key: `${key}[${i}]`, hint: `the model has ${allowed.map((a) => `"${a}"`).join(", ")}` },
        );
      }
    });
  const channels = options.channels ?? fit.spec.channels.map((c) => c.name);
  check(channels, fit.spec.channels.map((c) => c.name), "channels");
  const binary = (name: string) =>
    data.controls.find((c) => c.name === name)?.values.every((v) => v === 0 || v === 1) ?? false;
  const promotions = options.promotions ?? known.filter(binary);
  check(promotions, known, "promotions");
  const controls = (options.controls ?? known).filter((c) => !promotions.includes(c));
  check(controls, known, "controls");
  const level = options.level ?? 0.9;
  const draws = drawIndices(fit.nDraws, options.maxDraws ?? 200);
  const runs: (number | undefined)[] = draws.length > 0 ? draws : [undefined];
  const total = (d: MmmData, draw: number | undefined) =>
    sum(fit.predict(d, {
      ...(options.history ? { history: options.history } : {}),
      ...(draw === undefined ? {} : { draw }),
    }));
  const base = runs.map((draw) => total(data, draw));
  const delta = (d: MmmData): Estimate => {
    const values = runs.map((draw, k) => total(d, draw) - (base[k] as number));
    if (values.length === 1) return { value: values[0] as number };
    return {
      value: values.reduce((a, b) => a + b, 0) / values.length,
      lower: quantile(values, (1 - level) / 2),
      upper: quantile(values, 1 - (1 - level) / 2),
    };
  };
  const pct = `${Math.round(100 * change * 100) / 100}%`;
  const rows: SensitivityRow[] = [
    ...controls.map((name): SensitivityRow => ({
      name,
      kind: "control",
      lowLabel: `−${pct}`,
      highLabel: `+${pct}`,
      low: delta(withControl(data, name, (v) => v * (1 - change))),
      high: delta(withControl(data, name, (v) => v * (1 + change))),
    })),
    ...promotions.map((name): SensitivityRow => ({
      name,
      kind: "promotion",
      lowLabel: "off",
      highLabel: "on",
      low: delta(withControl(data, name, () => 0)),
      high: delta(withControl(data, name, () => 1)),
    })),
    ...channels.map((name): SensitivityRow => ({
      name,
      kind: "channel",
      lowLabel: `−${pct}`,
      highLabel: `+${pct}`,
      low: delta(scaleSpend(data, { [name]: 1 - change })),
      high: delta(scaleSpend(data, { [name]: 1 + change })),
    })),
  ];
  const swing = (r: SensitivityRow) => Math.abs(r.high.value - r.low.value);
  rows.sort((a, b) => swing(b) - swing(a));
  const baseKpi = base.reduce((a, b) => a + b, 0) / base.length;
  return new SensitivityResult(rows, baseKpi, change, draws.length > 0 ? level : undefined);
}
