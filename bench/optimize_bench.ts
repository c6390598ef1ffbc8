/**
 * Budget optimizer benchmarks: 10 channels × 50 breakpoints.
 *
 * - "optimize concave": every curve concave (Hill shape 0.7–1), so one LP; with and without
 *   the two refinement passes.
 * - "optimize S-shaped": Hill shape 2.5, MILP (at most 4 ordered 0/1 variables per curve in the
 *   first pass, 40 in all) with ±50% bounds and with 0 … budget ranges, and the grid DP that
 *   `method: "auto"` uses beyond 3 S-curves under a budget and bounds. Before the prefix was thinned, the full-range
 *   MILP with all ~90 rising segments took 3.5–4.4 s.
 */
import { optimizeBudget } from "mixlab";
import type { ChannelResponse } from "mixlab/optimize";

function channels(shape: (i: number) => number): ChannelResponse[] {
  return Array.from({ length: 10 }, (_, i) => {
    const beta = 500 + 50 * i, k = 80 + 15 * i, s = shape(i);
    return {
      name: `c${i}`,
      currentSpend: 100 + 10 * i,
      response: (x: number) => beta * x ** s / (x ** s + k ** s),
    };
  });
}

const concave = channels((i) => 0.7 + 0.03 * i);
const sShaped = channels(() => 2.5);
const banded = { defaultBound: { minChange: -0.5, maxChange: 1 } };

Deno.bench({
  name: "LP, 1 pass",
  group: "optimize concave",
  baseline: true,
  fn: () => {
    optimizeBudget(concave, { ...banded, refine: false });
  },
});
Deno.bench({
  name: "LP + refinement passes",
  group: "optimize concave",
  fn: () => {
    optimizeBudget(concave, banded);
  },
});
Deno.bench({
  name: "MILP, ±50% bounds, 1 pass",
  group: "optimize S-shaped",
  baseline: true,
  fn: () => {
    optimizeBudget(sShaped, { ...banded, refine: false, method: "milp" });
  },
});
Deno.bench({
  name: "MILP, ±50% bounds, + refinement",
  group: "optimize S-shaped",
  fn: () => {
    optimizeBudget(sShaped, { ...banded, method: "milp" });
  },
});
Deno.bench({
  name: "MILP, 0 … budget, 1 pass",
  group: "optimize S-shaped",
  fn: () => {
    optimizeBudget(sShaped, { refine: false, method: "milp" });
  },
});
Deno.bench({
  name: "MILP, 0 … budget, refined",
  group: "optimize S-shaped",
  fn: () => {
    optimizeBudget(sShaped, { method: "milp" });
  },
});
Deno.bench({
  name: "DP, 0 … budget, polished + refined",
  group: "optimize S-shaped",
  fn: () => {
    optimizeBudget(sShaped, { method: "dp" });
  },
});
