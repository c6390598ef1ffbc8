/**
 * Charts of the Bayesian predictive checks: the KPI range a prior or posterior allows against
 * the actual KPI, and each channel's ROAS under the prior beside its posterior.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { toDates } from "../dates.ts";
import type { Interval90 } from "../types.ts";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

/**
 * What the charts draw of a prior or posterior predictive check (`priorPredictive`,
 * `posteriorPredictive` return it).
 */
export interface PredictiveCheckData {
  /** `"prior"` or `"posterior"`. */
  readonly kind: "prior" | "posterior";
  /** Dates of the rows. */
  readonly dates: readonly string[];
  /** KPI name. */
  readonly kpiName: string;
  /** The actual KPI. */
  readonly actual: ArrayLike<number>;
  /** 5%, 50% and 95% quantiles of the replicated KPI per row. */
  readonly band: {
    readonly lower: ArrayLike<number>;
    readonly median: ArrayLike<number>;
    readonly upper: ArrayLike<number>;
  };
  /** Share of rows inside the band. */
  readonly coverage: number;
  /** ROAS per channel. */
  readonly roas: readonly { readonly channel: string; readonly roas: Interval90 }[];
  /** Media's share of the KPI. */
  readonly mediaShare: Interval90;
  /** Probability of a negative baseline in some row. */
  readonly negativeBaseline: number;
  /** Lift tests with their tail probabilities. */
  readonly liftTests: readonly {
    readonly test: { readonly channel: string; readonly start: string; readonly end: string };
    readonly pValue: number;
    readonly withoutTests?: { readonly pValue: number };
  }[];
}

/**
 * The 90% band and median of the replicated KPI by week, the actual KPI over it, and the lift
 * test windows shaded; the title gives the share of weeks inside the band, media's share of the
 * KPI and the probability of a negative baseline.
 *
 * @example A prior predictive check of a one-channel model
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { priorPredictive } from "mixlab/models/bayes";
 * import { plotPredictiveCheck } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 100 + 50 * Math.sin(i));
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend }],
 *   kpi: { name: "sales", values: spend.map((s) => 1000 + s) },
 * };
 * const check = priorPredictive(data, defineModelSpec({ channels: ["tv"] }), { samples: 50 });
 * assert.ok(plotPredictiveCheck(check).html.includes("Prior predictive"));
 * ```
 */
export function plotPredictiveCheck(check: PredictiveCheckData): Chart {
  const dates = toDates(check.dates);
  const band = dates.map((date, t) => ({
    date,
    lo: check.band.lower[t] as number,
    mid: check.band.median[t] as number,
    hi: check.band.upper[t] as number,
    actual: check.actual[t] as number,
  }));
  const marks: Plot.Markish[] = [];
  for (const l of check.liftTests) {
    const inside = dates.filter((_, t) => {
      const d = check.dates[t] as string;
      return d >= l.test.start && d <= l.test.end;
    });
    if (inside.length === 0) continue;
    const disagrees = (l.withoutTests?.pValue ?? l.pValue) < 0.05;
    marks.push(
      Plot.rectX([{ x1: inside[0], x2: inside[inside.length - 1] }], {
        x1: "x1",
        x2: "x2",
        fill: PALETTE[5],
        fillOpacity: 0.12,
      }),
      Plot.text([{ x: inside[0] }], {
        x: "x",
        frameAnchor: "top",
        text: () => `lift test ${l.test.channel}${disagrees ? " (disagrees with the data)" : ""}`,
        textAnchor: "start",
        dx: 3,
        dy: 4,
        fill: disagrees ? "#b00" : "#555",
      }),
    );
  }
  marks.push(
    Plot.areaY(band, { x: "date", y1: "lo", y2: "hi", fill: PALETTE[0], fillOpacity: 0.2 }),
    Plot.lineY(band, { x: "date", y: "mid", stroke: PALETTE[0], strokeWidth: 1.2 }),
    Plot.lineY(band, { x: "date", y: "actual", stroke: PALETTE[7], strokeWidth: 1.6 }),
  );
  const what = check.kind === "prior" ? "Prior predictive" : "Posterior predictive";
  const share = check.mediaShare;
  return renderChart({
    title: `${what}: 90% band of the KPI and its median (blue), the actual KPI (black)`,
    subtitle:
      `${Math.round(100 * check.coverage)}% of weeks inside the band · media ${
        Math.round(100 * share.mean)
      }% of the KPI [${Math.round(100 * share.lower)}%, ${Math.round(100 * share.upper)}%] · ` +
      `P(baseline < 0 in some week) ${check.negativeBaseline.toFixed(2)}`,
    x: { label: "Week", type: "utc" },
    y: { label: check.kpiName, grid: true, nice: true },
    marks,
  });
}

/**
 * Each channel's ROAS under the prior (grey) and the posterior (blue): mean and 90% interval,
 * with optional reference values (e.g. the truth of simulated data) as red ticks.
 *
 * @example Prior against itself
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { priorPredictive } from "mixlab/models/bayes";
 * import { plotPriorPosterior } from "mixlab/plot";
 * import assert from "node:assert/strict";
 * const n = 30;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 100 + 50 * Math.sin(i));
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend }],
 *   kpi: { name: "sales", values: spend.map((s) => 1000 + s) },
 * };
 * const check = priorPredictive(data, defineModelSpec({ channels: ["tv"] }), { samples: 50 });
 * assert.ok(plotPriorPosterior(check, check).html.includes("<svg"));
 * ```
 */
export function plotPriorPosterior(
  prior: PredictiveCheckData,
  posterior: PredictiveCheckData,
  options: { readonly reference?: Readonly<Record<string, number>> } = {},
): Chart {
  const rows = [
    ...prior.roas.map((r) => ({ channel: r.channel, which: "prior", ...r.roas })),
    ...posterior.roas.map((r) => ({ channel: r.channel, which: "posterior", ...r.roas })),
  ];
  const channels = posterior.roas.map((r) => r.channel);
  const marks: Plot.Markish[] = [
    Plot.ruleX([1], { stroke: "#999", strokeDasharray: "4,3" }),
    Plot.link(rows, {
      y1: "channel",
      y2: "channel",
      x1: "lower",
      x2: "upper",
      stroke: "which",
      strokeWidth: 6,
      strokeOpacity: 0.45,
      fy: "which",
    }),
    Plot.dot(rows, { y: "channel", x: "mean", fill: "which", r: 4.5, fy: "which" }),
  ];
  const ref = options.reference;
  if (ref) {
    const refRows = ["prior", "posterior"].flatMap((which) =>
      Object.entries(ref).map(([channel, value]) => ({ channel, value, which }))
    );
    marks.push(
      Plot.tickX(refRows, {
        y: "channel",
        x: "value",
        stroke: "#D55E00",
        strokeWidth: 2.5,
        fy: "which",
      }),
    );
  }
  return renderChart({
    title: `ROAS per channel: prior (grey) and posterior (blue), means and 90% intervals${
      ref ? " (red: reference)" : ""
    }`,
    height: Math.max(240, 2 * 34 * channels.length + 110),
    marginLeft: 110,
    x: { label: "ROAS (KPI per unit of spend)", grid: true, zero: true, type: "sqrt" },
    y: { label: null, domain: channels },
    fy: { label: null, domain: ["prior", "posterior"] },
    color: { domain: ["prior", "posterior"], range: ["#999", "#0072B2"] },
    marks,
  });
}
