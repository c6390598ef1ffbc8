/**
 * What every optimizer mode on piecewise-linear curves does once its totals are set: solve the
 * program and assemble the allocation; and the spend cap of the target modes.
 *
 * @module
 */
import type { AllocationResult } from "./allocation_result.ts";
import { assemble, type AssembleInput } from "./_assemble.ts";
import type { ResolvedProblem } from "./_problem.ts";
import type { Totals } from "./_program.ts";
import { solvePwl } from "./_solve.ts";
import { breakpointsOption, positiveOption } from "./option_checks.ts";
import type { ChannelResponse, SolveMethod, SolverOptions } from "./types.ts";

/** What a mode passes on from its options. */
export interface ModeOptions extends SolverOptions {
  /** How non-concave curves are solved. @default "auto" */
  readonly method?: SolveMethod;
  /** Quantile levels of the lift distribution. @default [0.05, 0.5, 0.95] */
  readonly quantiles?: readonly number[];
}

/**
 * Solves `totals` on the problem's curves and assembles the allocation of `mode`; the upper
 * bound on the optimum is kept only in max-response mode.
 */
export function solveMode(
  channels: readonly ChannelResponse[],
  problem: ResolvedProblem,
  totals: Totals,
  mode: AssembleInput["mode"],
  options: ModeOptions,
): AllocationResult {
  const answer = solvePwl(
    problem,
    totals,
    breakpointsOption(options.breakpoints),
    options.refine ?? true,
    options.method ?? "auto",
  );
  return assemble(channels, problem, {
    mode,
    method: answer.method,
    spend: answer.spend,
    pwlObjective: answer.pwlObjective,
    upperBound: mode === "max-response" ? answer.upperBound : undefined,
    totals,
    quantiles: options.quantiles ?? [0.05, 0.5, 0.95],
  });
}

/** The most total spend of a target mode: `maxBudget`, or 3 × the total current spend. */
export function spendCap(
  channels: readonly ChannelResponse[],
  maxBudget: number | undefined,
  action: string,
): number {
  return positiveOption(
    maxBudget ?? 3 * channels.reduce((a, c) => a + c.currentSpend, 0),
    "maxBudget",
    action,
  );
}
