/**
 * The planner page's charts: lib/plot's chart specs (the same code as the reports' response
 * curves and forecasts) rendered by Observable Plot into the browser's own DOM, sized for the
 * page.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { ResponseCurves } from "../../analysis/response_curve.ts";
import { type ForecastChartData, forecastSpec } from "../../plot/forecast_spec.ts";
import { responseCurvesSpec } from "../../plot/response_curves_spec.ts";
import { themed } from "../../plot/theme.ts";
import type { PlannerChannel } from "../planner_setup.ts";

/** Renders a spec into a container, replacing what was there. */
function draw(container: HTMLElement, spec: Plot.PlotOptions): void {
  container.replaceChildren(Plot.plot(themed(spec)) as unknown as Node);
}

/** What one channel's curve chart shows. */
export interface CurveChartInput {
  /** The channel. */
  readonly channel: PlannerChannel;
  /** Every channel name, for consistent colours. */
  readonly channels: readonly string[];
  /** KPI name for the axis. */
  readonly kpiName: string;
  /** Today's point. */
  readonly today: { readonly spend: number; readonly response: number };
  /** The planned point. */
  readonly planned: { readonly spend: number; readonly response: number };
}

/** A channel's response curve with today's (circle) and the planned (diamond) spend. */
export function drawCurve(container: HTMLElement, input: CurveChartInput): void {
  const c = input.channel;
  const curves = new ResponseCurves([{
    channel: c.name,
    spend: Float64Array.from(c.spend),
    response: Float64Array.from(c.response),
    current: { ...input.today, roas: NaN, mroas: NaN },
    breakevenSpend: undefined,
    saturationSpend: undefined,
  }]);
  const spec = responseCurvesSpec(curves, {
    kpiName: input.kpiName,
    channels: input.channels,
    points: [{ channel: c.name, ...input.planned, label: "planned" }],
  });
  const { title: _title, ...rest } = spec;
  draw(container, {
    ...rest,
    width: 340,
    height: 200,
    marginLeft: 46,
    marginBottom: 40,
    x: { ...spec.x, label: "Weekly spend →", labelOffset: 36, tickFormat: "~s", ticks: 4 },
    y: { ...spec.y, label: `↑ Weekly ${input.kpiName}`, tickFormat: "~s", ticks: 4 },
    color: { ...spec.color, legend: false },
    symbol: { legend: false, domain: ["current", "planned"], range: ["circle", "diamond2"] },
  });
}

/** The weekly KPI: recent history, the plan with its band, and today's spend dashed. */
export function drawForecast(
  container: HTMLElement,
  data: ForecastChartData,
  width: number,
): void {
  const { title: _title, ...rest } = forecastSpec(data);
  draw(container, { ...rest, width, height: 300, y: { ...rest.y, tickFormat: "~s" } });
}
