import assert from "node:assert/strict";
import { FitError } from "mixlab";
import { mediateLinear, type MediationResult, sobelTest } from "mixlab/mediation";
import { referenceData } from "./_reference_data.ts";

const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= tol,
    `${what}: got ${actual}, expected ${expected} ± ${tol}`,
  );

function run(options: Parameters<typeof mediateLinear>[1]): MediationResult {
  const d = referenceData();
  return mediateLinear({
    outcome: { name: "y", values: d.y },
    mediator: { name: "m", values: d.m },
    upstream: [{ name: "x1", values: d.x1 }, { name: "x2", values: d.x2 }],
    controls: [{ name: "w", values: d.w }],
    others: [{ name: "z", values: d.z }],
  }, options);
}

// Numbers printed by tests/fixtures/reference/mediation_statsmodels.py (statsmodels 0.13.5,
// Debian python3-statsmodels): OLS paths are exact; Mediation.fit(method="parametric",
// n_rep=4000) means carry Monte Carlo error (mc_se printed by the script).
const REF = {
  x1: {
    a: 0.8854612134386299,
    seA: 0.04880982158824386,
    c: 0.4563693894403765,
    seC: 0.130179863971847,
    sobelSe: 0.10819150832250424,
    sobelZ: 5.523308838278925,
    acme: { est: 0.595359, mcSe: 0.002823 },
    ade: { est: 0.456936, lo: 0.236790, hi: 0.674301, mcSe: 0.002095 },
    total: { est: 1.052295, mcSe: 0.002650 },
    propMedian: 0.562959,
  },
  x2: {
    a: 0.24529181943709116,
    seA: 0.05118562891186577,
    c: 0.9822592100243894,
    seC: 0.08863610068399821,
    sobelSe: 0.044813978828960835,
    sobelZ: 3.693962827826683,
    acme: { est: 0.162201, mcSe: 0.002356 },
    ade: { est: 0.982608, lo: 0.833342, hi: 1.128460, mcSe: 0.001416 },
    total: { est: 1.144810, mcSe: 0.002681 },
    propMedian: 0.136813,
  },
  b: 0.6748744101661688,
  seB: 0.1163856351568272,
} as const;

Deno.test("mediateLinear() matches statsmodels OLS paths and the Sobel test exactly", () => {
  const r = run({ interval: "normal" });
  for (const name of ["x1", "x2"] as const) {
    const e = r.channel(name), ref = REF[name];
    close(e.pathA, ref.a, 1e-10, `${name} a`);
    close(e.pathB, REF.b, 1e-10, "b");
    close(e.perUnit.direct.estimate, ref.c, 1e-10, `${name} c'`);
    close(e.perUnit.direct.stdError, ref.seC, 1e-10, `${name} se(c')`);
    close(e.sobel?.stdError ?? NaN, ref.sobelSe, 1e-10, `${name} Sobel se`);
    close(e.sobel?.z ?? NaN, ref.sobelZ, 1e-8, `${name} Sobel z`);
    close(e.perUnit.indirect.estimate, ref.a * REF.b, 1e-10, `${name} a·b`);
    // normal interval of the direct effect: c' ± 1.6448536269514722·se
    close(e.perUnit.direct.lower, ref.c - 1.6448536269514722 * ref.seC, 1e-9, `${name} lower`);
  }
  assert.equal(r.stage2.z !== undefined, true);
  assert.equal(r.stage1.z, undefined); // z enters stage 2 only
});

Deno.test("mediateLinear() Monte Carlo effects match statsmodels Mediation within Monte Carlo error", () => {
  const r = run({ interval: "monte-carlo", replicates: 20000, seed: 7 });
  for (const name of ["x1", "x2"] as const) {
    const e = r.channel(name).perUnit, ref = REF[name];
    // Our point values are the OLS products; statsmodels reports the mean of 4000 simulated
    // effects, so they agree within 3 Monte Carlo standard errors.
    close(e.indirect.estimate, ref.acme.est, 3 * ref.acme.mcSe, `${name} ACME`);
    close(e.direct.estimate, ref.ade.est, 3 * ref.ade.mcSe, `${name} ADE`);
    close(e.total.estimate, ref.total.est, 3 * ref.total.mcSe, `${name} total`);
    // ADE draws are c' draws in both tools: the 5% / 95% percentiles agree within their
    // Monte Carlo error (about 0.005 for 4000 draws at sd 0.13).
    close(e.direct.lower, ref.ade.lo, 0.015, `${name} ADE lower`);
    close(e.direct.upper, ref.ade.hi, 0.015, `${name} ADE upper`);
    close(e.direct.stdError, ref.seC, 0.03 * ref.seC, `${name} ADE sd`);
    // statsmodels' ACME draws also carry simulated mediator noise (b·mean of e₁−e₀ over the
    // rows), so its ACME interval is wider; ours follows the product of coefficient draws, whose
    // sd is the second-order delta value √(b²se_a² + a²se_b² + se_a²se_b²).
    const second = Math.sqrt(ref.sobelSe ** 2 + (ref.seA * REF.seB) ** 2);
    close(e.indirect.stdError, second, 0.03 * second, `${name} indirect sd`);
    close(r.channel(name).proportionMediated, ref.propMedian, 0.01, `${name} share mediated`);
  }
});

Deno.test("mediateLinear() scales effects to period totals and per unit of spend", () => {
  const d = referenceData();
  const spend = d.x1.map((v) => 2 * v); // feature = spend / 2
  const r = mediateLinear({
    outcome: { name: "y", values: d.y },
    mediator: { name: "m", values: d.m },
    upstream: [{ name: "x1", values: d.x1 }, { name: "x2", values: d.x2 }],
    controls: [{ name: "w", values: d.w }],
    spend: { x1: spend },
  }, { interval: "normal" });
  const e = r.channel("x1");
  const sumX = d.x1.reduce((a, b) => a + b);
  close(e.period.total.estimate, e.perUnit.total.estimate * sumX, 1e-9, "period total");
  close(e.period.indirect.upper, e.perUnit.indirect.upper * sumX, 1e-9, "period upper");
  // per unit of spend = per unit of feature / 2 when feature = spend / 2
  close(e.perSpend?.total.estimate ?? NaN, e.perUnit.total.estimate / 2, 1e-12, "per spend");
  assert.equal(r.channel("x2").perSpend, undefined);
});

Deno.test("mediateLinear() moving-block bootstrap is seeded and close to OLS standard errors", () => {
  const a = run({ interval: "bootstrap", replicates: 400, seed: 3, blockLength: 1 });
  const b = run({ interval: "bootstrap", replicates: 400, seed: 3, blockLength: 1 });
  assert.deepEqual(a.toJSON(), b.toJSON());
  const c = run({ interval: "bootstrap", replicates: 400, seed: 4, blockLength: 1 });
  assert.notEqual(a.channel("x1").perUnit.direct.lower, c.channel("x1").perUnit.direct.lower);
  // With i.i.d. rows and homoskedastic errors, the row-bootstrap sd of c' estimates the OLS
  // standard error (Efron & Tibshirani 1993, §9.5); 400 replicates → ±~7% sampling error.
  for (const name of ["x1", "x2"] as const) {
    const s = a.channel(name).perUnit.direct.stdError;
    close(s, REF[name].seC, 0.2 * REF[name].seC, `${name} bootstrap sd`);
  }
  assert.equal(a.replicates, 400);
  assert.equal(a.interval, "bootstrap");
  const html = (a as unknown as Record<symbol, () => Record<string, string>>)[
    Symbol.for("Jupyter.display")
  ]!();
  assert.ok(html["text/html"]?.includes("<table"));
  assert.equal(JSON.parse(JSON.stringify(a)).effects.length, 2);
});

Deno.test("mediateLinear() rejects bad input", () => {
  const v = new Float64Array([1, 2, 3, 4, 5]);
  assert.throws(
    () =>
      mediateLinear({
        outcome: { name: "y", values: v },
        mediator: { name: "m", values: new Float64Array(4) },
        upstream: [{ name: "x", values: v }],
      }),
    TypeError,
  );
  assert.throws(
    () =>
      mediateLinear({
        outcome: { name: "y", values: v },
        mediator: { name: "m", values: Float64Array.from([1, NaN, 3, 4, 5]) },
        upstream: [{ name: "x", values: v }],
      }),
    /non-finite value at row 1/,
  );
  assert.throws(
    () =>
      mediateLinear({
        outcome: { name: "y", values: v },
        mediator: { name: "m", values: v.map((x) => x * x) },
        upstream: [{ name: "x", values: v }, { name: "x2", values: v.map((x) => 2 * x) }],
      }, { interval: "normal" }),
    FitError,
  );
  assert.throws(() => run({ level: 1.5 }), RangeError);
});

Deno.test("sobelTest() gives p = 0.05 at z = 1.959963984540054", () => {
  // a = 1.959963984540054, se_a = 1, b = 1, se_b = 0 → z = a, two-sided p = 0.05
  const t = sobelTest({ a: 1.959963984540054, seA: 1, b: 1, seB: 0 });
  close(t.pValue, 0.05, 1e-12, "p");
  assert.throws(() => sobelTest({ a: 1, seA: -1, b: 1, seB: 1 }), RangeError);
});
