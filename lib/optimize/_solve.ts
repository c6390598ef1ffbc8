/**
 * The piecewise-linear allocation solver behind every optimizer mode.
 *
 * Each channel's curve is sampled into a piecewise-linear function. A concave piece is written
 * in epigraph form (spend y, response t ≤ every segment's line): a plain LP, exact on the
 * breakpoints, and small (two columns per channel), which keeps javascript-lp-solver's dense
 * tableau fast. Where a curve is not concave (an S-shaped Hill, shape > 1) only the leading
 * segments up to the last rise in slope get incremental variables δ_k with ordered 0/1
 * variables z_k (δ_k ≥ len_k·z_k, δ_{k+1} ≤ len_{k+1}·z_k, tail ≤ its length·z_last), so the
 * mixed program finds the global optimum of the piecewise problem while the concave tail stays
 * in epigraph form without binaries. The first pass keeps at most 4 rising-slope segments per
 * curve (chords over a convex stretch can only flatter it, so the upper bound stays valid).
 * Refinement passes then re-solve on finer grids of the exact curves in windows around the
 * answer; on/off decisions on the convex part of an S-curve are kept from the first pass.
 *
 * When more than 3 curves are S-shaped and only a budget and bounds apply, a dynamic program over channels on a 2000-step spend grid finds the
 * global grid optimum instead (see _grid_dp.ts), polished by the same windowed passes.
 *
 * Spend and response are scaled to O(1) inside the program.
 *
 * @module
 */
import { gridDp } from "./_grid_dp.ts";
import { lagrangianBound } from "./_bound.ts";
import { maxChordExcess, type Piecewise } from "./_piecewise.ts";
import type { ResolvedProblem } from "./_problem.ts";
import {
  interval,
  type PassAnswer,
  samplePieces,
  solvePass,
  type Toggles,
  type Totals,
  tryPass,
} from "./_program.ts";
import { infeasible } from "./_conflict.ts";
import type { SolveMethod } from "./types.ts";

/** A solved allocation on the piecewise-linear curves. */
export interface PwlAnswer {
  /** Spend per channel, in the problem's channel order. */
  readonly spend: Float64Array;
  /** The program's optimum in original units (total response or total spend). */
  readonly pwlObjective: number;
  /** An upper bound on the true optimum of total response (max-response modes only). */
  readonly upperBound: number | undefined;
}

const DP_STEPS = 2000;
const REFINE_PASSES = 5;
const REFINE_POINTS = 17;
/**
 * `"auto"` uses the MILP for at most this many ordered segments (3 S-curves). Branch-and-bound
 * time varies a lot between instances of the same size (10 S-curves over 0 … budget: 0.4 s in
 * the bench, 5.7 s for a random 9-curve case), while the DP's O(channels × 2000²) is
 * predictable (~0.1 s) and global on its grid, so larger budget-only problems go to the DP.
 */
const MILP_AUTO_LIMIT = 12;

/**
 * Windows for a refinement pass: ±1.5 segments of the last pieces around the last answer (the
 * piecewise optimum lies within a segment of the true one), clipped to each channel's interval.
 */
function refineWindows(
  problem: ResolvedProblem,
  totals: Totals,
  t: Toggles,
  spend: Float64Array,
  prev: readonly Piecewise[],
): [number, number][] {
  return problem.channels.map((_, i) => {
    const [lo, hi] = interval(problem, i, totals, t);
    const x = spend[i] as number;
    const xs = prev[i]!.xs;
    let h = 0;
    for (let k = 0; k + 1 < xs.length; k++) {
      const a = xs[k] as number, b = xs[k + 1] as number;
      if (x >= a - 1e-12 * (hi - lo) && x <= b + 1e-12 * (hi - lo)) h = Math.max(h, b - a);
    }
    // an on/off decision on the convex part of an S-curve is global and already made: keep it
    const p = prev[i]!;
    let seg = 0;
    while (seg + 2 < p.xs.length && x > (p.xs[seg + 1] as number)) seg++;
    const atEnd = x <= lo + 1e-12 * (hi - lo) || x >= hi - 1e-12 * (hi - lo);
    if (atEnd && seg < p.ordered) return [x, x];
    return [Math.max(lo, x - 1.5 * h), Math.min(hi, x + 1.5 * h)];
  });
}

function trueResponse(problem: ResolvedProblem, spend: Float64Array): number {
  return problem.channels.reduce((a, c, i) => a + c.curve(spend[i] as number), 0);
}

/**
 * Refinement passes: re-solve on 17 points per window, 5 times (each shrinks the spacing about
 * 5×); a failed pass keeps the last answer.
 */
function refinePasses(
  problem: ResolvedProblem,
  totals: Totals,
  t: Toggles,
  start: PassAnswer,
  startPieces: readonly Piecewise[],
): PassAnswer {
  // in plain max-response mode a pass must not lower the true total response
  const guarded = totals.objective === "max-response" && totals.minRoas === undefined &&
    totals.minResponse === undefined;
  let answer = start, pieces = startPieces;
  for (let pass = 0; pass < REFINE_PASSES; pass++) {
    const windows = refineWindows(problem, totals, t, answer.spend, pieces);
    const fine = samplePieces(problem, totals, t, REFINE_POINTS, windows);
    const next = tryPass(problem, fine, totals, t);
    if (!next) break;
    if (guarded && trueResponse(problem, next.spend) < trueResponse(problem, answer.spend)) break;
    answer = next;
    pieces = fine;
  }
  return answer;
}

/**
 * Solves the allocation problem on piecewise-linear curves (pass 1 on `breakpoints` points per
 * curve, then refinement passes in windows around the answer). Non-concave curves go to the MILP, or to
 * the grid DP plus a windowed polish when the MILP would be large (`method: "auto"`: more than
 * 12 ordered segments in all, budget-only constraints). Throws {@link InfeasibleError} naming a
 * minimal set of contradicting constraints.
 */
export function solvePwl(
  problem: ResolvedProblem,
  totals: Totals,
  breakpoints: number,
  refine: boolean,
  method: SolveMethod = "auto",
): PwlAnswer & { readonly method: "lp" | "milp" | "dp" } {
  const t: Toggles = { off: new Set() };
  const coarse = samplePieces(problem, totals, t, breakpoints);
  const ordered = coarse.reduce((a, p) => a + p.ordered, 0);
  const dpEligible = totals.objective === "max-response" && totals.budget !== undefined &&
    totals.minResponse === undefined && totals.minRoas === undefined &&
    problem.groups.length === 0;
  if (method === "dp" && !dpEligible) {
    throw new RangeError(
      'Cannot optimize budget: method "dp" supports only a budget and per-channel bounds',
    );
  }
  const useDp = ordered > 0 && dpEligible &&
    (method === "dp" || (method === "auto" && ordered > MILP_AUTO_LIMIT));
  if (useDp) return solveByDp(problem, totals, t, breakpoints, refine);
  let first: ReturnType<typeof solvePass>;
  try {
    first = solvePass(problem, coarse, totals, t);
  } catch (e) {
    // numerical failure of the solver on the mixed program: the DP is exact on its grid
    if (dpEligible && ordered > 0) return solveByDp(problem, totals, t, breakpoints, refine);
    throw e;
  }
  if (!first) throw infeasible(problem, totals);
  const answer = refine ? refinePasses(problem, totals, t, first, coarse) : first;
  let upperBound: number | undefined;
  if (dpEligible) {
    let excess = 0;
    problem.channels.forEach((c, i) => (excess += maxChordExcess(c.curve, coarse[i]!)));
    upperBound = Math.min(first.objective + excess, budgetBound(problem, totals));
  }
  return {
    spend: answer.spend,
    pwlObjective: answer.objective,
    upperBound,
    method: ordered > 0 ? "milp" : "lp",
  };
}

function budgetBound(problem: ResolvedProblem, totals: Totals): number {
  const budget = totals.budget!;
  return lagrangianBound(
    problem.channels.map((c) => ({
      curve: c.curve,
      lower: c.locked ? c.current : c.lower,
      upper: c.locked ? c.current : c.upper,
    })),
    budget.value,
    budget.mode,
  );
}

function solveByDp(
  problem: ResolvedProblem,
  totals: Totals,
  t: Toggles,
  breakpoints: number,
  refine: boolean,
): PwlAnswer & { readonly method: "dp" } {
  const budget = totals.budget!;
  const lows = problem.channels.map((c) => (c.locked ? c.current : c.lower));
  const highs = problem.channels.map((c) => (c.locked ? c.current : c.upper));
  const sumL = lows.reduce((a, b) => a + b, 0), sumU = highs.reduce((a, b) => a + b, 0);
  if (sumL > budget.value || (budget.mode === "equal" && sumU < budget.value)) {
    throw infeasible(problem, totals);
  }
  const dp = gridDp(
    problem.channels.map((c, i) => ({ curve: c.curve, lower: lows[i]!, upper: highs[i]! })),
    budget.value,
    DP_STEPS,
  );
  const w = 3 * dp.step;
  const windows = problem.channels.map((c, i): [number, number] => {
    const x = dp.spend[i] as number, lo = lows[i]!, hi = highs[i]!;
    // a channel the DP holds at an end where its curve is convex stays there (an on/off choice)
    const e = 1e-3 * w;
    const atEnd = x <= lo || x >= hi;
    const convex = x <= lo
      ? c.curve(x + 2 * e) - 2 * c.curve(x + e) + c.curve(x) > 0
      : c.curve(x) - 2 * c.curve(x - e) + c.curve(x - 2 * e) > 0;
    if (atEnd && convex) return [x, x];
    return [Math.max(lo, x - w), Math.min(hi, x + w)];
  });
  const pieces = samplePieces(problem, totals, t, Math.ceil(breakpoints / 2), windows);
  // the DP answer is feasible; if the solver stumbles on the polish, start refining from it
  const polished = tryPass(problem, pieces, totals, t) ??
    { spend: dp.spend, objective: dp.value };
  const answer = refine ? refinePasses(problem, totals, t, polished, pieces) : polished;
  return {
    spend: answer.spend,
    pwlObjective: answer.objective,
    upperBound: Math.min(dp.upperBound, budgetBound(problem, totals)),
    method: "dp",
  };
}
