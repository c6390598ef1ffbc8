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
import { themed } from "../../plot/_themed.ts";
import type { PlannerChannel } from "../planner_setup.ts";

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
  /** Chart width in pixels. */
  readonly width: number;
}

/** A drawn curve chart whose planned point moves without drawing the chart again. */
export interface CurveChart {
  /** Puts the planned point (a diamond) at a weekly spend and its response. */
  plan(spend: number, response: number): void;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * A channel's response curve with today's spend (a circle), drawn once by lib/plot's spec, and
 * the planned spend as a diamond placed through the chart's own scales on every change.
 */
export function drawCurve(container: HTMLElement, input: CurveChartInput): CurveChart {
  const c = input.channel;
  const curves = new ResponseCurves([{
    channel: c.name,
    spend: Float64Array.from(c.spend),
    response: Float64Array.from(c.response),
    current: { ...input.today, roas: NaN, mroas: NaN },
    breakevenSpend: undefined,
    saturationSpend: undefined,
  }]);
  const spec = responseCurvesSpec(curves, { kpiName: input.kpiName, channels: input.channels });
  const { title: _title, ...rest } = spec;
  const chart = Plot.plot(themed({
    ...rest,
    width: input.width,
    height: 200,
    marginLeft: 46,
    marginBottom: 40,
    x: { ...spec.x, label: "Weekly spend →", labelOffset: 36, tickFormat: "~s", ticks: 4 },
    y: { ...spec.y, label: `↑ Weekly ${input.kpiName}`, tickFormat: "~s", ticks: 4 },
    color: { ...spec.color, legend: false },
    symbol: { legend: false },
  }));
  const x = chart.scale("x")!, y = chart.scale("y")!;
  const marker = document.createElementNS(SVG_NS, "path");
  marker.setAttribute("class", "planned");
  marker.setAttribute("fill", String(chart.scale("color")!.apply(c.name)));
  marker.setAttribute("stroke", "white");
  marker.setAttribute("stroke-width", "1.5");
  chart.append(marker);
  container.replaceChildren(chart as unknown as Node);
  return {
    plan(spend: number, response: number): void {
      const px = Number(x.apply(spend)), py = Number(y.apply(response)), r = 7;
      marker.setAttribute("d", `M${px},${py - r}L${px + r},${py}L${px},${py + r}L${px - r},${py}Z`);
    },
  };
}

/**
 * The weekly KPI: recent history, the plan with its band, and today's spend dashed; the
 * legend is plain HTML (Plot's legend is the dearest part of drawing it on every change).
 */
export function drawForecast(
  container: HTMLElement,
  data: ForecastChartData,
  width: number,
): void {
  const { title: _title, ...rest } = forecastSpec(data);
  const domain = (rest.color?.domain ?? []) as readonly string[];
  const range = (rest.color?.range ?? []) as readonly string[];
  const legend = document.createElement("div");
  legend.className = "legend";
  domain.forEach((label, i) => {
    const item = document.createElement("span");
    const swatch = document.createElement("i");
    swatch.style.background = range[i] ?? "#999";
    item.append(swatch, label);
    legend.append(item);
  });
  const chart = Plot.plot(themed({
    ...rest,
    width,
    height: 300,
    color: { ...rest.color, legend: false },
    y: { ...rest.y, tickFormat: "~s" },
  }));
  container.replaceChildren(legend, chart as unknown as Node);
}
