/**
 * The bundled data sets in data/: their simulation options. `deno task data` writes each as
 * `data/<name>.csv` and `data/<name>.truth.json`; data/README.md documents them.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { simulateMmm, type Simulation, type SimulationOptions } from "./simulate.ts";

/**
 * Names of the bundled sets. Saturation parameters are in the models' saturation-input units
 * (spend over its mean, after unit-gain adstock; see `saturationInput` in transforms): Hill's
 * `halfSaturation` 1 is half saturated at the channel's mean weekly spend.
 */
export type PresetName = "demo" | "mediation" | "flighting" | "geo";

const geometric = (decay: number) => ({ kind: "geometric", params: { decay } });
const hill = (halfSaturation: number, shape: number) => ({
  kind: "hill",
  params: { halfSaturation, shape },
});
const logistic = (lambda: number) => ({ kind: "logistic", params: { lambda } });
type ChannelOptions = SimulationOptions["channels"][number];
/** A simulated channel: its spend pattern, true transforms and true ROAS. */
const channel = (
  name: string,
  spend: ChannelOptions["spend"],
  adstock: ChannelOptions["adstock"],
  saturation: ChannelOptions["saturation"],
  roas: number,
): ChannelOptions => ({ name, spend, adstock, saturation, roas });

/** Options of every bundled set, by name. */
export const SIMULATION_PRESETS: Readonly<Record<PresetName, SimulationOptions>> = Object.freeze({
  demo: {
    name: "demo",
    seed: 20240101,
    weeks: 156,
    channels: [
      channel(
        "tv",
        { mean: 12000, volatility: 0.45, seasonality: 0.3, peakWeek: 46 },
        geometric(0.6),
        hill(1, 1.5),
        1.6,
      ),
      channel(
        "radio",
        { mean: 4000, volatility: 0.4, seasonality: 0.1, peakWeek: 20 },
        geometric(0.3),
        hill(1.26, 1),
        1.1,
      ),
      channel(
        "social",
        { mean: 8000, volatility: 0.4, seasonality: 0.15, peakWeek: 30 },
        { kind: "delayed", params: { decay: 0.5, peak: 1, maxLag: 13 } },
        logistic(1),
        2.2,
      ),
      channel(
        "search",
        { mean: 6000, volatility: 0.3, seasonality: 0.2, peakWeek: 48 },
        geometric(0.1),
        hill(1.35, 1),
        3,
      ),
      channel(
        "display",
        { mean: 4500, volatility: 0.6, seasonality: 0.1, peakWeek: 10 },
        { kind: "weibull-pdf", params: { shape: 2, scale: 3, maxLag: 13 } },
        logistic(1.38),
        0.9,
      ),
    ],
    noise: 0.05,
    spendCorrelation: 0.3,
  },
  mediation: {
    // Search spend is mostly induced by social spend (own spend: 2,500/week, volatility 0.12,
    // drifting week to week), so each channel's indirect effect is identified from 156 weeks.
    // No shared spend factor: a common budget driver of social and of search's own spend would
    // be an unobserved confounder of social → search that no regression on these columns removes.
    name: "mediation",
    seed: 20240202,
    weeks: 156,
    channels: [
      channel(
        "facebook",
        { mean: 9000, volatility: 0.4, peakWeek: 44 },
        geometric(0.4),
        hill(0.96, 1.2),
        1.4,
      ),
      channel(
        "tiktok",
        { mean: 6000, volatility: 0.5, peakWeek: 30 },
        geometric(0.3),
        logistic(1.71),
        1.1,
      ),
      channel(
        "snapchat",
        { mean: 4000, volatility: 0.6, peakWeek: 20 },
        geometric(0.2),
        logistic(1.25),
        0.9,
      ),
      {
        ...channel(
          "google_search",
          { mean: 2500, volatility: 0.12, peakWeek: 48 },
          geometric(0.1),
          hill(1.26, 1),
          3.2,
        ),
        drivenBy: { facebook: 0.25, tiktok: 0.25, snapchat: 0.35 },
      },
    ],
    noise: 0.03,
    spendCorrelation: 0,
  },
  flighting: {
    name: "flighting",
    seed: 20240303,
    weeks: 156,
    channels: [
      channel(
        "tv",
        { mean: 20000, volatility: 0.3, flighting: { on: [4, 8], off: [6, 14] } },
        geometric(0.7),
        hill(0.6, 2),
        1.5,
      ),
      channel(
        "radio",
        { mean: 5000, volatility: 0.3, flighting: { on: [3, 6], off: [3, 10] } },
        { kind: "weibull-cdf", params: { shape: 1.2, scale: 3, maxLag: 13 } },
        hill(1.05, 1),
        1,
      ),
      channel("online_video", { mean: 7000, volatility: 0.4 }, geometric(0.3), logistic(1.71), 1.8),
      channel("search", { mean: 5000, volatility: 0.3 }, geometric(0.1), hill(1.08, 1), 2.8),
    ],
    noise: 0.06,
    spendCorrelation: 0.3,
    missingKpi: 4,
    outliers: 3,
  },
  geo: {
    name: "geo",
    seed: 20240404,
    weeks: 104,
    start: "2023-01-02",
    channels: [
      channel(
        "tv",
        { mean: 3000, volatility: 0.4, flighting: { on: [4, 8], off: [2, 6] } },
        geometric(0.5),
        hill(1, 1.5),
        1.5,
      ),
      channel("social", { mean: 2000, volatility: 0.4 }, geometric(0.3), logistic(1.43), 2),
      channel("search", { mean: 1500, volatility: 0.3 }, geometric(0.1), hill(1.17, 1), 2.8),
    ],
    intercept: 12000,
    trendPerYear: 800,
    seasonality: [[1200, 700], [300, -200]],
    price: { mean: 10, sd: 0.4, coefficient: -700 },
    promotions: { rate: 0.1, effect: 1500 },
    holidays: { effect: 2000 },
    noise: 0.05,
    geos: { count: 20, populationSpread: 0.6, effectSpread: 0.15 },
  },
});

/**
 * Simulates one bundled set.
 *
 * @param name `demo`, `mediation`, `flighting` or `geo`.
 * @returns The simulation, identical to the files in data/.
 * @throws {ConfigError} For an unknown name.
 *
 * @example The demo set has five channels and three years
 * ```ts
 * import { simulatePreset } from "mixlab";
 * import assert from "node:assert/strict";
 * const demo = simulatePreset("demo");
 * assert.equal(demo.data.channels.length, 5);
 * assert.equal(demo.data.dates.length, 156);
 * ```
 */
export function simulatePreset(name: PresetName): Simulation {
  const options = SIMULATION_PRESETS[name];
  if (options === undefined) {
    throw new ConfigError(`Cannot simulate data: unknown preset "${name}"`, {
      key: "preset",
      hint: `use one of ${Object.keys(SIMULATION_PRESETS).map((k) => `"${k}"`).join(", ")}`,
    });
  }
  return simulateMmm(options);
}
