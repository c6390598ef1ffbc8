/**
 * Contract tests over every registered transform: a new transform gets them for free.
 */
import assert from "node:assert/strict";
import { Rng } from "mixlab";
import { adstockKinds, getTransform, saturationKinds } from "mixlab/transforms";

const KINDS = [...adstockKinds, ...saturationKinds];

function series(n: number, seed: number): Float64Array {
  const rng = new Rng(seed), x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.uniform() < 0.2 ? 0 : rng.uniformIn(0, 3);
  return x;
}

/** Parameter points to check: the defaults, and every non-integer parameter at its range midpoint. */
function points(kind: string): Record<string, number>[] {
  const params = getTransform(kind).params;
  const def: Record<string, number> = {}, mid: Record<string, number> = {};
  for (const [name, p] of Object.entries(params)) {
    def[name] = p.default;
    mid[name] = p.integer ? p.default : (p.lower + p.upper) / 2;
  }
  return [def, mid];
}

Deno.test("every transform: registry lists at least the brief's kinds", () => {
  for (const k of ["geometric", "geometric-normalized", "delayed", "weibull-cdf", "weibull-pdf"]) {
    assert.ok(adstockKinds.includes(k), k);
  }
  for (const k of ["hill", "power-hill", "logistic", "michaelis-menten", "tanh", "log1p"]) {
    assert.ok(saturationKinds.includes(k), k);
  }
});

for (const kind of KINDS) {
  const d = getTransform(kind);

  Deno.test(`${kind}: bounds are ordered and contain the default`, () => {
    assert.equal(d.kind, kind);
    for (const [name, p] of Object.entries(d.params)) {
      assert.ok(p.min <= p.lower && p.lower <= p.default, `${name} lower`);
      assert.ok(p.default <= p.upper && p.upper <= p.max, `${name} upper`);
      assert.ok(p.doc.length > 10, `${name} doc`);
      if (p.integer) assert.ok(Number.isInteger(p.default), `${name} integer default`);
    }
  });

  Deno.test(`${kind}: apply keeps length, does not mutate, and writes into out`, () => {
    const x = series(40, 1), copy = Float64Array.from(x);
    for (const p of points(kind)) {
      const y = d.apply(x, p);
      assert.equal(y.length, x.length);
      assert.deepEqual(x, copy);
      assert.ok(y.every(Number.isFinite));
      const out = new Float64Array(x.length);
      assert.equal(d.apply(x, p, out), out);
      assert.deepEqual(out, y);
    }
  });

  if (d.family === "saturation") {
    Deno.test(`${kind}: saturation is 0 at 0 and increasing`, () => {
      const grid = new Float64Array(200).map((_, i) => i * 0.05);
      for (const p of points(kind)) {
        const y = d.apply(grid, p);
        assert.equal(y[0], 0);
        for (let i = 1; i < y.length; i++) {
          assert.ok((y[i] as number) > (y[i - 1] as number), `at ${grid[i]}`);
        }
      }
    });
  } else {
    Deno.test(`${kind}: adstock is linear and zero on zero spend`, () => {
      const a = series(30, 2), b = series(30, 3);
      for (const p of points(kind)) {
        const sum = d.apply(a.map((v, i) => 2 * v + (b[i] as number)), p);
        const ya = d.apply(a, p), yb = d.apply(b, p);
        for (let i = 0; i < 30; i++) {
          const e = 2 * (ya[i] as number) + (yb[i] as number);
          assert.ok(Math.abs((sum[i] as number) - e) <= 1e-12 * (1 + Math.abs(e)));
        }
        assert.ok(d.apply(new Float64Array(5), p).every((v) => v === 0));
      }
    });
  }

  Deno.test(`${kind}: gradient matches central finite differences (rel 1e-5)`, () => {
    const x = series(40, 4);
    for (const p of points(kind)) {
      const g = d.gradient(x, p);
      const names = Object.entries(d.params).filter(([, s]) => !s.integer).map(([n]) => n);
      assert.deepEqual(Object.keys(g).sort(), names.sort());
      for (const name of names) {
        const v = p[name] as number, h = 1e-5 * Math.max(1, Math.abs(v));
        const up = d.apply(x, { ...p, [name]: v + h }), down = d.apply(x, { ...p, [name]: v - h });
        const gn = g[name] as Float64Array;
        let scale = 0;
        for (let i = 0; i < x.length; i++) {
          scale = Math.max(scale, Math.abs(((up[i] as number) - (down[i] as number)) / (2 * h)));
        }
        for (let i = 0; i < x.length; i++) {
          const fd = ((up[i] as number) - (down[i] as number)) / (2 * h);
          const err = Math.abs((gn[i] as number) - fd);
          assert.ok(
            err <= 1e-5 * Math.max(Math.abs(fd), 1e-3 * scale, 1e-9),
            `${name}[${i}]: analytic ${gn[i]}, numeric ${fd}`,
          );
        }
      }
    }
  });
}

Deno.test("every transform: channel-type ranges sit inside the hard limits", () => {
  for (const kind of KINDS) {
    for (const [name, p] of Object.entries(getTransform(kind).params)) {
      for (const [type, [lo, hi]] of Object.entries(p.byChannelType ?? {})) {
        assert.ok(p.min <= lo && lo < hi && hi <= p.max, `${kind}.${name}.${type}`);
      }
    }
  }
});
