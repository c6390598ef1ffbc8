import { saturationSlope } from "../../../lib/models/bayes/_saturation_slope.ts";
import { getTransform, saturationKinds } from "mixlab/transforms/mod.ts";
import assert from "node:assert/strict";

Deno.test("saturationSlope() exists for every registered saturation and matches finite differences", () => {
  const x = Float64Array.of(0.05, 0.3, 1, 2.5, 6);
  for (const kind of saturationKinds) {
    const d = getTransform(kind);
    const params: Record<string, number> = {};
    for (const [name, spec] of Object.entries(d.params)) {
      params[name] = (spec.lower + spec.upper) / 2;
    }
    const slope = saturationSlope(kind);
    assert.ok(slope !== undefined, `no slope for "${kind}"`);
    const y = d.apply(x, params), out = new Float64Array(x.length);
    slope(x, y, params, out);
    for (let t = 0; t < x.length; t++) {
      const h = 1e-6 * x[t]!;
      const up = d.apply(Float64Array.of(x[t]! + h), params)[0]!;
      const dn = d.apply(Float64Array.of(x[t]! - h), params)[0]!;
      const fd = (up - dn) / (2 * h);
      assert.ok(Math.abs(out[t]! - fd) < 1e-6 * Math.max(1, Math.abs(fd)), `${kind} at ${x[t]}`);
    }
  }
});
