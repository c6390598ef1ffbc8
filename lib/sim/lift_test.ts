/**
 * The lift test an experiment on simulated data would measure: a channel's spend switched off
 * over a window, the KPI difference summed over the window (carryover from earlier weeks in both
 * worlds), from the simulation's true transforms and coefficient — optionally with the
 * experiment's own noise.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { Rng } from "../rng.ts";
import type { LiftTest } from "../types.ts";
import { channelContribution } from "./response.ts";
import type { Simulation } from "./simulate.ts";

/** Options of {@link simulateLiftTest}. */
export interface SimulateLiftTestOptions {
  /** Standard error the test reports (KPI units). @default 10% of the true lift */
  readonly standardError?: number;
  /** Draws the measurement as truth + N(0, standardError) when given. @default exact truth */
  readonly rng?: Rng;
}

/**
 * The lift test on `channel` over the weeks dated `start` to `end` (inclusive) of a national
 * simulation: the true lift, or a noisy measurement of it.
 *
 * @param simulation A simulation (national rows).
 * @param channel The channel switched off.
 * @param start First date of the window.
 * @param end Last date of the window.
 * @param options Standard error and noise.
 * @returns The lift test.
 * @throws {ConfigError} For an unknown channel or a window with no rows.
 *
 * @example Switching tv off for four weeks of the demo data
 * ```ts
 * import { simulatePreset } from "mixlab";
 * import { simulateLiftTest } from "mixlab/sim";
 * import assert from "node:assert/strict";
 * const sim = simulatePreset("demo");
 * const test = simulateLiftTest(sim, "tv", "2023-03-06", "2023-03-27");
 * assert.ok(test.lift > 0 && test.standardError === 0.1 * test.lift);
 * ```
 */
export function simulateLiftTest(
  simulation: Simulation,
  channel: string,
  start: string,
  end: string,
  options: SimulateLiftTestOptions = {},
): LiftTest {
  const truth = simulation.truth.channels.find((c) => c.name === channel);
  const spend = simulation.data.channels.find((c) => c.name === channel)?.spend;
  if (truth === undefined || spend === undefined) {
    throw new ConfigError(`Cannot simulate lift test: no channel "${channel}"`, { channel });
  }
  const rows = simulation.data.dates.flatMap((d, t) => (d >= start && d <= end ? [t] : []));
  if (rows.length === 0) {
    throw new ConfigError(`Cannot simulate lift test: no rows from "${start}" to "${end}"`, {
      channel,
      dates: [start, end],
    });
  }
  const off = Float64Array.from(spend);
  for (const t of rows) off[t] = 0;
  const on = channelContribution(spend, truth), without = channelContribution(off, truth);
  let lift = 0;
  for (const t of rows) lift += (on[t] as number) - (without[t] as number);
  const standardError = options.standardError ?? 0.1 * Math.abs(lift);
  const measured = options.rng ? lift + standardError * options.rng.normal() : lift;
  return { channel, start, end, lift: measured, standardError };
}
