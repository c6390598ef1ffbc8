/**
 * Applying mixlab's chart theme to an Observable Plot spec, for any DOM: render.ts (linkedom)
 * and the budget planner page (the browser's) both draw through it.
 *
 * @module
 */
import type { PlotOptions } from "@observablehq/plot";
import { CHART_FONT, CHART_HEIGHT, CHART_WIDTH } from "./theme.ts";

/**
 * A chart spec with mixlab's theme (width, height, font, white background) under it: options
 * given in `spec` win. Render the result with `Plot.plot({ ...themed(spec), document })`.
 *
 * @example The spec's own width wins over the theme
 * ```ts
 * import { CHART_HEIGHT } from "mixlab/plot";
 * import { themed } from "mixlab/plot/_themed.ts";
 * import assert from "node:assert/strict";
 * const options = themed({ width: 300 });
 * assert.equal(options.width, 300);
 * assert.equal(options.height, CHART_HEIGHT);
 * ```
 */
export function themed(spec: PlotOptions): PlotOptions {
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    style: { fontFamily: CHART_FONT, fontSize: "12px", background: "white", overflow: "visible" },
    ...spec,
  };
}
