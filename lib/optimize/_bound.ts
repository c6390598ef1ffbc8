/**
 * An upper bound on the best total response under a budget, by Lagrangian duality: for any
 * λ (λ ≥ 0 when the budget is an upper limit),
 *
 *   max Σ f_c(x_c)  s.t. Σ x_c = B, L_c ≤ x_c ≤ U_c   ≤   λ·B + Σ_c max_{L_c ≤ x ≤ U_c} (f_c(x) − λ·x)
 *
 * (weak duality; Boyd & Vandenberghe, "Convex Optimization", §5.2). It is tight for concave
 * curves and holds for any shape. The dual is minimised over λ by golden-section search on a
 * 2000-point grid per channel; at the final λ each channel's inner maximum is polished by a
 * golden-section search around its best grid point.
 *
 * @module
 */
import { goldenSectionMin } from "../_internal/golden_section.ts";
import type { SpendCurve } from "./types.ts";

/** One channel as the bound sees it. */
export interface BoundChannel {
  readonly curve: SpendCurve;
  readonly lower: number;
  readonly upper: number;
}

const N = 2000;

/** The Lagrangian upper bound of the best total response. */
export function lagrangianBound(
  channels: readonly BoundChannel[],
  budget: number,
  mode: "equal" | "atMost",
): number {
  const grids = channels.map((c) => {
    const n = c.upper > c.lower ? N : 0;
    const xs = new Float64Array(n + 1), ys = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) {
      xs[i] = n === 0 ? c.lower : c.lower + ((c.upper - c.lower) * i) / n;
      ys[i] = c.curve(xs[i] as number);
    }
    return { xs, ys };
  });
  let maxSlope = 0;
  for (const g of grids) {
    for (let i = 1; i < g.xs.length; i++) {
      const s = ((g.ys[i] as number) - (g.ys[i - 1] as number)) /
        ((g.xs[i] as number) - (g.xs[i - 1] as number));
      if (s > maxSlope) maxSlope = s;
    }
  }
  const dual = (lambda: number, argmax?: Int32Array): number => {
    let total = lambda * budget;
    grids.forEach((g, c) => {
      let best = -Infinity, arg = 0;
      for (let i = 0; i < g.xs.length; i++) {
        const v = (g.ys[i] as number) - lambda * (g.xs[i] as number);
        if (v > best) {
          best = v;
          arg = i;
        }
      }
      total += best;
      if (argmax) argmax[c] = arg;
    });
    return total;
  };
  const search = goldenSectionMin(dual, mode === "atMost" ? 0 : -maxSlope, maxSlope, {
    maxIterations: 60,
  });
  const lambda = search.f1 <= search.f2 ? search.x1 : search.x2;
  const argmax = new Int32Array(channels.length);
  dual(lambda, argmax);
  let total = lambda * budget;
  channels.forEach((c, k) => {
    const g = grids[k]!;
    const i = argmax[k] as number;
    const lo = g.xs[Math.max(0, i - 1)] as number;
    const hi = g.xs[Math.min(g.xs.length - 1, i + 1)] as number;
    const atGrid = (g.ys[i] as number) - lambda * (g.xs[i] as number);
    const polish = goldenSectionMin((x) => lambda * x - c.curve(x), lo, hi, { maxIterations: 60 });
    total += Math.max(atGrid, -polish.f1, -polish.f2);
  });
  return total;
}
