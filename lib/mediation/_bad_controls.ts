/**
 * Bad controls among a model's regressors for the effect of x on y (Cinelli, Forney & Pearl,
 * "A Crash Course in Good and Bad Controls", 2022): mediators (for the total effect), other
 * descendants of x, pre-treatment colliders whose inclusion opens a path, and back-door paths
 * the regressors leave open.
 *
 * @module
 */
import type { Diagnostic } from "../types.ts";
import { dSeparated, reach } from "./_graph.ts";

/** A DAG as node ids: names, the id of each name, and parent and child lists. */
export interface GraphIds {
  readonly nodes: readonly { readonly name: string }[];
  readonly index: ReadonlyMap<string, number>;
  readonly parents: readonly (readonly number[])[];
  readonly children: readonly (readonly number[])[];
}

/** The effect being estimated: treatment x, outcome y (names and ids), total or direct. */
export interface EffectQuery {
  readonly x: string;
  readonly y: string;
  readonly xi: number;
  readonly yi: number;
  readonly effect: "total" | "direct";
}

/**
 * Diagnostics for the regressors (see `CausalDag.checkRegressors`); `suggest` gives an
 * adjustment set to name when a back-door path stays open.
 */
export function badControls(
  g: GraphIds,
  query: EffectQuery,
  regressors: readonly string[],
  suggest: () => string[] | undefined,
): Diagnostic[] {
  const { x, y, xi, yi, effect } = query;
  const desc = reach([xi], g.children);
  const ancY = reach([yi], g.parents);
  const descY = reach([yi], g.children);
  const out: Diagnostic[] = [];
  const z = new Set<number>();
  const seen = new Set<string>();
  for (const r of regressors) {
    if (r === x || seen.has(r)) continue;
    seen.add(r);
    const ri = g.index.get(r);
    if (ri === undefined) {
      out.push({
        level: "info",
        code: "not-in-dag",
        message: `Regressor "${r}" is not in the causal graph, so it was not checked`,
        subject: r,
      });
      continue;
    }
    if (ri === yi) continue;
    if (desc.has(ri)) {
      const mediates = ancY.has(ri);
      if (mediates && effect === "direct") {
        z.add(ri);
        continue;
      }
      const code = mediates
        ? "bad-control-mediator"
        : descY.has(ri)
        ? "bad-control-collider"
        : "bad-control-descendant";
      const why = mediates
        ? `it lies on a causal path from "${x}" to "${y}", so controlling for it removes part of the effect`
        : descY.has(ri)
        ? `it is caused by both "${x}" and "${y}", so controlling for it biases the estimate`
        : `it is caused by "${x}", so controlling for it can bias the estimate`;
      out.push({
        level: "warning",
        code,
        message: `Regressor "${r}" is a bad control for the ${effect} effect of "${x}": ${why}`,
        subject: r,
      });
      continue;
    }
    z.add(ri);
  }
  // A pre-treatment regressor is a collider-type bad control when the remaining regressors
  // satisfy the back-door criterion without it and fail with it.
  for (const ri of [...z]) {
    const without = new Set(z);
    without.delete(ri);
    const opens = !dSeparated(g.parents, xi, yi, z, xi) &&
      dSeparated(g.parents, xi, yi, without, xi);
    if (opens) {
      const r = (g.nodes[ri] as { name: string }).name;
      out.push({
        level: "warning",
        code: "bad-control-collider",
        message:
          `Regressor "${r}" is a bad control for the ${effect} effect of "${x}": it is a collider (or a descendant of one) and controlling for it opens a non-causal path to "${y}"`,
        subject: r,
      });
      z.delete(ri);
    }
  }
  if (!dSeparated(g.parents, xi, yi, z, xi)) {
    const suggestion = suggest();
    out.push({
      level: "warning",
      code: "open-backdoor",
      message: suggestion === undefined
        ? `The regressors leave a back-door path from "${x}" to "${y}" open, and no set of observed nodes closes it`
        : `The regressors leave a back-door path from "${x}" to "${y}" open; adjust for ${
          suggestion.length === 0 ? "nothing else" : suggestion.map((s) => `"${s}"`).join(", ")
        }`,
      subject: x,
    });
  }
  return out;
}
