/**
 * Turning a solved spend vector into an {@link AllocationResult}: per-channel lines evaluated
 * on the true curves, marginal ROAS, binding bounds and constraints, lift over current spend
 * (and its distribution over posterior draws), and diagnostics.
 *
 * @module
 */
import type { Diagnostic } from "../types.ts";
import {
  AllocationResult,
  type AllocationResultInit,
  type BindingConstraint,
  type ChannelAllocation,
  type LiftDistribution,
} from "./allocation_result.ts";
import type { ResolvedProblem } from "./_problem.ts";
import type { Totals } from "./_program.ts";
import type { ChannelResponse, SpendCurve } from "./types.ts";
import { quantileSorted } from "../_internal/quantile.ts";

/** Derivative of f at x, one-sided at the ends of [lo, hi]. */
export function marginal(f: SpendCurve, x: number, lo: number, hi: number): number {
  const h = 1e-6 * Math.max(hi - lo, Math.abs(x), 1e-9);
  if (x - h < lo) return (f(x + h) - f(x)) / h;
  if (x + h > hi) return (f(x) - f(x - h)) / h;
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** The lift of `spend` over current spend in each joint posterior draw. */
export function liftDistribution(
  channels: readonly ChannelResponse[],
  spend: Float64Array,
  nDraws: number,
  levels: readonly number[],
): LiftDistribution {
  const draws = new Float64Array(nDraws);
  for (let d = 0; d < nDraws; d++) {
    let lift = 0;
    channels.forEach((c, i) => {
      const f = c.draws![d]!;
      lift += f(spend[i] as number) - f(c.currentSpend);
    });
    draws[d] = lift;
  }
  const sorted = Float64Array.from(draws).sort();
  let positive = 0, sum = 0;
  for (const v of draws) {
    sum += v;
    if (v > 0) positive++;
  }
  return {
    quantiles: levels.map((level) => ({ level, value: quantileSorted(sorted, level) })),
    mean: sum / nDraws,
    probPositive: positive / nDraws,
    draws,
  };
}

/** What the assembly needs besides the problem. */
export interface AssembleInput {
  readonly mode: AllocationResultInit["mode"];
  readonly method: string;
  readonly spend: Float64Array;
  readonly pwlObjective: number;
  readonly upperBound: number | undefined;
  readonly totals: Totals | undefined;
  readonly quantiles: readonly number[];
}

/** Builds the result for a spend vector of a resolved problem. */
export function assemble(
  channels: readonly ChannelResponse[],
  problem: ResolvedProblem,
  input: AssembleInput,
): AllocationResult {
  const { spend } = input;
  const lines = problem.channels.map((c, i): ChannelAllocation => {
    const x = spend[i] as number;
    const tol = 1e-7 * Math.max(c.upper - c.lower, Math.abs(c.upper), 1e-12);
    const binding = c.locked
      ? "locked"
      : x <= c.lower + tol
      ? "lower"
      : x >= c.upper - tol
      ? "upper"
      : undefined;
    const optimalResponse = c.curve(x);
    return {
      name: c.name,
      currentSpend: c.current,
      optimalSpend: x,
      change: x - c.current,
      changePct: c.current > 0 ? (x - c.current) / c.current : NaN,
      currentResponse: c.curve(c.current),
      optimalResponse,
      roas: x > 0 ? optimalResponse / x : NaN,
      marginalRoas: marginal(c.curve, x, c.lower, c.upper),
      lowerBound: c.lower,
      upperBound: c.upper,
      binding,
    };
  });
  const sum = (f: (l: ChannelAllocation) => number) => lines.reduce((a, l) => a + f(l), 0);
  const currentSpend = sum((l) => l.currentSpend), optimalSpend = sum((l) => l.optimalSpend);
  const currentResponse = sum((l) => l.currentResponse);
  const optimalResponse = sum((l) => l.optimalResponse);
  const totalsOut = {
    currentSpend,
    optimalSpend,
    currentResponse,
    optimalResponse,
    lift: optimalResponse - currentResponse,
    liftPct: (optimalResponse - currentResponse) / Math.abs(currentResponse),
  };
  const binding: BindingConstraint[] = [];
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(b), 1e-9);
  const t = input.totals;
  if (t?.budget && (t.budget.mode === "equal" || near(optimalSpend, t.budget.value))) {
    binding.push({ kind: "budget", value: t.budget.value });
  }
  if (t?.minResponse !== undefined) binding.push({ kind: "target", value: t.minResponse });
  if (t?.minRoas !== undefined && near(optimalResponse / optimalSpend, t.minRoas)) {
    binding.push({ kind: "roas", value: t.minRoas });
  }
  for (const g of problem.groups) {
    const gs = g.members.reduce((a, i) => a + (spend[i] as number), 0);
    const share = gs / optimalSpend;
    if (g.minShare !== undefined && near(share, g.minShare)) {
      binding.push({ kind: "group-min-share", group: g.name, value: g.minShare });
    }
    if (g.maxShare !== undefined && near(share, g.maxShare)) {
      binding.push({ kind: "group-max-share", group: g.name, value: g.maxShare });
    }
    if (g.min !== undefined && near(gs, g.min)) {
      binding.push({ kind: "group-min", group: g.name, value: g.min });
    }
    if (g.max !== undefined && near(gs, g.max)) {
      binding.push({ kind: "group-max", group: g.name, value: g.max });
    }
  }
  const diagnostics: Diagnostic[] = [];
  const free = lines.filter((l) => l.binding === undefined);
  if (free.length > 1 && input.mode === "max-response" && problem.groups.length === 0) {
    const m = free.map((l) => l.marginalRoas);
    const mean = m.reduce((a, b) => a + b, 0) / m.length;
    const spread = (Math.max(...m) - Math.min(...m)) / Math.abs(mean);
    if (spread > 0.01) {
      diagnostics.push({
        level: "info",
        code: "marginal-roas-spread",
        message: `Marginal ROAS of unconstrained channels differs by ${
          (100 * spread).toFixed(2)
        }%: a channel may sit on the convex (rising-return) part of an S-shaped curve`,
      });
    }
  }
  if (input.upperBound !== undefined) {
    const gap = (input.upperBound - optimalResponse) / Math.abs(optimalResponse);
    if (gap > 0.005 && input.method === "lp") {
      diagnostics.push({
        level: "warning",
        code: "optimality-gap",
        message: `The answer may be up to ${
          (100 * gap).toFixed(2)
        }% below the best achievable KPI; raise breakpoints to tighten it`,
      });
    } else if (gap > 0.005) {
      diagnostics.push({
        level: "info",
        code: "optimality-gap",
        message: `The upper bound is ${
          (100 * gap).toFixed(2)
        }% above the answer: with S-shaped curves the bound is loose (a limit of the certificate); compare methods "milp" and "dp" to confirm the answer`,
      });
    }
  }
  return new AllocationResult({
    mode: input.mode,
    method: input.method,
    channels: lines,
    totals: totalsOut,
    pwlObjective: input.pwlObjective,
    upperBound: input.upperBound,
    binding,
    lift: problem.nDraws > 0
      ? liftDistribution(channels, spend, problem.nDraws, input.quantiles)
      : undefined,
    diagnostics,
  });
}
