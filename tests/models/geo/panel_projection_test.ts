// panelEffects() is the orthogonal projection on the panel's fixed effects. It is checked by the
// two properties that characterise that projection, against the effects written out as dummy
// columns: a series made only of fixed effects is explained entirely (it lies in the span), and
// what is left of any series is orthogonal to every dummy and geo-trend column.
import { panelEffects, panelResidual } from "mixlab/models/geo";
import assert from "node:assert/strict";

const G = 4, T = 9;

function dummies(geoTrends: boolean, weekEffects: boolean): Float64Array[] {
  const cols: Float64Array[] = [];
  for (let g = 0; g < G; g++) {
    cols.push(Float64Array.from({ length: G * T }, (_, i) => (Math.floor(i / T) === g ? 1 : 0)));
    if (geoTrends) {
      cols.push(
        Float64Array.from({ length: G * T }, (_, i) => (Math.floor(i / T) === g ? i % T : 0)),
      );
    }
  }
  if (weekEffects) {
    for (let t = 0; t < T; t++) {
      cols.push(Float64Array.from({ length: G * T }, (_, i) => (i % T === t ? 1 : 0)));
    }
  }
  return cols;
}

// a fixed, irregular series (no randomness needed): x_i = sin(1.7 i) + (i mod 5)²
const x = Float64Array.from({ length: G * T }, (_, i) => Math.sin(1.7 * i) + (i % 5) ** 2);

for (const geoTrends of [false, true]) {
  for (const weekEffects of [false, true]) {
    Deno.test(`panelEffects(): geoTrends ${geoTrends}, weekEffects ${weekEffects}`, () => {
      const shape = { geos: G, weeks: T, geoTrends, weekEffects };
      const cols = dummies(geoTrends, weekEffects);
      // in the span: any combination of the columns is explained exactly
      const inSpan = new Float64Array(G * T);
      cols.forEach((c, j) => c.forEach((v, i) => (inSpan[i] = inSpan[i]! + (j % 3 - 1.3) * v)));
      panelEffects(inSpan, shape).forEach((v, i) =>
        assert.ok(Math.abs(v - inSpan[i]!) < 1e-12, `span row ${i}`)
      );
      // orthogonal: the residual of x has zero inner product with every column
      const r = panelResidual(x, shape);
      for (const c of cols) {
        const inner = c.reduce((a, v, i) => a + v * r[i]!, 0);
        assert.ok(Math.abs(inner) < 1e-11, `inner product ${inner}`);
      }
      // and something is left (x is not in the span)
      assert.ok(r.some((v) => Math.abs(v) > 1e-3));
    });
  }
}

Deno.test("panelEffects() with geo weights: the residual is orthogonal in the weighted inner product", () => {
  const weights = new Float64Array([0.5, 2, 1, 0.5]);
  const shape = { geos: G, weeks: T, geoTrends: true, weekEffects: true, weights };
  const r = panelResidual(x, shape);
  for (const c of dummies(true, true)) {
    const inner = c.reduce((a, v, i) => a + weights[Math.floor(i / T)]! * v * r[i]!, 0);
    assert.ok(Math.abs(inner) < 1e-11, `weighted inner product ${inner}`);
  }
});

Deno.test("panelEffects() rejects a series of the wrong length", () => {
  assert.throws(
    () =>
      panelEffects(new Float64Array(5), { geos: 2, weeks: 3, geoTrends: false, weekEffects: true }),
    /5 rows are not 2 geos × 3 weeks/,
  );
});
