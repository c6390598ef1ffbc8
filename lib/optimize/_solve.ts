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
import { InfeasibleError } from "../errors.ts";
import { type LinearRow, solveLinearProgram } from "./lp_model.ts";
import { gridDp } from "./_grid_dp.ts";
import { lagrangianBound } from "./_bound.ts";
import {
  maxChordExcess,
  type Piecewise,
  samplePiecewise,
  slopes,
  thinPrefix,
} from "./_piecewise.ts";
import type { ResolvedProblem } from "./_problem.ts";
import type { SolveMethod } from "./types.ts";

/** The totals side of a problem: what is optimised and which totals are constrained. */
export interface Totals {
  /** Maximise total response, or minimise total spend. */
  readonly objective: "max-response" | "min-spend";
  /** Total spend equal to, or at most, a budget. */
  readonly budget?: { readonly value: number; readonly mode: "equal" | "atMost" };
  /** Total response at least this. */
  readonly minResponse?: number;
  /** Total response at least this multiple of total spend (a ROAS floor). */
  readonly minRoas?: number;
}

/** A solved allocation on the piecewise-linear curves. */
export interface PwlAnswer {
  /** Spend per channel, in the problem's channel order. */
  readonly spend: Float64Array;
  /** The program's optimum in original units (total response or total spend). */
  readonly pwlObjective: number;
  /** An upper bound on the true optimum of total response (max-response modes only). */
  readonly upperBound: number | undefined;
}

interface Toggles {
  /** Constraint labels switched off (for the conflict search). */
  readonly off: ReadonlySet<string>;
}

interface Built {
  readonly nVars: number;
  readonly objective: number[];
  readonly upper: number[];
  readonly binaries: number[];
  readonly rows: LinearRow[];
  /** Per channel: variable indices that add to spend (scaled), and to response (with slopes). */
  readonly spendVars: number[][];
  readonly respVars: { index: number[]; coeffs: number[] }[];
}

function bigUpper(problem: ResolvedProblem, totals: Totals): number {
  let s = totals.budget?.value ?? 0;
  for (const c of problem.channels) s += Number.isFinite(c.upper) ? c.upper : 0;
  return 10 * Math.max(s, 1);
}

/** The spend interval of channel i after toggles. */
function interval(
  problem: ResolvedProblem,
  i: number,
  totals: Totals,
  t: Toggles,
): [number, number] {
  const c = problem.channels[i]!;
  if (c.locked) {
    return t.off.has(`locked:${i}`) ? [0, bigUpper(problem, totals)] : [c.current, c.current];
  }
  const lo = t.off.has(`lower:${i}`) ? 0 : c.lower;
  const hi = t.off.has(`upper:${i}`) ? bigUpper(problem, totals) : c.upper;
  return [lo, hi];
}

function build(
  problem: ResolvedProblem,
  pieces: readonly Piecewise[],
  totals: Totals,
  t: Toggles,
  S: number,
  R: number,
): { built: Built; lows: number[]; resp0: number[] } {
  const objective: number[] = [];
  const upper: number[] = [];
  const binaries: number[] = [];
  const rows: LinearRow[] = [];
  const spendVars: number[][] = [];
  const respVars: { index: number[]; coeffs: number[] }[] = [];
  const lows: number[] = [];
  const resp0: number[] = [];
  const addVar = (ub: number): number => {
    objective.push(0);
    upper.push(ub);
    return objective.length - 1;
  };
  pieces.forEach((p, c) => {
    const xs = p.xs, ys = p.ys;
    lows.push(xs[0] as number);
    resp0.push(ys[0] as number);
    const sv: number[] = [];
    const rv = { index: [] as number[], coeffs: [] as number[] };
    spendVars.push(sv);
    respVars.push(rv);
    const K = xs.length - 1;
    if (K < 1) return;
    const s = slopes(p);
    const m = p.ordered;
    const z: number[] = [];
    for (let k = 0; k < m; k++) {
      const len = ((xs[k + 1] as number) - (xs[k] as number)) / S;
      const d = addVar(len);
      sv.push(d);
      rv.index.push(d);
      rv.coeffs.push((s[k] as number) * S / R);
      const zk = addVar(1);
      binaries.push(zk);
      z.push(zk);
      rows.push({ name: `fill:${c}:${k}`, index: [d, zk], coeffs: [1, -len], lo: 0 });
      if (k > 0) {
        rows.push({ name: `order:${c}:${k}`, index: [d, z[k - 1]!], coeffs: [1, -len], hi: 0 });
      }
    }
    if (m < K) {
      const ylen = ((xs[K] as number) - (xs[m] as number)) / S;
      const y = addVar(ylen);
      const tv = addVar(Infinity);
      sv.push(y);
      rv.index.push(tv);
      rv.coeffs.push(1);
      if (m > 0) {
        rows.push({ name: `order:${c}:tail`, index: [y, z[m - 1]!], coeffs: [1, -ylen], hi: 0 });
      }
      for (let j = m; j < K; j++) {
        const sj = (s[j] as number) * S / R;
        const intercept = ((ys[j] as number) - (ys[m] as number)) / R -
          sj * ((xs[j] as number) - (xs[m] as number)) / S;
        rows.push({ name: `line:${c}:${j}`, index: [tv, y], coeffs: [1, -sj], hi: intercept });
      }
    }
  });
  const all = spendVars.flat();
  const sumL = lows.reduce((a, b) => a + b, 0);
  const sumR0 = resp0.reduce((a, b) => a + b, 0);
  if (totals.budget && !t.off.has("budget")) {
    const rhs = (totals.budget.value - sumL) / S;
    rows.push({
      name: "budget",
      index: all,
      coeffs: all.map(() => 1),
      hi: rhs,
      ...(totals.budget.mode === "equal" ? { lo: rhs } : {}),
    });
  }
  problem.groups.forEach((g, gi) => {
    const inG = new Set(g.members);
    const lowG = g.members.reduce((a, i) => a + (lows[i] as number), 0);
    const gVars = g.members.flatMap((i) => spendVars[i]!);
    const shareRow = (share: number, label: string, side: "lo" | "hi") => {
      const index: number[] = [], coeffs: number[] = [];
      spendVars.forEach((vs, i) => {
        for (const v of vs) {
          index.push(v);
          coeffs.push((inG.has(i) ? 1 : 0) - share);
        }
      });
      rows.push({ name: label, index, coeffs, [side]: (share * sumL - lowG) / S });
    };
    if (g.minShare !== undefined && !t.off.has(`group:${gi}:minShare`)) {
      shareRow(g.minShare, `group:${gi}:minShare`, "lo");
    }
    if (g.maxShare !== undefined && !t.off.has(`group:${gi}:maxShare`)) {
      shareRow(g.maxShare, `group:${gi}:maxShare`, "hi");
    }
    if (g.min !== undefined && !t.off.has(`group:${gi}:min`)) {
      rows.push({
        name: `group:${gi}:min`,
        index: gVars,
        coeffs: gVars.map(() => 1),
        lo: (g.min - lowG) / S,
      });
    }
    if (g.max !== undefined && !t.off.has(`group:${gi}:max`)) {
      rows.push({
        name: `group:${gi}:max`,
        index: gVars,
        coeffs: gVars.map(() => 1),
        hi: (g.max - lowG) / S,
      });
    }
  });
  const respIndex = respVars.flatMap((r) => r.index);
  const respCoeffs = respVars.flatMap((r) => r.coeffs);
  if (totals.minResponse !== undefined && !t.off.has("target")) {
    rows.push({
      name: "target",
      index: respIndex,
      coeffs: respCoeffs,
      lo: (totals.minResponse - sumR0) / R,
    });
  }
  if (totals.minRoas !== undefined && !t.off.has("roas")) {
    const rho = totals.minRoas;
    rows.push({
      name: "roas",
      index: [...respIndex, ...all],
      coeffs: [...respCoeffs, ...all.map(() => -rho * S / R)],
      lo: (rho * sumL - sumR0) / R,
    });
  }
  if (totals.objective === "max-response") {
    respIndex.forEach((v, k) => (objective[v] = (objective[v] as number) + respCoeffs[k]!));
  } else {
    for (const v of all) objective[v] = (objective[v] as number) + 1;
  }
  return {
    built: { nVars: objective.length, objective, upper, binaries, rows, spendVars, respVars },
    lows,
    resp0,
  };
}

/** Spend and response units that make the program's numbers O(1): the widest spend range of
 * a piece, and the total response range. */
function scales(pieces: readonly Piecewise[]): { S: number; R: number } {
  let S = 0, R = 0;
  for (const p of pieces) {
    const K = p.xs.length - 1;
    S = Math.max(S, (p.xs[K] as number) - (p.xs[0] as number));
    R += Math.abs((p.ys[K] as number) - (p.ys[0] as number));
  }
  return { S: S > 0 ? S : 1, R: R > 0 ? R : 1 };
}

/** One pass's answer: spend per channel and the program's optimum in original units. */
interface PassAnswer {
  readonly spend: Float64Array;
  readonly objective: number;
}

function solvePass(
  problem: ResolvedProblem,
  pieces: readonly Piecewise[],
  totals: Totals,
  t: Toggles,
  timeLimitMs?: number,
): PassAnswer | undefined {
  const { S, R } = scales(pieces);
  const { built, lows, resp0 } = build(problem, pieces, totals, t, S, R);
  const sol = solveLinearProgram({
    nVars: built.nVars,
    objective: Float64Array.from(built.objective),
    sense: totals.objective === "max-response" ? "max" : "min",
    upper: Float64Array.from(built.upper),
    binaries: built.binaries,
    rows: built.rows,
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
  });
  if (!sol.feasible) return undefined;
  const spend = new Float64Array(pieces.length);
  built.spendVars.forEach((vs, c) => {
    let s = 0;
    for (const v of vs) s += sol.values[v] as number;
    const p = pieces[c]!;
    spend[c] = Math.min(Math.max(lows[c]! + s * S, p.xs[0] as number), p.xs[p.xs.length - 1]!);
  });
  const objective = totals.objective === "max-response"
    ? sol.objective * R + resp0.reduce((a, b) => a + b, 0)
    : sol.objective * S + lows.reduce((a, b) => a + b, 0);
  return { spend, objective };
}

/** A refinement pass; a failed pass (numerical trouble in the solver) keeps the last answer. */
function tryPass(
  problem: ResolvedProblem,
  pieces: readonly Piecewise[],
  totals: Totals,
  t: Toggles,
): ReturnType<typeof solvePass> {
  try {
    return solvePass(problem, pieces, totals, t, REFINE_TIME_LIMIT_MS);
  } catch {
    return undefined;
  }
}

/** Samples every channel's curve with `n` breakpoints on its interval (or its window). */
function samplePieces(
  problem: ResolvedProblem,
  totals: Totals,
  t: Toggles,
  n: number,
  windows?: readonly (readonly [number, number])[],
): Piecewise[] {
  return problem.channels.map((c, i) => {
    const [lo, hi] = windows?.[i] ?? interval(problem, i, totals, t);
    const extra = c.current > lo && c.current < hi ? [c.current] : [];
    return thinPrefix(c.curve, samplePiecewise(c.curve, lo, hi, n, extra), MAX_ORDERED_PER_CHANNEL);
  });
}

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

/** Labels of every constraint that a conflict can involve, with readable descriptions. */
function constraintLabels(problem: ResolvedProblem, totals: Totals): Map<string, string> {
  const out = new Map<string, string>();
  problem.channels.forEach((c, i) => {
    if (c.locked) out.set(`locked:${i}`, `"${c.name}" locked at ${c.current}`);
    else {
      if (c.lower > 0) out.set(`lower:${i}`, `lower bound of "${c.name}" (${c.lower})`);
      out.set(`upper:${i}`, `upper bound of "${c.name}" (${c.upper})`);
    }
  });
  if (totals.budget) {
    out.set(
      "budget",
      `${totals.budget.mode === "equal" ? "budget =" : "budget <="} ${totals.budget.value}`,
    );
  }
  problem.groups.forEach((g, gi) => {
    if (g.minShare !== undefined) {
      out.set(`group:${gi}:minShare`, `group "${g.name}" share >= ${g.minShare}`);
    }
    if (g.maxShare !== undefined) {
      out.set(`group:${gi}:maxShare`, `group "${g.name}" share <= ${g.maxShare}`);
    }
    if (g.min !== undefined) out.set(`group:${gi}:min`, `group "${g.name}" spend >= ${g.min}`);
    if (g.max !== undefined) out.set(`group:${gi}:max`, `group "${g.name}" spend <= ${g.max}`);
  });
  if (totals.minResponse !== undefined) {
    out.set("target", `KPI target >= ${totals.minResponse}`);
  }
  if (totals.minRoas !== undefined) out.set("roas", `ROAS >= ${totals.minRoas}`);
  return out;
}

/**
 * A small set of constraints that cannot hold together, by the deletion filter (Chinneck &
 * Dravnieks 1991): drop each constraint in turn and keep it dropped while the rest stays
 * infeasible; what remains is irreducible.
 */
function findConflict(problem: ResolvedProblem, totals: Totals): string[] {
  const labels = constraintLabels(problem, totals);
  const off = new Set<string>();
  const feasible = () => {
    const t = { off };
    return solvePass(problem, samplePieces(problem, totals, t, 8), totals, t) !== undefined;
  };
  for (const label of labels.keys()) {
    off.add(label);
    if (feasible()) off.delete(label);
  }
  return [...labels.entries()].filter(([l]) => !off.has(l)).map(([, d]) => d);
}

const DP_STEPS = 2000;
const REFINE_PASSES = 5;
const REFINE_POINTS = 17;
const REFINE_TIME_LIMIT_MS = 2000;
/**
 * `"auto"` uses the MILP for at most this many ordered segments (3 S-curves). Branch-and-bound
 * time varies a lot between instances of the same size (10 S-curves over 0 … budget: 0.4 s in
 * the bench, 5.7 s for a random 9-curve case), while the DP's O(channels × 2000²) is
 * predictable (~0.1 s) and global on its grid, so larger budget-only problems go to the DP.
 */
const MILP_AUTO_LIMIT = 12;
/**
 * 0/1 variables per S-curve in the first pass. With all ~9 rising-slope segments of a
 * 50-breakpoint Hill (shape 2.5) the MILP for 10 channels over 0 … budget took 3.5–4.4 s in
 * javascript-lp-solver; with 4 it takes ~0.5 s and reaches the SLSQP references after
 * refinement (bench/optimize_bench.ts, tests/optimize/reference_test.ts).
 */
const MAX_ORDERED_PER_CHANNEL = 4;

function infeasible(problem: ResolvedProblem, totals: Totals): InfeasibleError {
  const conflict = findConflict(problem, totals);
  return new InfeasibleError(
    `Cannot optimize budget: the constraints contradict each other (${conflict.join("; ")})`,
    { hint: "loosen one of the listed constraints" },
  );
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
