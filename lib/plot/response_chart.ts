/**
 * Response curves with their operating points.
 *
 * @module
 */
import type { ResponseCurves } from "../analysis/response_curve.ts";
import { type Chart, renderChart } from "./render.ts";
import { responseCurvesSpec, type ResponseCurvesSpecOptions } from "./response_curves_spec.ts";

/** Options of {@link plotResponseCurves}. */
export type PlotResponseOptions = ResponseCurvesSpecOptions;

/**
 * One line per channel of weekly response against weekly spend, a dot at the current spend, and
 * any extra operating points (e.g. the optimal spend) as labelled marks.
 */
export function plotResponseCurves(
  curves: ResponseCurves,
  options: PlotResponseOptions = {},
): Chart {
  return renderChart(responseCurvesSpec(curves, options));
}
