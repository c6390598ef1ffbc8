import assert from "node:assert/strict";
import { solveLinearProgram } from "../../lib/optimize/lp_model.ts";

Deno.test("solveLinearProgram() solves a small LP (hand calculation)", () => {
  // max 3x + 2y  s.t. x + y ≤ 4, x + 3y ≤ 6, x ≤ 3 → vertex (3, 1), objective 11
  const sol = solveLinearProgram({
    nVars: 2,
    objective: Float64Array.from([3, 2]),
    sense: "max",
    upper: Float64Array.from([3, Infinity]),
    binaries: [],
    rows: [
      { name: "a", index: [0, 1], coeffs: [1, 1], hi: 4 },
      { name: "b", index: [0, 1], coeffs: [1, 3], hi: 6 },
    ],
  });
  assert.equal(sol.feasible, true);
  assert.ok(Math.abs(sol.values[0]! - 3) < 1e-9 && Math.abs(sol.values[1]! - 1) < 1e-9);
  assert.ok(Math.abs(sol.objective - 11) < 1e-9);
});

Deno.test("solveLinearProgram() solves a 0/1 knapsack and detects infeasibility", () => {
  // items (value, weight): (6,3) (5,2) (4,2), capacity 4 → take items 2 and 3, value 9
  const sol = solveLinearProgram({
    nVars: 3,
    objective: Float64Array.from([6, 5, 4]),
    sense: "max",
    upper: Float64Array.from([1, 1, 1]),
    binaries: [0, 1, 2],
    rows: [{ name: "cap", index: [0, 1, 2], coeffs: [3, 2, 2], hi: 4 }],
  });
  assert.deepEqual(Array.from(sol.values), [0, 1, 1]);
  const none = solveLinearProgram({
    nVars: 1,
    objective: Float64Array.from([1]),
    sense: "min",
    upper: Float64Array.from([1]),
    binaries: [],
    rows: [{ name: "x>=2", index: [0], coeffs: [1], lo: 2 }],
  });
  assert.equal(none.feasible, false);
});
