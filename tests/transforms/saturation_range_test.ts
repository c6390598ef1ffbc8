/**
 * Contract over every registered saturation: no corner of its default tuning range turns a
 * typical media series into a near-constant column (one the `flat-column` guardrail would flag).
 * The series are built here, independently of lib/sim: always-on spend (log-normal AR(1) at
 * coefficients of variation 0.2, 0.4 and 0.8) and flighted spend (on/off bursts of 2–8 weeks),
 * each carried over by a geometric adstock of decay 0, 0.5 or 0.8 and divided by its gain
 * 1/(1−decay), so the input has mean ≈ 1 as the media pipeline's does.
 */
import assert from "node:assert/strict";
import { Rng } from "mixlab";
import { columnFlatness, DEFAULT_GUARDRAIL_LIMITS } from "mixlab/guardrails";
import { getTransform, saturationKinds } from "mixlab/transforms";

const N = 156, WARMUP = 8;

function typicalInputs(): { name: string; u: Float64Array }[] {
  const rng = new Rng(2024);
  const out: { name: string; u: Float64Array }[] = [];
  const spends: { name: string; x: Float64Array }[] = [];
  for (const cv of [0.2, 0.4, 0.8]) {
    const sigma = Math.sqrt(Math.log(1 + cv * cv));
    let z = 0;
    const raw = Float64Array.from({ length: N }, () => {
      z = 0.6 * z + 0.8 * rng.normal();
      return Math.exp(sigma * z);
    });
    spends.push({ name: `always-on cv ${cv}`, x: raw });
  }
  const flighted = new Float64Array(N);
  for (let t = 0; t < N;) {
    const on = 2 + rng.int(7), off = 2 + rng.int(7);
    for (let k = 0; k < on && t < N; k++, t++) flighted[t] = rng.uniformIn(0.5, 1.5);
    t += off;
  }
  spends.push({ name: "flighted", x: flighted });
  for (const { name, x } of spends) {
    const mean = x.reduce((a, b) => a + b, 0) / N;
    for (const decay of [0, 0.5, 0.8]) {
      const u = new Float64Array(N);
      let carried = 0;
      for (let t = 0; t < N; t++) {
        carried = (x[t] as number) / mean + decay * carried;
        u[t] = carried * (1 - decay);
      }
      out.push({ name: `${name}, decay ${decay}`, u: u.slice(WARMUP) });
    }
  }
  return out;
}

/** Every corner of a transform's default box (whole-number parameters at their default). */
function corners(kind: string): Record<string, number>[] {
  let out: Record<string, number>[] = [{}];
  for (const [name, p] of Object.entries(getTransform(kind).params)) {
    const values = p.integer ? [p.default] : [p.lower, p.upper];
    out = out.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  }
  return out;
}

const INPUTS = typicalInputs();

for (const kind of saturationKinds) {
  Deno.test(`${kind}: no corner of the default range gives a near-constant column`, () => {
    const sat = getTransform(kind, { family: "saturation" });
    for (const params of corners(kind)) {
      for (const { name, u } of INPUTS) {
        const f = columnFlatness(u, sat.apply(u, params));
        assert.ok(
          f >= DEFAULT_GUARDRAIL_LIMITS.flatness,
          `${kind} ${JSON.stringify(params)} on ${name}: flatness ${f.toFixed(3)}`,
        );
      }
    }
  });
}

Deno.test("the contract can fail: issue 12's saturated Hill corner is near-constant", () => {
  // halfSaturation 0.2 of mean spend with shape 3, the old range's corner, on always-on spend
  const hill = getTransform("hill");
  const flat = INPUTS.filter(({ name }) => name.startsWith("always-on")).map(({ u }) =>
    columnFlatness(u, hill.apply(u, { halfSaturation: 0.2, shape: 3 }))
  );
  assert.ok(flat.every((f) => f < DEFAULT_GUARDRAIL_LIMITS.flatness), flat.join(", "));
});
