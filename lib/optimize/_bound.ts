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
import type { SpendCurve } from "./types.ts";

/** One channel as the bound sees it. */
export interface BoundChannel {
  readonly curve: SpendCurve;
  readonly lower: number;
  readonly upper: number;
}

const N = 2000;
const PHI = (Math.sqrt(5) - 1) / 2;

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
  let a = mode === "atMost" ? 0 : -maxSlope, b = maxSlope;
  let x1 = b - PHI * (b - a), x2 = a + PHI * (b - a);
  let f1 = dual(x1), f2 = dual(x2);
  for (let it = 0; it < 60; it++) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - PHI * (b - a);
      f1 = dual(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + PHI * (b - a);
      f2 = dual(x2);
    }
  }
  const lambda = f1 <= f2 ? x1 : x2;
  const argmax = new Int32Array(channels.length);
  dual(lambda, argmax);
  let total = lambda * budget;
  channels.forEach((c, k) => {
    const g = grids[k]!;
    const i = argmax[k] as number;
    const lo = g.xs[Math.max(0, i - 1)] as number;
    const hi = g.xs[Math.min(g.xs.length - 1, i + 1)] as number;
    const h = (x: number) => c.curve(x) - lambda * x;
    let best = (g.ys[i] as number) - lambda * (g.xs[i] as number);
    let p = lo, q = hi;
    let u = q - PHI * (q - p), v = p + PHI * (q - p);
    let hu = h(u), hv = h(v);
    for (let it = 0; it < 60 && q - p > 0; it++) {
      if (hu >= hv) {
        q = v;
        v = u;
        hv = hu;
        u = q - PHI * (q - p);
        hu = h(u);
      } else {
        p = u;
        u = v;
        hu = hv;
        v = p + PHI * (q - p);
        hv = h(v);
      }
    }
    best = Math.max(best, hu, hv);
    total += best;
  });
  return total;
}
