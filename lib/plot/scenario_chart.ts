/**
 * Scenario comparison: each plan's KPI lift over the base plan, with its interval.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ScenarioComparison } from "../forecast/scenarios.ts";
import { type Chart, renderChart } from "./render.ts";

/** Horizontal bars of each scenario's lift over the base, with interval whiskers where known. */
export function plotScenarios(comparison: ScenarioComparison, kpiName = "KPI"): Chart {
  const rows = comparison.outcomes.map((o) => ({
    scenario: o.name,
    lift: o.lift.value,
    lo: o.lift.lower,
    hi: o.lift.upper,
    label: `${o.liftPercent >= 0 ? "+" : ""}${(100 * o.liftPercent).toFixed(1)}%`,
  }));
  const marks: Plot.Markish[] = [
    Plot.barX(rows, {
      y: "scenario",
      x: "lift",
      fill: (r: { lift: number }) => (r.lift >= 0 ? "gain" : "loss"),
    }),
    Plot.text(rows, { y: "scenario", x: "lift", text: "label", textAnchor: "start", dx: 4 }),
    Plot.ruleX([0]),
  ];
  if (rows.some((r) => r.lo !== undefined)) {
    marks.push(Plot.link(rows.filter((r) => r.lo !== undefined), {
      y1: "scenario",
      y2: "scenario",
      x1: "lo",
      x2: "hi",
      stroke: "#000",
      strokeWidth: 1.5,
    }));
  }
  return renderChart({
    title: `Lift over "${comparison.base}"`,
    height: Math.max(200, 40 * rows.length + 80),
    marginLeft: 140,
    marginRight: 60,
    x: { label: `Change in ${kpiName} over the plan`, grid: true },
    y: { label: null },
    color: { domain: ["gain", "loss"], range: ["#009E73", "#D55E00"] },
    marks,
  });
}
