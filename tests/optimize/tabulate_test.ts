import assert from "node:assert/strict";
import { optimizeBudget, tabulateResponses } from "mixlab";
import { interpolateResponses, pchip, sampleResponses } from "mixlab/optimize";

Deno.test("pchip() matches scipy's PchipInterpolator", () => {
  // tests/fixtures/reference/optimize_pchip.py (scipy 1.10)
  const expected = [
    0.27838541666666666,
    0.5215277777777778,
    0.8668650793650794,
    0.9306467181467181,
    0.9782263513513513,
    0.998812167167167,
  ];
  const f = pchip(Float64Array.from([0, 1, 2, 4, 7]), Float64Array.from([0, 0.8, 0.9, 0.95, 1]));
  [0.25, 0.5, 1.5, 3, 5.5, 6.9].forEach((x, i) =>
    assert.ok(Math.abs(f(x) - expected[i]!) < 1e-12, `${x}: ${f(x)} vs ${expected[i]}`)
  );
});

Deno.test("pchip() keeps step-like data monotone without overshoot", () => {
  const f = pchip(Float64Array.from([0, 1, 2, 3]), Float64Array.from([0, 0, 1, 1]));
  let prev = -Infinity;
  for (let x = 0; x <= 3; x += 0.01) {
    const y = f(x);
    assert.ok(y >= prev - 1e-15 && y >= 0 && y <= 1);
    prev = y;
  }
});

Deno.test("tabulateResponses() keeps curves, draws and the optimum", () => {
  const channels = [
    {
      name: "tv",
      currentSpend: 20,
      response: (x: number) => 3 * Math.log1p(x / 5),
      draws: [(x: number) => 2.5 * Math.log1p(x / 5), (x: number) => 3.5 * Math.log1p(x / 5)],
    },
    {
      name: "radio",
      currentSpend: 10,
      response: (x: number) => x * x / (x * x + 64),
      draws: [(x: number) => x * x / (x * x + 49), (x: number) => x * x / (x * x + 81)],
    },
  ];
  const tab = tabulateResponses(channels, { maxSpend: 60 });
  for (const x of [0, 0.3, 7, 19.5, 44, 60]) {
    assert.ok(Math.abs(tab[0]!.response(x) - channels[0]!.response(x)) < 1e-5);
    assert.ok(Math.abs(tab[1]!.draws![1]!(x) - channels[1]!.draws![1]!(x)) < 1e-5);
  }
  const exact = optimizeBudget(channels);
  const fast = optimizeBudget(tab);
  assert.ok(Math.abs(exact.totals.optimalResponse - fast.totals.optimalResponse) < 1e-4);
});

Deno.test("sampleResponses() tables survive JSON and rebuild the same interpolants", () => {
  const channels = [{
    name: "tv",
    currentSpend: 2,
    response: (x: number) => x / (x + 3),
    draws: [(x: number) => x / (x + 2)],
  }];
  const [table] = sampleResponses(channels, { maxSpend: 9, points: 4 });
  // quadratic spacing: 9·(i/3)² for i = 0..3
  assert.deepEqual(Array.from(table!.spend), [0, 1, 4, 9]);
  assert.deepEqual(Array.from(table!.response), [0, 1 / 4, 4 / 7, 9 / 12]);
  assert.deepEqual(Array.from(table!.draws![0]!), [0, 1 / 3, 4 / 6, 9 / 11]);
  const json = JSON.parse(JSON.stringify({
    ...table,
    spend: Array.from(table!.spend),
    response: Array.from(table!.response),
    draws: table!.draws!.map((d) => Array.from(d)),
  }));
  const [rebuilt] = interpolateResponses([{
    ...json,
    spend: Float64Array.from(json.spend),
    response: Float64Array.from(json.response),
    draws: json.draws.map((d: number[]) => Float64Array.from(d)),
  }]);
  const [direct] = tabulateResponses(channels, { maxSpend: 9, points: 4 });
  for (const x of [0, 0.5, 2, 3.7, 9, 12]) {
    assert.equal(rebuilt!.response(x), direct!.response(x));
    assert.equal(rebuilt!.draws![0]!(x), direct!.draws![0]!(x));
  }
});
