/**
 * The mixed-integer program of one pass of the allocation solver (see `_solve.ts`): each
 * channel's curve sampled into a piecewise-linear function on its interval, the program built
 * from the pieces (epigraph rows for concave pieces, ordered 0/1 variables for rising slopes),
 * scaled to O(1), and solved.
 *
 * @module
 */
import { type LinearRow, solveLinearProgram } from "./lp_model.ts";
import { type Piecewise, samplePiecewise, slopes, thinPrefix } from "./_piecewise.ts";
import type { ResolvedProblem } from "./_problem.ts";

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

/** Time limit of one refinement pass, in milliseconds. */
const REFINE_TIME_LIMIT_MS = 2000;
/**
 * 0/1 variables per S-curve in the first pass. With all ~9 rising-slope segments of a
 * 50-breakpoint Hill (shape 2.5) the MILP for 10 channels over 0 … budget took 3.5–4.4 s in
 * javascript-lp-solver; with 4 it takes ~0.5 s and reaches the SLSQP references after
 * refinement (bench/optimize_bench.ts, tests/optimize/reference_test.ts).
 */
const MAX_ORDERED_PER_CHANNEL = 4;

/** Which constraints are switched off (the conflict search drops them one at a time). */
export interface Toggles {
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
export function interval(
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
export interface PassAnswer {
  readonly spend: Float64Array;
  readonly objective: number;
}

export function solvePass(
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
export function tryPass(
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
export function samplePieces(
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
