/**
 * Target-efficiency mode: the largest total KPI whose overall ROAS stays at or above a target
 * (or whose CPA stays at or below one), as in Robyn's `target_efficiency` scenario.
 *
 * @module
 */
import type { AllocationResult } from "./allocation_result.ts";
import { resolveProblem } from "./_problem.ts";
import { solveMode, spendCap } from "./_solve_mode.ts";
import type { Totals } from "./_program.ts";
import { positiveOption } from "./option_checks.ts";
import type { ChannelResponse, SolverOptions, SpendConstraints } from "./types.ts";

/** Options of {@link maximizeAtTargetEfficiency}: give exactly one of `targetRoas`, `targetCpa`. */
export interface TargetEfficiencyOptions extends SpendConstraints, SolverOptions {
  /** Least overall ROAS: Σ response ≥ targetRoas × Σ spend (revenue KPIs). */
  readonly targetRoas?: number;
  /** Most overall cost per KPI unit: Σ spend ≤ targetCpa × Σ response (conversion KPIs). */
  readonly targetCpa?: number;
  /** Most total spend; also the cap of a channel without `max`. @default 3 × total current spend */
  readonly maxBudget?: number;
  /** Quantile levels of the lift distribution when channels carry draws. @default [0.05, 0.5, 0.95] */
  readonly quantiles?: readonly number[];
}

/**
 * The allocation with the largest total KPI subject to an overall ROAS floor (or CPA ceiling),
 * solved as a piecewise-linear program with the row Σ response − ROAS·Σ spend ≥ 0.
 *
 * @param channels Response curves keyed by name.
 * @param options The efficiency target, a spend cap, bounds and groups.
 * @returns The allocation.
 * @throws {InfeasibleError} when no allocation meets the target.
 *
 * @example One channel: spend grows until average ROAS falls to the target
 * ```ts
 * import { maximizeAtTargetEfficiency } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * // f(x) = 4·√x has ROAS 4/√x: ROAS 2 at x = 4
 * const plan = maximizeAtTargetEfficiency(
 *   [{ name: "tv", currentSpend: 1, response: (x) => 4 * Math.sqrt(x) }],
 *   { targetRoas: 2, maxBudget: 10 },
 * );
 * assert.ok(Math.abs(plan.allocation.tv! - 4) < 1e-3);
 * ```
 */
export function maximizeAtTargetEfficiency(
  channels: readonly ChannelResponse[],
  options: TargetEfficiencyOptions,
): AllocationResult {
  const action = "maximize KPI at target efficiency";
  if ((options.targetRoas === undefined) === (options.targetCpa === undefined)) {
    throw new TypeError(`Cannot ${action}: give exactly one of targetRoas and targetCpa`);
  }
  const roas = options.targetRoas !== undefined
    ? positiveOption(options.targetRoas, "targetRoas", action)
    : 1 / positiveOption(options.targetCpa!, "targetCpa", action);
  const cap = spendCap(channels, options.maxBudget, action);
  const problem = resolveProblem(channels, options, cap);
  const totals: Totals = {
    objective: "max-response",
    budget: { value: cap, mode: "atMost" },
    minRoas: roas,
  };
  return solveMode(channels, problem, totals, "target-efficiency", options);
}
