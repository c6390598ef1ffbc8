/**
 * Baseline: the seed projects' ROAS-proportional linear program, which treats each channel's
 * average ROAS at current spend as constant and so pushes the budget into the corners (one
 * channel at its upper bound, the rest at their lower bounds). Kept for comparison: its plan is
 * evaluated on the true response curves.
 *
 * @module
 */
import type { AllocationResult } from "./allocation_result.ts";
import { assemble } from "./_assemble.ts";
import { resolveProblem } from "./_problem.ts";
import { solvePwl } from "./_solve.ts";
import type { Totals } from "./_program.ts";
import { positiveOption } from "./option_checks.ts";
import type { ChannelResponse, SpendConstraints } from "./types.ts";

/** Options of {@link roasLpAllocation}. */
export interface RoasLpOptions extends SpendConstraints {
  /** Total spend. @default the sum of current spend */
  readonly budget?: number;
}

/**
 * Maximises Σ roas_c · x_c with roas_c = response_c(current_c) / current_c (0 at zero current
 * spend) under the budget, bounds and groups, then reports the plan on the true curves.
 *
 * @param channels Response curves keyed by name.
 * @param options Budget, bounds, locked channels and groups.
 * @returns The corner allocation (method `"roas-lp"`).
 *
 * @example Without bounds the whole budget goes to the best average ROAS
 * ```ts
 * import { roasLpAllocation } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * const plan = roasLpAllocation([
 *   { name: "tv", currentSpend: 100, response: (x) => 200 * Math.log1p(x / 100) },
 *   { name: "social", currentSpend: 100, response: (x) => 300 * Math.log1p(x / 100) },
 * ]);
 * assert.equal(plan.allocation.social, 200);
 * assert.equal(plan.allocation.tv, 0);
 * ```
 */
export function roasLpAllocation(
  channels: readonly ChannelResponse[],
  options: RoasLpOptions = {},
): AllocationResult {
  const budget = positiveOption(
    options.budget ?? channels.reduce((a, c) => a + c.currentSpend, 0),
    "budget",
    "run ROAS linear program",
  );
  const linear = channels.map((c) => {
    const roas = c.currentSpend > 0 ? c.response(c.currentSpend) / c.currentSpend : 0;
    return { name: c.name, currentSpend: c.currentSpend, response: (x: number) => roas * x };
  });
  const totals: Totals = { objective: "max-response", budget: { value: budget, mode: "equal" } };
  const answer = solvePwl(resolveProblem(linear, options, budget), totals, 3, false, "milp");
  return assemble(channels, resolveProblem(channels, options, budget), {
    mode: "baseline",
    method: "roas-lp",
    spend: answer.spend,
    pwlObjective: answer.pwlObjective,
    upperBound: undefined,
    totals,
    quantiles: [0.05, 0.5, 0.95],
  });
}
