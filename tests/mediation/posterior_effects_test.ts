import assert from "node:assert/strict";
import { Rng } from "mixlab";
import { mediationFromDraws } from "mixlab/mediation";

Deno.test("mediationFromDraws() recovers the moments of a·b for independent normal paths", () => {
  // a ~ N(0.5, 0.1²), b ~ N(0.4, 0.1²), c' ~ N(0.3, 0.05²), independent:
  // E[ab] = 0.2, Var(ab) = μa²σb² + μb²σa² + σa²σb² = 0.0025 + 0.0016 + 0.0001 = 0.0042;
  // total = ab + c': mean 0.5, var 0.0042 + 0.0025 = 0.0067.
  const s = 100_000, rng = new Rng(5);
  const a = new Float64Array(s), b = new Float64Array(s), c = new Float64Array(s);
  for (let i = 0; i < s; i++) {
    a[i] = rng.normal(0.5, 0.1);
    b[i] = rng.normal(0.4, 0.1);
    c[i] = rng.normal(0.3, 0.05);
  }
  const r = mediationFromDraws({
    mediator: "search",
    outcome: "revenue",
    upstream: ["facebook"],
    pathA: [a],
    pathB: b,
    direct: [c],
    featureSums: { facebook: 10 },
    spendTotals: { facebook: 4 },
  }, { level: 0.9 });
  const e = r.channel("facebook");
  // Monte Carlo sd of the mean: √0.0042 / √100000 ≈ 0.0002; allow 5 sd.
  assert.ok(Math.abs(e.perUnit.indirect.estimate - 0.2) < 0.001);
  assert.ok(Math.abs(e.perUnit.indirect.stdError - Math.sqrt(0.0042)) < 0.002);
  assert.ok(Math.abs(e.perUnit.total.estimate - 0.5) < 0.0013);
  assert.ok(Math.abs(e.perUnit.total.stdError - Math.sqrt(0.0067)) < 0.002);
  // Exact 5% / 95% quantiles of ab + c' by numerical integration
  // (tests/fixtures/reference/mediation_product_quantile.py); Monte Carlo sd ≈ 0.0006.
  assert.ok(Math.abs(e.perUnit.total.lower - 0.37068731) < 0.003);
  assert.ok(Math.abs(e.perUnit.total.upper - 0.63945614) < 0.003);
  // period = per unit × 10, per spend = period / 4
  assert.ok(Math.abs(e.period.direct.estimate - 10 * e.perUnit.direct.estimate) < 1e-12);
  assert.ok(Math.abs((e.perSpend?.total.upper ?? NaN) - 2.5 * e.perUnit.total.upper) < 1e-12);
  assert.equal(r.interval, "posterior");
  assert.equal(r.replicates, s);
  assert.equal(e.sobel, undefined);
});

Deno.test("mediationFromDraws() rejects mismatched draws", () => {
  assert.throws(
    () =>
      mediationFromDraws({
        mediator: "m",
        outcome: "y",
        upstream: ["x"],
        pathA: [new Float64Array(3)],
        pathB: new Float64Array(4),
        direct: [new Float64Array(4)],
      }),
    RangeError,
  );
  assert.throws(
    () =>
      mediationFromDraws({
        mediator: "m",
        outcome: "y",
        upstream: ["x"],
        pathA: [],
        pathB: new Float64Array(4),
        direct: [new Float64Array(4)],
      }),
    RangeError,
  );
});
