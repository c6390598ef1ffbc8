/**
 * Response curves: each channel's steady-state weekly response against a steady weekly spend,
 * carryover included, with the current operating point, the spend where marginal ROAS falls to 1
 * and the saturation point.
 *
 * The steady state is measured on the model itself, so it works for any estimator: every channel
 * is held at its mean weekly spend for as many weeks as the training data has, the channel of
 * interest at the level `s`, and the response is the last week's prediction minus the same with
 * that channel at zero. For additive models this is exactly β·saturation(adstock∞(s)).
 *
 * @module
 */
import { mean } from "../_internal/array.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { withSpend } from "../mmm_data.ts";
import { drawIndices } from "./roas.ts";
import { Table } from "../display/table.ts";
import type { FittedModel, MmmData } from "../types.ts";

/** A channel's weekly response as a function of a steady weekly spend. */
export interface ResponseFunction {
  /** Channel name. */
  readonly name: string;
  /** Current (mean) weekly spend of the channel. */
  readonly currentSpend: number;
  /** Steady-state weekly KPI response at a steady weekly spend (0 at 0). */
  readonly response: (spend: number) => number;
  /**
   * The same curve under posterior draws (models with draws, when asked for with
   * `withDraws`); draw `d` of every channel comes from the same posterior sample.
   */
  readonly draws?: readonly ((spend: number) => number)[];
}

/** Options shared by the response functions. */
export interface ResponseOptions {
  /** Data whose mean spends define the operating point. @default the model's training data */
  readonly data?: MmmData;
  /** Posterior draw to use. @default the posterior mean */
  readonly draw?: number;
  /** Also build the curve of each posterior draw (models with draws). @default false */
  readonly withDraws?: boolean;
  /** Most posterior draws, evenly spaced, when `withDraws`. @default 200 */
  readonly maxDraws?: number;
}

/**
 * The steady-state response function of every channel of a fitted model.
 *
 * @example Weekly response of a linear channel: 4 per unit of spend
 * ```ts
 * import { defineModelSpec, fitRidge, responseFunctions } from "mixlab";
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
 * const [tvResponse] = responseFunctions(fit);
 * near(tvResponse!.currentSpend, 2.5);
 * near(tvResponse!.response(10), 40);
 * ```
 */
export function responseFunctions(
  fit: FittedModel,
  options: ResponseOptions = {},
): ResponseFunction[] {
  const data = options.data ?? fit.data;
  const n = fit.data.dates.length;
  const means: Record<string, Float64Array> = {};
  for (const c of data.channels) means[c.name] = new Float64Array(n).fill(mean(c.spend));
  const base = withSpend(fit.data, means);
  const curve = (name: string, draw: number | undefined) => {
    const predictOptions = draw === undefined ? {} : { draw };
    const last = (d: MmmData) => fit.predict(d, predictOptions)[n - 1] as number;
    const zero = last(withSpend(base, { [name]: new Float64Array(n) }));
    return (spend: number) =>
      spend === 0 ? 0 : last(withSpend(base, { [name]: new Float64Array(n).fill(spend) })) - zero;
  };
  const draws = options.withDraws ? drawIndices(fit.nDraws, options.maxDraws ?? 200) : [];
  return fit.spec.channels.map((ch): ResponseFunction => {
    const f: ResponseFunction = {
      name: ch.name,
      currentSpend: (means[ch.name] as Float64Array)[0] as number,
      response: curve(ch.name, options.draw),
    };
    return draws.length === 0 ? f : { ...f, draws: draws.map((d) => curve(ch.name, d)) };
  });
}

/** Derivative of a response function by a central difference. */
export function marginalResponse(f: ResponseFunction, spend: number): number {
  const h = 1e-4 * Math.max(spend, f.currentSpend, 1e-9);
  const lo = Math.max(0, spend - h);
  return (f.response(spend + h) - f.response(lo)) / (spend + h - lo);
}

/** A sampled response curve with its landmarks. */
export interface ResponseCurve {
  /** Channel name. */
  readonly channel: string;
  /** Weekly spend levels. */
  readonly spend: Float64Array;
  /** Weekly response at each level, in KPI units. */
  readonly response: Float64Array;
  /** The current operating point: mean weekly spend, its response, ROAS and marginal ROAS. */
  readonly current: {
    readonly spend: number;
    readonly response: number;
    readonly roas: number;
    readonly mroas: number;
  };
  /** Weekly spend where marginal ROAS falls to 1 (revenue KPIs), if within 100× current spend. */
  readonly breakevenSpend: number | undefined;
  /**
   * Weekly spend where the response reaches 90% of its plateau, if it has one (the plateau is the
   * response at 1,000× current spend; a curve still rising 5% between 100× and 1,000× has none).
   */
  readonly saturationSpend: number | undefined;
}

/** Options of {@link responseCurves}. */
export interface ResponseCurvesOptions extends ResponseOptions {
  /** Points per curve. @default 60 */
  readonly points?: number;
  /** The curve spans 0 to this multiple of current spend. @default 3 */
  readonly maxMultiple?: number;
}

/**
 * Response curves of all channels; shows itself as a table of operating points.
 *
 * @example One curve per channel
 * ```ts
 * import { defineModelSpec, fitRidge, type ResponseCurves, responseCurves } from "mixlab";
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
 * const curves: ResponseCurves = responseCurves(fit);
 * assert.equal(curves.curves.length, 1);
 * ```
 */
export class ResponseCurves {
  /** One curve per channel. */
  readonly curves: readonly ResponseCurve[];

  /** Wraps computed curves; prefer {@link responseCurves}. */
  constructor(curves: readonly ResponseCurve[]) {
    this.curves = curves;
  }

  /** Operating points and landmarks as a table. */
  toTable(): Table {
    return new Table(
      this.curves.map((c) => ({
        channel: c.channel,
        "weekly spend": c.current.spend,
        "weekly response": c.current.response,
        ROAS: c.current.roas,
        mROAS: c.current.mroas,
        "spend at mROAS = 1": c.breakevenSpend,
        "saturation spend (90%)": c.saturationSpend,
      })),
      { caption: "Steady-state weekly response at the current spend" },
    );
  }

  /** Plain JSON form. */
  toJSON(): unknown {
    return this.curves.map((c) => ({
      ...c,
      spend: Array.from(c.spend),
      response: Array.from(c.response),
    }));
  }

  /** Shows the table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Samples every channel's steady-state response curve and finds its landmarks.
 *
 * @example A linear channel's curve: 4 per unit of weekly spend
 * ```ts
 * import { defineModelSpec, fitRidge, responseCurves } from "mixlab";
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
 * const [curve] = responseCurves(fit).curves;
 * near(curve!.current.roas, 4);
 * curve!.spend.forEach((s, i) => near(curve!.response[i]!, 4 * s));
 * ```
 */
export function responseCurves(
  fit: FittedModel,
  options: ResponseCurvesOptions = {},
): ResponseCurves {
  const points = options.points ?? 60;
  const maxMultiple = options.maxMultiple ?? 3;
  const curves = responseFunctions(fit, options).map((f): ResponseCurve => {
    const top = Math.max(f.currentSpend, 1e-9) * maxMultiple;
    const spend = new Float64Array(points);
    const response = new Float64Array(points);
    for (let i = 0; i < points; i++) {
      spend[i] = (top * i) / (points - 1);
      response[i] = f.response(spend[i] as number);
    }
    const currentResponse = f.response(f.currentSpend);
    return {
      channel: f.name,
      spend,
      response,
      current: {
        spend: f.currentSpend,
        response: currentResponse,
        roas: f.currentSpend === 0 ? 0 : currentResponse / f.currentSpend,
        mroas: marginalResponse(f, f.currentSpend),
      },
      breakevenSpend: fit.data.kpiKind === "revenue" ? breakeven(f) : undefined,
      saturationSpend: saturation(f),
    };
  });
  return new ResponseCurves(curves);
}

/** Largest spend in (0, 100× current] where the marginal response crosses 1 from above. */
function breakeven(f: ResponseFunction): number | undefined {
  const top = 100 * Math.max(f.currentSpend, 1e-9);
  const grid = 400;
  let prev = top;
  for (let i = grid; i >= 1; i--) {
    const s = (top * i) / grid;
    if (marginalResponse(f, s) >= 1) {
      if (i === grid) return undefined;
      return bisect((x) => marginalResponse(f, x) - 1, s, prev);
    }
    prev = s;
  }
  return undefined;
}

function saturation(f: ResponseFunction): number | undefined {
  const c = Math.max(f.currentSpend, 1e-9);
  const plateau = f.response(1000 * c);
  if (!(plateau > 0) || plateau > 1.05 * f.response(100 * c)) return undefined;
  return bisect((x) => f.response(x) - 0.9 * plateau, 0, 1000 * c);
}

/** Root of a function with a sign change on [a, b], by bisection to relative 1e-10. */
function bisect(g: (x: number) => number, a: number, b: number): number {
  let lo = a, hi = b;
  const gLo = g(lo);
  for (let k = 0; k < 200 && hi - lo > 1e-10 * Math.max(1, hi); k++) {
    const mid = (lo + hi) / 2;
    if ((g(mid) > 0) === (gLo > 0)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
