/**
 * Refreshing a configured model (`mmm refresh`): the model saved by `mmm fit` is refitted with new
 * weeks by the config's estimator, keeping its spec (transforms, channel scales, penalty). When the
 * config tunes, the refresh tunes again within bounds narrowed around the saved model's values, as
 * Robyn's `robyn_refresh` does: each parameter's search range shrinks to the share of new weeks in
 * the window (`new weeks / window weeks` of its original width, centred on the saved value, kept
 * inside the original range; the penalty's on a log scale), and the search runs that share of the
 * configured trials (at least 200).
 *
 * @module
 */
import { refresh, type RefreshResult, refreshWindow } from "../forecast/refresh.ts";
import type { SearchProgress } from "../tuning/minimize.ts";
import { mmmSearchSpace } from "../tuning/mmm_search_space.ts";
import { tune, type TuneResult } from "../tuning/tune.ts";
import type { FittedModel, MmmData, ModelSpec } from "../types.ts";
import { parseParamKey } from "../models/param_key.ts";
import { configuredEstimator } from "./configured_estimator.ts";
import { configuredTuneOptions } from "./configured_tuning.ts";
import type { MmmConfig } from "./mmm_config.ts";
import { inConfigTerms } from "./_config_keys.ts";

/** Options of {@link refreshConfigured}. */
export interface RefreshConfiguredOptions {
  /** `"rolling"` (the previous model's number of weeks) or `"all"`. @default "rolling" */
  readonly window?: "rolling" | "all";
  /** Interval probability. @default 0.9 */
  readonly level?: number;
  /** Progress of a tuning search. @default undefined */
  readonly onProgress?: (progress: SearchProgress) => void;
}

/** A configured refresh: the refresh, and the narrowed search when the config tunes. */
export interface ConfiguredRefresh {
  /** Refitted model, drift and backtest. */
  readonly result: RefreshResult;
  /** The narrowed tuning run, when the config tunes. */
  readonly tuning: TuneResult | undefined;
  /** The narrowed bounds of every tuned parameter (and `lambda`), when the config tunes. */
  readonly bounds: Readonly<Record<string, readonly [number, number]>> | undefined;
}

/** The penalty a saved model was fitted with (linear models keep it in their settings). */
function savedLambda(previous: FittedModel): number | undefined {
  const settings = (previous as { settings?: Readonly<Record<string, unknown>> }).settings;
  return typeof settings?.lambda === "number" ? settings.lambda : undefined;
}

/**
 * Search bounds narrowed around a saved model's parameters: each free parameter's range shrinks
 * to `share` of its original width, centred on the saved value and clipped to the original range.
 */
export function narrowedBounds(
  config: MmmConfig,
  previous: FittedModel,
  share: number,
): Record<string, readonly [number, number]> {
  const options = configuredTuneOptions(config);
  const space = mmmSearchSpace(previous.spec, {
    ...(options.bounds ? { bounds: options.bounds } : {}),
    ...(options.channelTypes ? { channelTypes: options.channelTypes } : {}),
    ...(options.lambda === undefined ? {} : { lambda: options.lambda }),
  });
  const saved = (name: string): number | undefined => {
    if (name === "lambda") return savedLambda(previous);
    const key = parseParamKey(name);
    if (key === undefined) return undefined;
    return previous.spec.channels.find((c) => c.name === key.channel)?.[key.stage]
      .params[key.param];
  };
  const out: Record<string, readonly [number, number]> = {};
  for (const p of space.params) {
    const value = saved(p.name);
    if (p.fixed !== undefined || value === undefined) continue;
    const f = Math.min(1, Math.max(share, 0));
    if (p.log && p.lower > 0) {
      const half = f * Math.log(p.upper / p.lower) / 2;
      out[p.name] = [
        Math.max(p.lower, value * Math.exp(-half)),
        Math.min(p.upper, value * Math.exp(half)),
      ];
    } else {
      const half = f * (p.upper - p.lower) / 2;
      out[p.name] = [Math.max(p.lower, value - half), Math.min(p.upper, value + half)];
    }
  }
  return out;
}

/**
 * Refreshes a saved model with new weeks as its config says: same estimator and spec (channel
 * scales fixed), penalty as fitted, and, when the config tunes, a narrowed search first.
 *
 * @throws {MmmDataError} When no new week follows the model's last, or a week is missing.
 */
export function refreshConfigured(
  config: MmmConfig,
  previous: FittedModel,
  rows: MmmData,
  options: RefreshConfiguredOptions = {},
): Promise<ConfiguredRefresh> {
  return inConfigTerms(() => refreshInConfig(config, previous, rows, options));
}

async function refreshInConfig(
  config: MmmConfig,
  previous: FittedModel,
  rows: MmmData,
  options: RefreshConfiguredOptions,
): Promise<ConfiguredRefresh> {
  let spec: ModelSpec = previous.spec;
  let lambda = savedLambda(previous);
  let tuning: TuneResult | undefined, bounds: Record<string, readonly [number, number]> | undefined;
  if (config.tuning) {
    const { newWeeks, window } = refreshWindow(previous, rows, options.window);
    const share = newWeeks.dates.length / window.dates.length;
    bounds = narrowedBounds(config, previous, share);
    const { lambda: lambdaBounds, ...channelBounds } = bounds;
    tuning = await tune(window, previous.spec, {
      ...configuredTuneOptions(config),
      // a refresh keeps the saved model's transform families; only their parameters move
      families: false,
      trials: Math.max(
        200,
        Math.min(config.tuning.trials, Math.round(share * config.tuning.trials)),
      ),
      bounds: channelBounds,
      ...(lambdaBounds ? { lambda: lambdaBounds } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    spec = tuning.spec;
    lambda = tuning.lambda;
  }
  const refit = configuredEstimator(config, spec, lambda);
  const result = refresh(previous, rows, refit, {
    ...(options.window ? { window: options.window } : {}),
    ...(options.level === undefined ? {} : { level: options.level }),
  });
  return { result, tuning, bounds };
}
