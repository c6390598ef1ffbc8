/**
 * The geo model's SIMD Hill kernel against the closed form evaluated with the platform's own
 * `Math.pow` / `Math.log` (independent of the kernel's polynomial log and exp), over inputs from
 * 1e-12 to 1e12 of the half-saturation point, zeros and negatives; ranges and padding; and the
 * committed module against a fresh build from `_hill_simd.wat`.
 */
import assert from "node:assert/strict";
import { SimdHill } from "../../../../lib/models/geo/bayes/_hill_simd.ts";
import { buildModule } from "../../../../tasks/build_wasm.ts";

/**
 * Hill by its definition: y = u^a / (u^a + k^a) and the derivatives of the module doc, with
 * P = (k/u)^a: y = 1/(1 + P) and w = y(1 − y) = y·P/(1 + P) (no cancellation where y ≈ 1).
 */
function closedForm(u: number, k: number, a: number) {
  if (!(u > 0)) return { y: 0, slope: 0, dk: 0, ds: 0 };
  const P = Math.pow(k / u, a), y = 1 / (1 + P), w = P < Infinity ? y * (P / (1 + P)) : 0;
  return { y, slope: (a * w) / u, dk: (-a / k) * w, ds: w * Math.log(u / k) };
}

function close(got: number, want: number, scale: number, what: string) {
  assert.ok(
    Math.abs(got - want) <= 1e-13 * scale,
    `${what}: got ${got}, want ${want} (scale ${scale})`,
  );
}

Deno.test("SimdHill matches the closed form from 1e-12 to 1e12 times k, at zero and below", () => {
  const us = [0, -1, 1e-300];
  for (let e = -12; e <= 12; e += 0.037) us.push(Math.pow(10, e));
  const n = us.length, u = Float64Array.from(us);
  for (const [k, a] of [[0.7, 2.3], [1, 1], [3.5, 0.5], [0.02, 3]] as const) {
    const y = new Float64Array(n), slope = new Float64Array(n);
    const dk = new Float64Array(n), ds = new Float64Array(n);
    const b = { u: u.map((v) => v * k), du: [], s: y, slope, ds: [dk, ds] };
    new SimdHill(n).forward(b, { k, shape: a, dk: 0, ds: 1 }, 0, n);
    for (let i = 0; i < n; i++) {
      const x = (u[i] as number) * k, want = closedForm(x, k, a);
      const w = want.slope * x / a;
      close(y[i]!, want.y, Math.max(want.y, 1e-300), `y at u = ${x}, k ${k}, a ${a}`);
      close(slope[i]!, want.slope, Math.abs(want.slope) + 1e-300, `slope at u = ${x}`);
      close(dk[i]!, want.dk, Math.abs(want.dk) + 1e-300, `dk at u = ${x}`);
      // ds = w·ln(u/k): relative to w times the logs it is the difference of
      const logs = x > 0 ? Math.abs(Math.log(x)) + Math.abs(Math.log(k)) + 1 : 1;
      close(ds[i]!, want.ds, w * logs + 1e-300, `ds at u = ${x}`);
    }
  }
});

Deno.test("SimdHill writes only rows [from, to), whatever their count, and skips absent outputs", () => {
  const u = Float64Array.from({ length: 37 }, (_, i) => 0.1 * (i + 1));
  const y = new Float64Array(37).fill(-1), slope = new Float64Array(37).fill(-1);
  const ds = new Float64Array(37).fill(-1);
  const hill = new SimdHill(37);
  hill.forward({ u, du: [], s: y, slope, ds: [ds] }, { k: 1.5, shape: 2, dk: -1, ds: 0 }, 5, 24);
  for (let i = 0; i < 37; i++) {
    const inside = i >= 5 && i < 24, want = closedForm(u[i] as number, 1.5, 2);
    assert.equal(y[i] === -1, !inside, `row ${i}`);
    if (inside) close(y[i]!, want.y, want.y, `y row ${i}`);
  }
  const long = { u: new Float64Array(64), du: [], s: y, slope, ds: [] };
  assert.throws(() => hill.forward(long, { k: 1, shape: 1, dk: -1, ds: -1 }, 0, 64), RangeError);
});

Deno.test("the committed kernel is what _hill_simd.wat builds to (deno task build-wasm)", async () => {
  const committed = await Deno.readTextFile(
    new URL("../../../../lib/models/geo/bayes/_hill_simd_wasm.ts", import.meta.url),
  );
  assert.equal(committed, await buildModule());
});
