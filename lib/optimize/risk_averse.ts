/**
 * Risk-averse allocation: instead of the expected KPI, maximise the mean KPI of the worst
 * `worstFraction` of posterior draws (the conditional value at risk, CVaR), so the plan is
 * chosen for bad cases as well as the average.
 *
 * Formulation (Rockafellar & Uryasev, "Optimization of conditional value-at-risk", J. Risk
 * 2000): maximise η − 1/(q·D) Σ_d u_d with u_d ≥ η − R_d(x), u_d ≥ 0, where R_d is the total
 * response of draw d. Every draw's curve is sampled on the same breakpoints per channel and the
 * spend is split into segment increments δ_k shared by all draws; because every draw is concave,
 * filling segments in order never lowers any draw's response, so the LP is exact on the
 * breakpoints. S-shaped draws are refused.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { AllocationResult } from "./allocation_result.ts";
import { assemble } from "./_assemble.ts";
import { samplePiecewise } from "./_piecewise.ts";
import { resolveProblem } from "./_problem.ts";
import type { Totals } from "./_program.ts";
import { type LinearRow, solveLinearProgram } from "./lp_model.ts";
import { breakpointsOption, positiveOption } from "./option_checks.ts";
import type { ChannelBound, ChannelResponse } from "./types.ts";

/** Options of {@link optimizeBudgetRiskAverse}. */
export interface RiskAverseOptions {
  /** Share q of the worst draws whose mean KPI is maximised, in (0, 1]. @default 0.1 */
  readonly worstFraction?: number;
  /** Total spend per period. @default the sum of current spend */
  readonly budget?: number;
  /** `"equal"` spends exactly the budget; `"atMost"` may spend less. @default "equal" */
  readonly budgetMode?: "equal" | "atMost";
  /** Bounds by channel name. @default {} */
  readonly bounds?: Readonly<Record<string, ChannelBound>>;
  /** Bound for channels not listed in `bounds`. @default {} */
  readonly defaultBound?: ChannelBound;
  /** Names of channels whose spend stays at its current level. @default [] */
  readonly locked?: readonly string[];
  /** Breakpoints per channel (shared by all draws). @default 20 */
  readonly breakpoints?: number;
  /** Quantile levels of the reported lift distribution. @default [0.05, 0.5, 0.95] */
  readonly quantiles?: readonly number[];
}

/**
 * The allocation that maximises the mean total KPI over the worst `worstFraction` of joint
 * posterior draws (CVaR). Channels must carry the same number of draws, each concave.
 *
 * @param channels Response curves with `draws`.
 * @param options The risk level, budget and bounds.
 * @returns The allocation with its lift distribution over draws.
 * @throws {ConfigError} without draws, or when a draw is not concave.
 *
 * @example A risky channel gets less than its mean curve alone would suggest
 * ```ts
 * import { optimizeBudget } from "mixlab";
 * import { optimizeBudgetRiskAverse } from "mixlab/optimize";
 * import assert from "node:assert/strict";
 * const safe = [1, 1, 1, 1].map(() => (x: number) => 10 * Math.log1p(x));
 * const risky = [0.2, 1.8, 0.2, 1.8].map((a) => (x: number) => 12 * a * Math.log1p(x));
 * const channels = [
 *   { name: "safe", currentSpend: 5, response: safe[0]!, draws: safe },
 *   { name: "risky", currentSpend: 5, response: risky[0]!, draws: risky },
 * ];
 * const mean = optimizeBudget(channels, { budget: 10 });
 * const cautious = optimizeBudgetRiskAverse(channels, { budget: 10, worstFraction: 0.5 });
 * assert.ok(cautious.allocation.risky! < mean.allocation.risky!);
 * ```
 */
export function optimizeBudgetRiskAverse(
  channels: readonly ChannelResponse[],
  options: RiskAverseOptions = {},
): AllocationResult {
  const action = "optimize budget for risk";
  const q = options.worstFraction ?? 0.1;
  if (!(q > 0 && q <= 1)) {
    throw new RangeError(`Cannot ${action}: worstFraction must be in (0, 1], got ${q}`);
  }
  const budget = positiveOption(
    options.budget ?? channels.reduce((a, c) => a + c.currentSpend, 0),
    "budget",
    action,
  );
  const problem = resolveProblem(channels, options, budget);
  const D = problem.nDraws;
  if (D === 0) {
    throw new ConfigError(`Cannot ${action}: channels carry no posterior draws`, {
      key: "draws",
      hint: "use optimizeBudget() for a point estimate",
    });
  }
  const K = breakpointsOption(options.breakpoints ?? 20);
  const S = Math.max(budget, 1e-300);
  const objective: number[] = [];
  const upper: number[] = [];
  const addVar = (ub: number, obj: number) => {
    objective.push(obj);
    upper.push(ub);
    return objective.length - 1;
  };
  // per channel: breakpoints, δ variable indices; per draw: constant and slopes
  const deltaVars: number[][] = [];
  const constants = new Float64Array(D);
  const slopeRows: { index: number[]; coeffs: number[] }[] = Array.from(
    { length: D },
    () => ({ index: [], coeffs: [] }),
  );
  let sumL = 0;
  problem.channels.forEach((c, i) => {
    const lo = c.locked ? c.current : c.lower, hi = c.locked ? c.current : c.upper;
    sumL += lo;
    const draws = channels[i]!.draws!;
    for (let d = 0; d < D; d++) constants[d] = constants[d]! + draws[d]!(lo);
    const vars: number[] = [];
    deltaVars.push(vars);
    if (!(hi > lo)) return;
    const xs = samplePiecewise(c.curve, lo, hi, K).xs;
    for (let k = 0; k + 1 < xs.length; k++) vars.push(addVar((xs[k + 1]! - xs[k]!) / S, 0));
    for (let d = 0; d < D; d++) {
      const f = draws[d]!;
      let prevSlope = Infinity, prevY = f(xs[0]!);
      for (let k = 0; k + 1 < xs.length; k++) {
        const y = f(xs[k + 1]!);
        const slope = (y - prevY) / (xs[k + 1]! - xs[k]!);
        if (slope > prevSlope + 1e-9 * Math.abs(prevSlope)) {
          throw new ConfigError(
            `Cannot ${action}: draw ${d} of channel "${c.name}" is not concave`,
            { channel: c.name, hint: "use optimizeBudget(), which handles S-shaped curves" },
          );
        }
        slopeRows[d]!.index.push(vars[k]!);
        slopeRows[d]!.coeffs.push(slope * S);
        prevSlope = slope;
        prevY = y;
      }
    }
  });
  // response unit: the spread of constants plus what the budget can buy at the steepest slope
  let R = 0;
  for (const row of slopeRows) for (const s of row.coeffs) R = Math.max(R, Math.abs(s));
  R = Math.max(R, ...Array.from(constants, Math.abs), 1e-300);
  const eta = addVar(Infinity, 1);
  const us = Array.from({ length: D }, () => addVar(Infinity, -1 / (q * D)));
  const rows: LinearRow[] = slopeRows.map((row, d) => ({
    name: `draw:${d}`,
    index: [us[d]!, eta, ...row.index],
    coeffs: [1, -1, ...row.coeffs.map((s) => s / R)],
    lo: -constants[d]! / R,
  }));
  const all = deltaVars.flat();
  const rhs = (budget - sumL) / S;
  rows.push({
    name: "budget",
    index: all,
    coeffs: all.map(() => 1),
    hi: rhs,
    ...((options.budgetMode ?? "equal") === "equal" ? { lo: rhs } : {}),
  });
  const sol = solveLinearProgram({
    nVars: objective.length,
    objective: Float64Array.from(objective),
    sense: "max",
    upper: Float64Array.from(upper),
    binaries: [],
    rows,
  });
  const totals: Totals = {
    objective: "max-response",
    budget: { value: budget, mode: options.budgetMode ?? "equal" },
  };
  if (!sol.feasible) {
    throw new ConfigError(
      `Cannot ${action}: the budget ${budget} cannot be spent within the channel bounds`,
      { key: "budget", hint: "use optimizeBudget() to see which constraints contradict" },
    );
  }
  const spend = Float64Array.from(problem.channels, (c, i) => {
    const lo = c.locked ? c.current : c.lower;
    return lo + S * deltaVars[i]!.reduce((a, v) => a + sol.values[v]!, 0);
  });
  return assemble(channels, problem, {
    mode: "max-response",
    method: "cvar-lp",
    spend,
    pwlObjective: sol.objective * R,
    upperBound: undefined,
    totals,
    quantiles: options.quantiles ?? [0.05, 0.5, 0.95],
  });
}
