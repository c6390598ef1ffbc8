/**
 * When the constraints of an allocation contradict each other: a small set of them that cannot
 * hold together, named in the error.
 *
 * @module
 */
import { InfeasibleError } from "../errors.ts";
import type { ResolvedProblem } from "./_problem.ts";
import { samplePieces, solvePass, type Totals } from "./_program.ts";

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

/** The error of an infeasible problem, naming a minimal set of contradicting constraints. */
export function infeasible(problem: ResolvedProblem, totals: Totals): InfeasibleError {
  const conflict = findConflict(problem, totals);
  return new InfeasibleError(
    `Cannot optimize budget: the constraints contradict each other (${conflict.join("; ")})`,
    { hint: "loosen one of the listed constraints" },
  );
}
