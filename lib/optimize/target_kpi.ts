/**
 * Target mode: the least total spend whose response curves reach a KPI target.
 *
 * @module
 */
import { InfeasibleError } from "../errors.ts";
import type { AllocationResult } from "./allocation_result.ts";
import { resolveProblem } from "./_problem.ts";
import { solveMode, spendCap } from "./_solve_mode.ts";
import type { Totals } from "./_program.ts";
import { positiveOption } from "./option_checks.ts";
import type { ChannelResponse, SolverOptions, SpendConstraints } from "./types.ts";

/** Options of {@link minimizeSpendForTarget}. */
export interface MinimizeSpendOptions extends SpendConstraints, SolverOptions {
  /** Total KPI per period to reach (the sum of the channels' responses). */
  readonly targetKpi: number;
  /** Most total spend allowed; also the cap of a channel without `max`. @default 3 × total current spend */
  readonly maxBudget?: number;
  /** Quantile levels of the lift distribution when channels carry draws. @default [0.05, 0.5, 0.95] */
  readonly quantiles?: readonly number[];
}

/**
 * The cheapest allocation whose total response reaches `targetKpi`. Solved as the same
 * piecewise-linear program as {@link optimizeBudget} with the objective "minimise spend" and
 * the row "Σ response ≥ target" (mixed 0/1 for S-shaped curves).
 *
 * @param channels Response curves keyed by name.
 * @param options The target, a spend cap, bounds and groups.
 * @returns The allocation (its `pwlObjective` is the least total spend).
 * @throws {InfeasibleError} when the target cannot be reached within the bounds and cap.
 *
 * @example Two identical concave channels share the work
 * ```ts
 * import { minimizeSpendForTarget } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * // f(x) = 10·ln(1 + x) twice: reaching 20 needs ln(1 + x) = 1 each, x = e − 1
 * const f = (x: number) => 10 * Math.log1p(x);
 * const plan = minimizeSpendForTarget(
 *   [{ name: "a", currentSpend: 1, response: f }, { name: "b", currentSpend: 1, response: f }],
 *   { targetKpi: 20 },
 * );
 * assert.ok(Math.abs(plan.totals.optimalSpend - 2 * (Math.E - 1)) < 1e-3);
 * ```
 */
export function minimizeSpendForTarget(
  channels: readonly ChannelResponse[],
  options: MinimizeSpendOptions,
): AllocationResult {
  const action = "minimize spend for target";
  const target = positiveOption(options.targetKpi, "targetKpi", action);
  const cap = spendCap(channels, options.maxBudget, action);
  const problem = resolveProblem(channels, options, cap);
  const reach = problem.channels.reduce(
    (a, c) => a + c.curve(c.locked ? c.current : c.upper),
    0,
  );
  if (target > reach) {
    throw new InfeasibleError(
      `Cannot ${action}: the target ${target} exceeds ${reach}, the KPI with every channel at its upper bound`,
      { key: "targetKpi", hint: "lower the target or raise maxBudget and the channels' max" },
    );
  }
  const totals: Totals = {
    objective: "min-spend",
    budget: { value: cap, mode: "atMost" },
    minResponse: target,
  };
  return solveMode(channels, problem, totals, "min-spend", options);
}
