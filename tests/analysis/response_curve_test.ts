import assert from "node:assert/strict";
import { responseCurves, responseFunctions } from "mixlab";
import { marginalResponse } from "mixlab/analysis";
import { toyData, toyModel } from "../_toy_model.ts";

// tv: geometric adstock θ = 0.5, hill(k = 1, shape = 1), β = 100, scale = 10.
// A steady weekly spend s accumulates to s / (1 − θ) = 2s, so z = 2s / 10 = s / 5 and the
// steady-state response is R(s) = 100 · (s/5) / (s/5 + 1) = 100 s / (s + 5).
// R'(s) = 500 / (s + 5)^2, so R'(10) = 500 / 225; R'(s) = 1 at s = √500 − 5.
const tv = { name: "tv", theta: 0.5, k: 1, shape: 1, beta: 100, scale: 10 };
// radio: no carryover, hill(k = 0.5, shape = 2), β = 40, scale = 4: R(s) = 40 z²/(z² + 0.25), z = s/4.
const radio = { name: "radio", theta: 0, k: 0.5, shape: 2, beta: 40, scale: 4 };
const n = 80;
const data = toyData({
  tv: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 5 : 15)), // mean 10
  radio: Array.from({ length: n }, () => 2), // mean 2
});
const fit = toyModel(data, [tv, radio], 50);
const R = (s: number) => (100 * s) / (s + 5);
const Rradio = (s: number) => (40 * (s / 4) ** 2) / ((s / 4) ** 2 + 0.25);

Deno.test("responseFunctions() gives the closed-form steady state, carryover included", () => {
  const [ftv, fradio] = responseFunctions(fit);
  assert.equal(ftv!.currentSpend, 10);
  assert.equal(fradio!.currentSpend, 2);
  for (const s of [0, 1, 10, 37.5, 200]) {
    assert.ok(Math.abs(ftv!.response(s) - R(s)) < 1e-9 * Math.max(1, R(s)), `tv at ${s}`);
    assert.ok(Math.abs(fradio!.response(s) - Rradio(s)) < 1e-9 * Math.max(1, Rradio(s)));
  }
});

Deno.test("marginalResponse() matches the derivative of the closed form", () => {
  const [ftv] = responseFunctions(fit);
  assert.ok(Math.abs(marginalResponse(ftv!, 10) - 500 / 225) < 1e-6);
});

Deno.test("responseCurves() finds the operating point, breakeven and saturation spends", () => {
  const curves = responseCurves(fit, { points: 11, maxMultiple: 2 });
  const c = curves.curves[0]!;
  assert.equal(c.spend.length, 11);
  assert.equal(c.spend[10], 20);
  assert.ok(Math.abs(c.response[10]! - R(20)) < 1e-9);
  assert.ok(Math.abs(c.current.response - R(10)) < 1e-9);
  assert.ok(Math.abs(c.current.roas - R(10) / 10) < 1e-9);
  assert.ok(Math.abs(c.breakevenSpend! - (Math.sqrt(500) - 5)) < 1e-5);
  // plateau = R(1000 × 10); 90% of it is reached where 100 s/(s+5) = p, i.e. s = 5p/(100 − p)
  const p = 0.9 * R(10000);
  assert.ok(Math.abs(c.saturationSpend! - (5 * p) / (100 - p)) < 1e-6);
  assert.match(curves.toTable().toHtml(), /tv/);
});
