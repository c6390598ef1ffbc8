/**
 * The one facade over javascript-lp-solver: a small, index-based linear (or mixed 0/1) program
 * is turned into the solver's JSON model, solved, and read back into a `Float64Array`. No other
 * module imports the solver, so swapping it means changing this file only.
 *
 * @module
 */
import lpSolver, { type Model } from "javascript-lp-solver";

// The package's CommonJS default export is the solver object; its .d.ts types the default
// import as the module namespace under Deno's npm interop, hence the narrow cast.
const solver = lpSolver as unknown as { Solve(model: Model, precision?: number): unknown };

// The solver's default 1e-9 tolerance picks wrong pivots between the nearly parallel segment
// lines of a fine grid (slopes 5e-6 apart), which 1e-12 solves; with 0/1 variables, 1e-12 makes
// branch and bound crawl (2 s time-outs on programs solved in 4 ms at 1e-9). So every answer is
// checked; an LP is retried at the tighter tolerance, a MILP is not.
const PRECISIONS_LP = [1e-12, 1e-9];
const PRECISIONS_MILP = [1e-9];

/** One linear row `lo ≤ Σ coeffs[j]·v[index[j]] ≤ hi` of a {@link LinearProgram}. */
export interface LinearRow {
  /** A readable name, used when a row has to be reported. */
  readonly name: string;
  /** Variable indices of the non-zero coefficients. */
  readonly index: readonly number[];
  /** The non-zero coefficients. */
  readonly coeffs: readonly number[];
  /** Lower end (omit for none). */
  readonly lo?: number;
  /** Upper end (omit for none). */
  readonly hi?: number;
}

/** A linear program over non-negative variables, some of them 0/1. */
export interface LinearProgram {
  /** Number of variables; all are ≥ 0. */
  readonly nVars: number;
  /** Objective coefficient of each variable. */
  readonly objective: Float64Array;
  /** Whether the objective is maximised or minimised. */
  readonly sense: "max" | "min";
  /** Upper bound of each variable (`Infinity` for none). */
  readonly upper: Float64Array;
  /** Indices of the 0/1 variables. */
  readonly binaries: readonly number[];
  /** The linear rows. */
  readonly rows: readonly LinearRow[];
  /**
   * Stop branch and bound after this many milliseconds and return the best point found (used
   * for refinement passes, whose answer is checked by the caller). @default no limit
   */
  readonly timeLimitMs?: number;
}

/** What the solver found. */
export interface LinearSolution {
  /** Whether a feasible point was found. */
  readonly feasible: boolean;
  /** Variable values (zeros when infeasible). */
  readonly values: Float64Array;
  /** The objective at `values`. */
  readonly objective: number;
}

/**
 * Solves a {@link LinearProgram} with javascript-lp-solver (simplex, plus branch and bound when
 * there are 0/1 variables). Branch and bound runs to proven optimality (relative tolerance 0).
 */
export function solveLinearProgram(lp: LinearProgram): LinearSolution {
  const constraints: Model["constraints"] = {};
  const variables: Model["variables"] = {};
  lp.rows.forEach((row, i) => {
    const bound: { min?: number; max?: number } = {};
    if (row.lo !== undefined) bound.min = row.lo;
    if (row.hi !== undefined) bound.max = row.hi;
    constraints[`r${i}`] = bound;
  });
  for (let j = 0; j < lp.nVars; j++) {
    const coefficients: Record<string, number> = { obj: lp.objective[j] as number };
    const ub = lp.upper[j] as number;
    if (Number.isFinite(ub)) {
      constraints[`u${j}`] = { max: ub };
      coefficients[`u${j}`] = 1;
    }
    variables[`v${j}`] = coefficients;
  }
  lp.rows.forEach((row, i) => {
    for (let k = 0; k < row.index.length; k++) {
      const c = variables[`v${row.index[k]}`] as Record<string, number>;
      c[`r${i}`] = (c[`r${i}`] ?? 0) + (row.coeffs[k] as number);
    }
  });
  const binaries: Record<string, 1> = {};
  for (const j of lp.binaries) binaries[`v${j}`] = 1;
  const model: Model = {
    optimize: "obj",
    opType: lp.sense,
    constraints,
    variables,
    binaries,
    options: lp.timeLimitMs === undefined
      ? { tolerance: 0 }
      : { tolerance: 0, timeout: lp.timeLimitMs },
  };
  let worst = { name: "", amount: 0 };
  for (const precision of lp.binaries.length === 0 ? PRECISIONS_LP : PRECISIONS_MILP) {
    const out = solver.Solve(model, precision) as Record<string, number | boolean | undefined>;
    const values = new Float64Array(lp.nVars);
    if (out.feasible !== true) return { feasible: false, values, objective: NaN };
    let objective = 0;
    for (let j = 0; j < lp.nVars; j++) {
      const v = out[`v${j}`];
      values[j] = typeof v === "number" ? v : 0;
      objective += (lp.objective[j] as number) * (values[j] as number);
    }
    worst = maxViolation(lp, values);
    if (worst.amount <= VIOLATION_TOLERANCE) return { feasible: true, values, objective };
  }
  throw new Error(
    `Cannot solve linear program: the solver's answer violates "${worst.name}" by ${worst.amount}`,
  );
}

/** Scaled programs have O(1) rows, so an absolute tolerance is meaningful. */
const VIOLATION_TOLERANCE = 1e-6;

/** The largest amount by which a point violates a row or a variable bound. */
function maxViolation(lp: LinearProgram, values: Float64Array): { name: string; amount: number } {
  let name = "", amount = 0;
  for (const row of lp.rows) {
    let a = 0;
    for (let k = 0; k < row.index.length; k++) {
      a += (row.coeffs[k] as number) * (values[row.index[k] as number] as number);
    }
    const v = Math.max(
      row.lo !== undefined ? row.lo - a : 0,
      row.hi !== undefined ? a - row.hi : 0,
    );
    if (v > amount) [name, amount] = [row.name, v];
  }
  for (let j = 0; j < lp.nVars; j++) {
    const x = values[j] as number;
    const v = Math.max(-x, x - (lp.upper[j] as number));
    if (v > amount) [name, amount] = [`bounds of variable ${j}`, v];
  }
  return { name, amount };
}
