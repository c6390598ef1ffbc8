/**
 * The model spec a config describes, and the columns its features read beside the controls.
 *
 * @module
 */
import { defineModelSpec } from "../models/model_spec.ts";
import type { MmmData, ModelSpec } from "../types.ts";
import type { MmmConfig } from "./mmm_config.ts";

/**
 * The model spec a config describes (transform parameters as given, defaults elsewhere). With
 * the loaded `data`, controls that cleaning added (an outlier rule's `<column>_outlier` dummy)
 * enter the model too.
 *
 * @example One channel per config entry
 * ```ts
 * import { modelSpecFromConfig, parseMmmConfig } from "mixlab";
 * import assert from "node:assert/strict";
 * const config = parseMmmConfig({ data: "demo.csv", kpi: "revenue", channels: { tv: {}, radio: {} } });
 * assert.deepEqual(modelSpecFromConfig(config).channels.map((c) => c.name), ["tv", "radio"]);
 * ```
 */
export function modelSpecFromConfig(config: MmmConfig, data?: MmmData): ModelSpec {
  const read = new Set([...config.controls, ...featureControls(config)]);
  const added = (data?.controls ?? []).map((c) => c.name).filter((name) => !read.has(name));
  return defineModelSpec({
    channels: config.channels.map((c) => ({
      name: c.name,
      adstock: c.adstock,
      saturation: c.saturation,
    })),
    controls: [...config.controls, ...added],
    baseline: {
      yearlyFourier: config.yearlyFourier,
      trend: config.trend,
      events: config.holidays,
      ...config.calendar,
      ...config.features,
    },
  });
}

/** Numeric columns the features read beside the controls: Box-Cox controls, competitors' spend. */
export function featureControls(config: MmmConfig): string[] {
  const f = config.features;
  return [...Object.keys(f.boxCox ?? {}), ...Object.values(f.shareOfVoice ?? {})];
}
