// optimizeGeoBudget against answers worked out by hand: with f = a·ln(1 + x) the first-order
// condition a_i/(1 + x_i) = λ gives every free cell in closed form, and a binding group fixes its
// own multiplier (derivations in each test).
import { ConfigError, InfeasibleError } from "mixlab";
import { optimizeGeoBudget } from "mixlab/optimize";
import assert from "node:assert/strict";

const cell = (geo: string, channel: string, a: number, currentSpend: number) => ({
  geo,
  channel,
  currentSpend,
  response: (x: number) => a * Math.log1p(x),
});
// geo A: tv a = 2, radio a = 1; geo B: tv a = 3, radio a = 1; current spend 1, 2, 3, 2 (sum 8)
const CELLS = [
  cell("A", "tv", 2, 1),
  cell("A", "radio", 1, 2),
  cell("B", "tv", 3, 3),
  cell("B", "radio", 1, 2),
];
const spends = (s: { cells: readonly { optimalSpend: number }[] }) =>
  s.cells.map((c) => c.optimalSpend);
const near = (got: readonly number[], want: readonly number[], tol = 2e-3) =>
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) < tol, `${i}: ${got} vs ${want}`));
const total = (x: readonly number[]) => x.reduce((a, b) => a + b, 0);

Deno.test("optimizeGeoBudget() equalises marginal returns: λ = Σa/(B + 4) = 7/14, x = a/λ − 1", () => {
  const split = optimizeGeoBudget(CELLS, { budget: 10 });
  near(spends(split), [3, 1, 5, 1]);
  assert.ok(Math.abs(total(spends(split)) - 10) < 1e-9, "the budget is spent exactly");
  assert.deepEqual(split.channels.map((c) => c.name), ["tv", "radio"]);
  near(split.channels.map((c) => c.optimalSpend), [8, 2]);
  near(split.geos.map((g) => g.optimalSpend), [4, 6]);
  near([split.solution.totals.optimalResponse], [
    2 * Math.log(4) + Math.log(2) + 3 * Math.log(6) + Math.log(2),
  ]);
});

Deno.test("optimizeGeoBudget() a channel bound: tv ≤ 1.5 × its current 4 binds", () => {
  // tv total 6: 2/(1 + xA) = 3/(1 + xB), xA + xB = 6 → 1 + xA = 8/2.5 = 3.2; radio gets 4, 2 + 2
  const split = optimizeGeoBudget(CELLS, { budget: 10, channelBounds: { tv: { maxChange: 0.5 } } });
  near(spends(split), [2.2, 2, 3.8, 2]);
  assert.ok(Math.abs(total(spends(split)) - 10) < 1e-9);
  assert.ok(split.channels[0]!.optimalSpend <= 6 + 1e-9);
});

Deno.test("optimizeGeoBudget() a geo bound: geo B ≤ 5 in money", () => {
  // A gets 5: 3/λ − 2 = 5 → λ = 3/7, x = 11/3, 4/3; B gets 5: 4/μ − 2 = 5 → μ = 4/7, x = 17/4, 3/4
  const split = optimizeGeoBudget(CELLS, { budget: 10, geoBounds: { B: { max: 5 } } });
  near(spends(split), [11 / 3, 4 / 3, 17 / 4, 3 / 4]);
  assert.ok(split.geos[1]!.optimalSpend <= 5 + 1e-9);
  assert.ok(Math.abs(total(spends(split)) - 10) < 1e-9);
});

Deno.test("optimizeGeoBudget() cell bounds hold: each cell within 0.5–2 × current", () => {
  const split = optimizeGeoBudget(CELLS, {
    budget: 10,
    cellBound: { minChange: -0.5, maxChange: 1 },
  });
  split.cells.forEach((c) => {
    assert.ok(c.optimalSpend >= 0.5 * c.currentSpend - 1e-9, `${c.geo}/${c.channel} low`);
    assert.ok(c.optimalSpend <= 2 * c.currentSpend + 1e-9, `${c.geo}/${c.channel} high`);
  });
  // A/tv wants 3 but is capped at 2 (its marginal 2/3 stays above the rest's); the other three
  // share 8: 1/λ − 1 + 3/λ − 1 + 1/λ − 1 = 8 → λ = 5/11, x = 1.2, 5.6, 1.2 (inside their bounds)
  near(spends(split), [2, 1.2, 5.6, 1.2]);
  assert.ok(Math.abs(total(spends(split)) - 10) < 1e-9);
});

Deno.test("optimizeGeoBudget() nationally: geos keep their current proportions within each channel", () => {
  // tv is shared 1/4 : 3/4, radio 1/2 : 1/2. National curves T(s) = 2 ln(1 + s/4) + 3 ln(1 + 3s/4)
  // and R(r) = 2 ln(1 + r/2); the optimum solves T'(s) = R'(10 − s), found here by bisection.
  const dT = (s: number) => 0.5 / (1 + s / 4) + 2.25 / (1 + 0.75 * s);
  const dR = (r: number) => 1 / (1 + r / 2);
  let lo = 0, hi = 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (dT(mid) > dR(10 - mid)) lo = mid;
    else hi = mid;
  }
  const s = (lo + hi) / 2;
  const split = optimizeGeoBudget(CELLS, { budget: 10, level: "national" });
  near(spends(split), [s / 4, (10 - s) / 2, 3 * s / 4, (10 - s) / 2]);
  assert.ok(Math.abs(total(spends(split)) - 10) < 1e-9);
  assert.equal(split.solution.channels.length, 2);
});

Deno.test("optimizeGeoBudget() names unknown geos and refuses geo bounds nationally", () => {
  assert.throws(
    () => optimizeGeoBudget(CELLS, { geoBounds: { C: { max: 1 } } }),
    (e: unknown) =>
      e instanceof ConfigError && e.key === "geoBounds.C" && /"A", "B"/.test(e.hint ?? ""),
  );
  assert.throws(
    () => optimizeGeoBudget(CELLS, { level: "national", geoBounds: { A: { max: 1 } } }),
    (e: unknown) => e instanceof ConfigError && e.key === "geoBounds",
  );
  assert.throws(
    () => optimizeGeoBudget(CELLS, { budget: 10, geoBounds: { A: { min: 6 }, B: { min: 6 } } }),
    (e: unknown) => e instanceof InfeasibleError,
  );
});
