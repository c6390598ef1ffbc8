import assert from "node:assert/strict";
import { GeoChannelKernel } from "../../../../lib/models/geo/bayes/_geo_channel_kernel.ts";
import { applyChannelTransforms } from "../../../../lib/transforms/apply_channel.ts";
import { Rng } from "../../../../lib/rng.ts";
import type { TransformSpec } from "../../../../lib/types.ts";

const cases: [TransformSpec, TransformSpec][] = [
  [{ kind: "geometric", params: { decay: 0.6 } }, {
    kind: "hill",
    params: { halfSaturation: 0.8, shape: 1.7 },
  }],
  [{ kind: "geometric-normalized", params: { decay: 0.7, maxLag: 6 } }, {
    kind: "logistic",
    params: { lambda: 1.4 },
  }],
  [{ kind: "binomial", params: { decay: 0.4, maxLag: 5 } }, {
    kind: "power-hill",
    params: { shape: 2 },
  }],
];

for (const [adstock, saturation] of cases) {
  Deno.test(`geo kernel: ${adstock.kind} + ${saturation.kind} equals the transforms geo by geo`, () => {
    // The column of every geo is the library's own transform pipeline on that geo's weeks alone
    // (no carryover across geos), and each geo's sum and its spend-removed drop follow.
    const G = 3, T = 20, rng = new Rng(2);
    const x = Float64Array.from({ length: G * T }, () => rng.uniformIn(0, 3));
    const k = new GeoChannelKernel("tv", x, G, adstock, saturation, new Set());
    k.forward(true);
    for (let g = 0; g < G; g++) {
      const geo = x.slice(g * T, (g + 1) * T);
      const want = applyChannelTransforms(geo, { name: "tv", adstock, saturation, scale: 1 });
      want.forEach((v, t) =>
        assert.ok(Math.abs(k.s[g * T + t]! - v) < 1e-12, `geo ${g} week ${t}`)
      );
      assert.ok(Math.abs(k.geoSum[g]! - want.reduce((a, v) => a + v, 0)) < 1e-10);
      const cut = Float64Array.from(geo);
      cut.fill(0, 7, 11);
      const without = applyChannelTransforms(cut, { name: "tv", adstock, saturation, scale: 1 });
      let drop = 0;
      for (let t = 7; t < 11; t++) drop += want[t]! - without[t]!;
      assert.ok(Math.abs(k.windowDrop(g, 7, 11) - drop) < 1e-12);
    }
    // a 1% larger spend: the kernel's factor
    k.forward(false, 1.01);
    const geo0 = x.slice(0, T).map((v) => 1.01 * v);
    const up = applyChannelTransforms(geo0, { name: "tv", adstock, saturation, scale: 1 });
    assert.ok(Math.abs(k.geoSum[0]! - up.reduce((a, v) => a + v, 0)) < 1e-10);
  });
}
