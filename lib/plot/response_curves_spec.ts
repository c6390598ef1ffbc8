/**
 * The response-curve chart as an Observable Plot spec: plain options and marks that any DOM
 * renders, linkedom in Deno ({@link plotResponseCurves}) or the browser's own (the budget
 * planner page). This module imports no DOM, so browser bundles stay small.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ResponseCurves } from "../analysis/response_curve.ts";
import { type ChartSpec, PALETTE } from "./theme.ts";

/** An extra operating point on a response curve (e.g. the optimizer's or a planned one). */
export interface CurvePoint {
  /** Channel name. */
  readonly channel: string;
  /** Weekly spend. */
  readonly spend: number;
  /** Weekly response at that spend. */
  readonly response: number;
  /** Legend name, e.g. `"optimal"`. */
  readonly label: string;
}

/** Options of {@link responseCurvesSpec}. */
export interface ResponseCurvesSpecOptions {
  /** Extra operating points per channel (e.g. the optimiser's), with a legend name. @default none */
  readonly points?: readonly CurvePoint[];
  /** KPI name for the axis label. @default "KPI" */
  readonly kpiName?: string;
  /**
   * Every channel name, in order, so a chart of some channels keeps each channel's colour.
   * @default the curves' channels
   */
  readonly channels?: readonly string[];
}

/**
 * One line per channel of weekly response against weekly spend, a dot at the current spend, and
 * any extra operating points as marks with their own symbol.
 *
 * @example A spec with one line per channel
 * ```ts
 * import { ResponseCurves } from "mixlab";
 * import { responseCurvesSpec } from "mixlab/plot/response_curves_spec.ts";
 * import assert from "node:assert/strict";
 * const curves = new ResponseCurves([{
 *   channel: "tv", spend: new Float64Array([0, 1, 2]), response: new Float64Array([0, 3, 4]),
 *   current: { spend: 1, response: 3, roas: 3, mroas: 2 },
 *   breakevenSpend: undefined, saturationSpend: undefined,
 * }]);
 * const spec = responseCurvesSpec(curves, { channels: ["radio", "tv"] });
 * assert.deepEqual(spec.color?.domain, ["radio", "tv"]);
 * assert.equal(spec.marks?.length, 3);
 * ```
 */
export function responseCurvesSpec(
  curves: ResponseCurves,
  options: ResponseCurvesSpecOptions = {},
): ChartSpec {
  const rows = curves.curves.flatMap((c) =>
    Array.from(c.spend, (s, i) => ({ channel: c.channel, spend: s, response: c.response[i] }))
  );
  const current = curves.curves.map((c) => ({
    channel: c.channel,
    spend: c.current.spend,
    response: c.current.response,
    label: "current",
  }));
  const points = [...current, ...(options.points ?? [])];
  return {
    title: "Response curves (steady-state weekly response)",
    x: { label: "Weekly spend", grid: true },
    y: { label: `Weekly ${options.kpiName ?? "KPI"} response`, grid: true },
    color: {
      legend: true,
      domain: [...(options.channels ?? curves.curves.map((c) => c.channel))],
      range: [...PALETTE],
    },
    symbol: { legend: true },
    marks: [
      Plot.lineY(rows, { x: "spend", y: "response", stroke: "channel", strokeWidth: 1.8 }),
      Plot.dot(points, {
        x: "spend",
        y: "response",
        stroke: "channel",
        fill: "white",
        symbol: "label",
        r: 5,
        strokeWidth: 2,
      }),
      Plot.ruleY([0]),
    ],
  };
}
