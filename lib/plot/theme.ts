/**
 * Fixed chart defaults, so charts look alike and golden snapshots are stable.
 *
 * @module
 */
import type { PlotOptions } from "@observablehq/plot";

/** An Observable Plot specification (`Plot.plot` options), as mixlab's chart builders return it. */
export type ChartSpec = PlotOptions;

/** Default chart width in pixels. */
export const CHART_WIDTH = 720;
/** Default chart height in pixels. */
export const CHART_HEIGHT = 360;
/** Font stack for charts. */
export const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
/** A colour-blind-safe categorical palette (Okabe & Ito 2008). */
export const PALETTE = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
  "#000000",
  "#999999",
] as const;
