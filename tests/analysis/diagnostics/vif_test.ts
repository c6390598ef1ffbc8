import assert from "node:assert/strict";
import { FitError } from "mixlab";
import { vif } from "mixlab/analysis";
import { assertClose, x1, x2, x3 } from "./_data.ts";

// Expected values: statsmodels 0.13.5 variance_inflation_factor, printed by
// tests/fixtures/reference/diag_residual_tests.py on the series of ./_data.ts.

Deno.test("vif() matches statsmodels on add_constant(X)", () => {
  const r = vif([x1, x2, x3], { names: ["tv", "search", "price"] });
  assert.deepEqual(r.rows.map((v) => v.name), ["tv", "search", "price"]);
  assertClose(r.rows[0]?.vif, 2.153457928462643);
  assertClose(r.rows[1]?.vif, 2.150362803927659);
  assertClose(r.rows[2]?.vif, 1.0024075141069548);
  assert.equal(r.diagnostics.length, 0);
});

Deno.test("vif() matches statsmodels on X without a constant", () => {
  const r = vif([x1, x2, x3], { intercept: false });
  assert.deepEqual(r.rows.map((v) => v.name), ["x1", "x2", "x3"]);
  assertClose(r.rows[0]?.vif, 6.67314992715837);
  assertClose(r.rows[1]?.vif, 8.74744641669421);
  assertClose(r.rows[2]?.vif, 2.664606606442951);
});

Deno.test("vif() warns over the threshold", () => {
  const r = vif([x1, x2, x3], { intercept: false, threshold: 5 });
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.level, d.subject]), [
    ["vif-high", "warning", "x1"],
    ["vif-high", "warning", "x2"],
  ]);
  assert.match(r.diagnostics[1]?.message ?? "", /8\.75 \(over 5\)/);
});

Deno.test("vif() names an exactly collinear column", () => {
  const sum = x1.map((v, i) => v + 2 * (x3[i] as number));
  assert.throws(() => vif([x1, x3, sum, x2], { names: ["a", "b", "a+2b", "c"] }), (e: unknown) => {
    assert.ok(e instanceof FitError);
    assert.equal(e.column, "a+2b");
    return true;
  });
  assert.throws(() => vif([x1, new Float64Array(60).fill(3)]), RangeError);
  assert.throws(() => vif([x1]), RangeError);
});
