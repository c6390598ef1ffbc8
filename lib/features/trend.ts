/**
 * Trend columns: linear, quadratic, or piecewise linear with knots.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { BaselineSpec, NamedSeries } from "../types.ts";
import { epochDay } from "../dates.ts";
import { type BaselineFeature, type FeatureFrame, featureFrame } from "./feature.ts";

/** Options of {@link trendTerms}. */
export interface TrendOptions {
  /** Shape of the trend. @default "linear" */
  readonly kind?: "linear" | "quadratic" | "piecewise";
  /** Knot dates (ISO) of a piecewise trend. @default [] */
  readonly knots?: readonly string[];
}

/** Trend columns of day numbers on a frame (see {@link trendTerms} for the formulas). */
export function trendColumns(
  days: readonly number[],
  frame: Pick<FeatureFrame, "origin" | "spanDays">,
  options: TrendOptions = {},
): NamedSeries[] {
  const kind = options.kind ?? "linear";
  const t = new Float64Array(days.length);
  for (let i = 0; i < days.length; i++) {
    t[i] = ((days[i] as number) - frame.origin) / frame.spanDays;
  }
  const out: NamedSeries[] = [{ name: "trend", values: t }];
  if (kind === "quadratic") out.push({ name: "trend^2", values: t.map((v) => v * v) });
  else if (kind === "piecewise") {
    for (const knot of options.knots ?? []) {
      const tk = (epochDay(knot) - frame.origin) / frame.spanDays;
      out.push({ name: `trend>${knot}`, values: t.map((v) => Math.max(0, v - tk)) });
    }
  } else if (kind !== "linear") {
    throw new RangeError(
      `Cannot build a trend: kind must be "linear", "quadratic" or "piecewise", got "${
        String(kind)
      }"`,
    );
  }
  return out;
}

/**
 * Trend columns on `t` = days since the first date / days from first to last date (0 → 1):
 * `trend` = t; quadratic adds `trend^2` = t²; piecewise adds one hinge `trend>knot` =
 * max(0, t − t_knot) per knot, so the slope may change at each knot.
 *
 * @param dates ISO dates, ascending (panel rows: per geo; pass one geo's dates).
 * @param options Shape and knots.
 * @returns The trend columns.
 *
 * @example A knot halfway bends the trend
 * ```ts
 * import { trendTerms } from "mixlab/features";
 * import assert from "node:assert/strict";
 * const terms = trendTerms(["2024-01-01", "2024-01-08", "2024-01-15"], {
 *   kind: "piecewise",
 *   knots: ["2024-01-08"],
 * });
 * assert.deepEqual(Array.from(terms[0]!.values), [0, 0.5, 1]);
 * assert.deepEqual(Array.from(terms[1]!.values), [0, 0, 0.5]);
 * ```
 */
export function trendTerms(dates: readonly string[], options: TrendOptions = {}): NamedSeries[] {
  if (dates.length === 0) return [];
  return trendColumns(dates.map(epochDay), featureFrame(dates), options);
}

const TRENDS: readonly BaselineSpec["trend"][] = ["none", "linear", "quadratic"];

/** `baseline.trend`: none, linear or quadratic in time since the first training date. */
export const trendFeature: BaselineFeature<"trend"> = {
  key: "trend",
  resolve(input) {
    const trend = (input ?? "linear") as BaselineSpec["trend"];
    if (!TRENDS.includes(trend)) {
      throw new ConfigError(`Cannot define model spec: unknown trend "${String(trend)}"`, {
        key: "baseline.trend",
        hint: 'use "none", "linear" or "quadratic"',
      });
    }
    return trend;
  },
  columns(trend, context) {
    if (trend === "none") return [];
    return trendColumns(context.days, context.frame, { kind: trend }).map((c) => ({
      ...c,
      term: "trend",
      group: "trend",
    }));
  },
};
