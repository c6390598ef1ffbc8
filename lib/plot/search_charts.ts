/**
 * Charts of a search for notebooks: objective by trial (with the running best), the Pareto
 * front of two objectives, and where the best trials put each parameter within its bounds.
 *
 * The charts read a {@link SearchTrace}: the part of tuning's `SearchTrace` they draw, so plot
 * does not depend on tuning (tuning's `TuneResult` draws itself through these functions).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { type Chart, renderChart } from "./render.ts";
import { PALETTE } from "./theme.ts";

import { rankOrder } from "../_internal/pareto.ts";

const BLUE = PALETTE[0] as string, RED = PALETTE[5] as string, GREY = PALETTE[8] as string;

/** What the search charts read of a search (a tuning `SearchTrace` is one). */
export interface SearchTrace {
  /** Objective names. */
  readonly objectives: readonly string[];
  /** Every evaluated trial, by index. */
  readonly trials: readonly { readonly index: number }[];
  /** Parameter values, trials × parameters, row-major. */
  readonly paramMatrix: Float64Array;
  /** Objective values, trials × objectives, row-major. */
  readonly valueMatrix: Float64Array;
  /** Indices of the Pareto-optimal trials. */
  readonly front: readonly number[];
  /** The searched space: parameter names, which are free, and the map to the unit cube. */
  readonly space: {
    readonly params: readonly { readonly name: string }[];
    readonly free: readonly number[];
    readonly dimension: number;
    toUnit(values: ArrayLike<number>, out: Float64Array<ArrayBuffer>): Float64Array;
  };
}

/** Options of {@link plotObjectiveByTrial}. */
export interface PlotObjectiveOptions {
  /** Objective to show, by name. @default the first objective */
  readonly objective?: string;
}

function objectiveIndex(result: SearchTrace, name: string | undefined): number {
  if (name === undefined) return 0;
  const j = result.objectives.indexOf(name);
  if (j < 0) {
    throw new RangeError(
      `Cannot plot search: unknown objective "${name}", choose among ${
        result.objectives.map((o) => `"${o}"`).join(", ")
      }`,
    );
  }
  return j;
}

/**
 * Objective value of every trial by trial index, with the running best as a line.
 *
 * @example A chart from a small search
 * ```ts
 * import { plotObjectiveByTrial } from "mixlab/plot";
 * import { defineSearchSpace, minimize } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const space = defineSearchSpace([{ name: "x", lower: 0, upper: 1 }]);
 * const r = await minimize((p) => (p[0]! - 0.5) ** 2, space, { trials: 20, sampler: "random" });
 * assert.ok(plotObjectiveByTrial(r).html.includes("<svg"));
 * ```
 */
export function plotObjectiveByTrial(
  result: SearchTrace,
  options: PlotObjectiveOptions = {},
): Chart {
  const j = objectiveIndex(result, options.objective);
  const m = result.objectives.length;
  let best = Infinity;
  const rows = result.trials.map((t) => {
    const v = result.valueMatrix[t.index * m + j] as number;
    if (v < best) best = v;
    return { trial: t.index, value: Number.isFinite(v) ? v : NaN, best };
  }).filter((r) => Number.isFinite(r.value));
  const name = result.objectives[j] as string;
  return renderChart({
    x: { label: "Trial" },
    y: { label: name, grid: true },
    marks: [
      Plot.dot(rows, { x: "trial", y: "value", r: 1.5, fill: GREY, fillOpacity: 0.5 }),
      Plot.line(rows, {
        x: "trial",
        y: "best",
        stroke: BLUE,
        strokeWidth: 2,
        curve: "step-after",
      }),
    ],
  });
}

/** Options of {@link plotParetoFront}. */
export interface PlotParetoOptions {
  /** Objective on the x axis. @default the first objective */
  readonly x?: string;
  /** Objective on the y axis. @default the second objective */
  readonly y?: string;
  /** Trials to mark as chosen (e.g. the cluster winners). @default [] */
  readonly highlight?: readonly number[];
}

/**
 * All trials on two objectives, the Pareto front joined by a line, and highlighted trials
 * circled.
 *
 * @throws {RangeError} when the search has fewer than two objectives.
 */
export function plotParetoFront(result: SearchTrace, options: PlotParetoOptions = {}): Chart {
  if (result.objectives.length < 2) {
    throw new RangeError("Cannot plot Pareto front: the search has one objective");
  }
  const jx = options.x === undefined ? 0 : objectiveIndex(result, options.x);
  const jy = options.y === undefined ? 1 : objectiveIndex(result, options.y);
  const m = result.objectives.length;
  const at = (t: number, j: number) => result.valueMatrix[t * m + j] as number;
  const all = result.trials.map((t) => ({ x: at(t.index, jx), y: at(t.index, jy) }))
    .filter((r) => Number.isFinite(r.x) && Number.isFinite(r.y));
  const front = result.front.map((t) => ({ x: at(t, jx), y: at(t, jy) }))
    .sort((a, b) => a.x - b.x);
  const chosen = (options.highlight ?? []).map((t) => ({ x: at(t, jx), y: at(t, jy), trial: t }));
  return renderChart({
    x: { label: result.objectives[jx] as string, grid: true },
    y: { label: result.objectives[jy] as string, grid: true },
    marks: [
      Plot.dot(all, { x: "x", y: "y", r: 1.5, fill: GREY, fillOpacity: 0.4 }),
      Plot.line(front, { x: "x", y: "y", stroke: BLUE, curve: "step-after" }),
      Plot.dot(front, { x: "x", y: "y", r: 3, fill: BLUE }),
      Plot.dot(chosen, { x: "x", y: "y", r: 7, stroke: RED, strokeWidth: 2 }),
      Plot.text(chosen, {
        x: "x",
        y: "y",
        text: (d: { trial: number }) => `#${d.trial}`,
        dx: 10,
        textAnchor: "start",
      }),
    ],
  });
}

/** Options of {@link plotParameterDistributions}. */
export interface PlotParametersOptions {
  /** Share of trials, best first (by Pareto rank and crowding), to show. @default 0.1 */
  readonly top?: number;
}

/**
 * Where the best trials put each free parameter, as a position within its search bounds
 * (0 = lower, 1 = upper), one row per parameter; all trials in grey behind.
 */
export function plotParameterDistributions(
  result: SearchTrace,
  options: PlotParametersOptions = {},
): Chart {
  const share = options.top ?? 0.1;
  const m = result.objectives.length;
  const order = rankOrder(result.valueMatrix, m);
  const nTop = Math.max(1, Math.round(share * order.length));
  const top = new Set(order.slice(0, nTop));
  const space = result.space;
  const unit = new Float64Array(space.dimension);
  const nParams = space.params.length;
  const rows: { param: string; position: number; top: boolean }[] = [];
  for (const t of result.trials) {
    space.toUnit(result.paramMatrix.subarray(t.index * nParams, (t.index + 1) * nParams), unit);
    space.free.forEach((pi, k) => {
      rows.push({
        param: space.params[pi]?.name as string,
        position: unit[k] as number,
        top: top.has(t.index),
      });
    });
  }
  const names = space.free.map((pi) => space.params[pi]?.name as string);
  return renderChart({
    height: Math.max(160, 28 * names.length + 60),
    // about 6.5 px per character of the 10 px axis font, so the longest name is not cut
    marginLeft: Math.max(120, 10 + Math.ceil(6.5 * Math.max(...names.map((n) => n.length)))),
    x: { label: "Position within bounds", domain: [0, 1] },
    y: { label: null, domain: names },
    marks: [
      Plot.tickX(rows.filter((r) => !r.top), {
        x: "position",
        y: "param",
        stroke: GREY,
        strokeOpacity: 0.15,
      }),
      Plot.tickX(rows.filter((r) => r.top), {
        x: "position",
        y: "param",
        stroke: BLUE,
        strokeWidth: 1.5,
      }),
    ],
  });
}
