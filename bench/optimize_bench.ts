/**
 * Budget optimizer benchmarks: 10 channels × 50 breakpoints.
 *
 * - "optimize concave": every curve concave (Hill shape 0.7–1), so one LP; with and without
 *   the two refinement passes.
 * - "optimize S-shaped": Hill shape 2.5. With ±50% bounds the MILP has ~60 ordered 0/1
 *   variables; with 0 … budget ranges it has ~90 and javascript-lp-solver's branch and bound
 *   takes seconds, which is why `method: "auto"` switches to the grid DP there (compare the
 *   "milp, full range" and "dp, full range" rows).
 */
import { type ChannelResponse, optimizeBudget } from "mixlab";

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
  name: "LP, 3 passes (refined)",
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
  name: "MILP, ±50% bounds, 3 passes",
  group: "optimize S-shaped",
  fn: () => {
    optimizeBudget(sShaped, { ...banded, method: "milp" });
  },
});
Deno.bench({
  name: "milp, full range, 1 pass",
  group: "optimize S-shaped",
  n: 3,
  warmup: 1,
  fn: () => {
    optimizeBudget(sShaped, { refine: false, method: "milp" });
  },
});
Deno.bench({
  name: "dp, full range, polished + refined",
  group: "optimize S-shaped",
  fn: () => {
    optimizeBudget(sShaped, { method: "dp" });
  },
});
