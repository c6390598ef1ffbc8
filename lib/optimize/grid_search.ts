/**
 * Baseline: the constrained grid search of the seed projects, where every channel moves within
 * a ±10% band of its current spend on a few levels and the best combination within the budget
 * wins. Kept for side-by-side comparison with {@link optimizeBudget}.
 *
 * @module
 */
import type { AllocationResult } from "./allocation_result.ts";
import { assemble } from "./_assemble.ts";
import { resolveProblem } from "./_problem.ts";
import { positiveOption } from "./option_checks.ts";
import type { ChannelResponse } from "./types.ts";

/** Options of {@link gridSearchAllocation}. */
export interface GridSearchOptions {
  /** Total spend allowed (combinations above it are skipped). @default the sum of current spend */
  readonly budget?: number;
  /** Half-width of each channel's band as a share of current spend. @default 0.1 */
  readonly band?: number;
  /** Levels per channel, evenly spaced over the band (odd keeps the current level). @default 5 */
  readonly levels?: number;
  /** Refuse grids with more combinations than this. @default 10_000_000 */
  readonly maxCombinations?: number;
}

/**
 * Exhaustive search over `levels` spend levels per channel in current × (1 ± band), keeping
 * the combination with the largest total response whose total spend is within the budget.
 *
 * @param channels Response curves keyed by name.
 * @param options Budget, band and levels.
 * @returns The best grid allocation (method `"grid-search"`).
 * @throws {RangeError} when levels^channels exceeds `maxCombinations`.
 *
 * @example Two channels, ±10% in three levels
 * ```ts
 * import { gridSearchAllocation } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * const plan = gridSearchAllocation([
 *   { name: "tv", currentSpend: 100, response: (x) => 3 * x },
 *   { name: "radio", currentSpend: 100, response: (x) => x },
 * ], { levels: 3 });
 * // linear curves: the better channel goes up 10%, the other down 10%
 * assert.equal(plan.allocation.tv, 110);
 * assert.equal(plan.allocation.radio, 90);
 * ```
 */
export function gridSearchAllocation(
  channels: readonly ChannelResponse[],
  options: GridSearchOptions = {},
): AllocationResult {
  const action = "run grid search";
  const band = positiveOption(options.band ?? 0.1, "band", action);
  const levels = options.levels ?? 5;
  if (!Number.isInteger(levels) || levels < 1) {
    throw new RangeError(`Cannot ${action}: levels must be a positive integer, got ${levels}`);
  }
  const combos = levels ** channels.length;
  const maxCombinations = options.maxCombinations ?? 10_000_000;
  if (combos > maxCombinations) {
    throw new RangeError(
      `Cannot ${action}: ${levels}^${channels.length} = ${combos} combinations exceed maxCombinations ${maxCombinations}`,
    );
  }
  const budget = positiveOption(
    options.budget ?? channels.reduce((a, c) => a + c.currentSpend, 0),
    "budget",
    action,
  );
  const problem = resolveProblem(
    channels,
    { defaultBound: { minChange: -band, maxChange: band } },
    Infinity,
  );
  const n = problem.channels.length;
  const spendAt = problem.channels.map((c) =>
    Array.from(
      { length: levels },
      (_, k) => c.current + c.current * (levels === 1 ? 0 : band * (2 * k / (levels - 1) - 1)),
    )
  );
  const respAt = problem.channels.map((c, i) => spendAt[i]!.map((x) => c.curve(x)));
  // least spend of channels i.. (for pruning)
  const minRest = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) minRest[i] = minRest[i + 1]! + Math.min(...spendAt[i]!);
  const pick = new Int32Array(n), best = new Int32Array(n);
  let bestValue = -Infinity;
  const visit = (i: number, spend: number, value: number): void => {
    if (spend + minRest[i]! > budget * (1 + 1e-12)) return;
    if (i === n) {
      if (value > bestValue) {
        bestValue = value;
        best.set(pick);
      }
      return;
    }
    for (let k = 0; k < levels; k++) {
      pick[i] = k;
      visit(i + 1, spend + spendAt[i]![k]!, value + respAt[i]![k]!);
    }
  };
  visit(0, 0, 0);
  if (bestValue === -Infinity) {
    throw new RangeError(
      `Cannot ${action}: every combination exceeds the budget ${budget}; widen the band`,
    );
  }
  const spend = Float64Array.from(best, (k, i) => spendAt[i]![k]!);
  return assemble(channels, problem, {
    mode: "baseline",
    method: "grid-search",
    spend,
    pwlObjective: bestValue,
    upperBound: undefined,
    totals: { objective: "max-response", budget: { value: budget, mode: "atMost" } },
    quantiles: [0.05, 0.5, 0.95],
  });
}
