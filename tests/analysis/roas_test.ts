import assert from "node:assert/strict";
import { channelReturns } from "mixlab";
import { contributions } from "mixlab";
import { toyData, toyModel } from "../_toy_model.ts";

// No carryover and shape 1: each week contributes β·f(x/scale) with f(z) = z / (z + k).
// With a constant weekly spend c over n weeks, contribution = n·β·f(c/scale).
const ch = { name: "search", theta: 0, k: 2, shape: 1, beta: 30, scale: 5 };
const other = { name: "tv", theta: 0, k: 1, shape: 1, beta: 10, scale: 1 };
const n = 20, c = 10;
const data = toyData({
  search: Array.from({ length: n }, () => c),
  tv: Array.from({ length: n }, () => 1),
});
const f = (x: number, k: number, scale: number) => (x / scale) / (x / scale + k);
// contribution = n · 30 · f(c, 2, 5) = 20 · 30 · 0.5 = 300
const mroas = (n * 30 * (f(c * 1.01, 2, 5) - f(c, 2, 5))) / (0.01 * n * c);

Deno.test("channelReturns() gives ROAS, CPA and marginal ROAS from their definitions", () => {
  const r = channelReturns(toyModel(data, [ch, other], 0)).channels[0]!;
  assert.equal(r.spend, 200);
  assert.ok(Math.abs(r.contribution.value - 300) < 1e-9);
  assert.ok(Math.abs(r.roas.value - 1.5) < 1e-12);
  assert.ok(Math.abs(r.cpa.value - 200 / 300) < 1e-12);
  assert.ok(Math.abs(r.mroas.value - mroas) < 1e-9);
  assert.equal(r.roas.lower, undefined);
});

Deno.test("channelReturns() gives intervals from draws as type-7 quantiles", () => {
  // Draws scale every β by 0.8 … 1.2: ROAS per draw = 1.5 × factor. The 5% quantile of five
  // ordered values is at h = 4 · 0.05 = 0.2: 0.8 + 0.2 · (0.9 − 0.8) = 0.82.
  const fit = toyModel(data, [ch, other], 0, [1.2, 0.8, 1.0, 0.9, 1.1]);
  const r = channelReturns(fit, { level: 0.9 }).channels[0]!;
  assert.ok(Math.abs(r.roas.value - 1.5) < 1e-12);
  assert.ok(Math.abs(r.roas.lower! - 1.5 * 0.82) < 1e-12);
  assert.ok(Math.abs(r.roas.upper! - 1.5 * 1.18) < 1e-12);
  assert.match(channelReturns(fit).toTable().toHtml(), /ROAS 90% low/);
});

Deno.test("contributions() totals add up and shares are against media totals", () => {
  const d = contributions(toyModel(data, [ch, other], 7));
  const total = d.totals.reduce((a, t) => a + t.total, 0);
  assert.ok(Math.abs(total - d.fitted.reduce((a, b) => a + b, 0)) < 1e-9);
  // tv: 20 weeks × 10 × f(1, 1, 1) = 100; search 300 → effect shares 0.75 / 0.25
  const [s, t] = d.channels;
  assert.ok(Math.abs(s!.effectShare - 0.75) < 1e-12);
  assert.ok(Math.abs(t!.effectShare - 0.25) < 1e-12);
  assert.ok(Math.abs(s!.spendShare - 200 / 220) < 1e-12);
  assert.ok(Math.abs(d.baseline()[0]! - 7) < 1e-12);
});
