import assert from "node:assert/strict";
import { GeoPosterior, type GeoPosteriorInput } from "../../../../lib/models/geo/mod.ts";
import { Rng } from "../../../../lib/rng.ts";

/**
 * A small panel: 3 geos × 12 weeks, three channels covering each adstock path, a regressor that
 * differs between geos and one that does not.
 */
function input(geoTrend: boolean): GeoPosteriorInput {
  const G = 3, T = 12, n = G * T, rng = new Rng(5);
  const col = () => Float64Array.from({ length: n }, () => rng.uniformIn(0, 2));
  const trend = Float64Array.from({ length: T }, (_, t) => (t - (T - 1) / 2) / T);
  return {
    geos: G,
    weeks: T,
    y: Float64Array.from({ length: n }, () => 1 + rng.uniformIn(-0.3, 0.3)),
    population: Float64Array.of(1, 2.5, 0.7),
    channels: [
      {
        name: "tv",
        x: col(),
        adstock: { kind: "geometric", params: { decay: 0.4 } },
        saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1.3 } },
        roasFactor: 0.8,
      },
      {
        name: "search",
        x: col(),
        adstock: { kind: "geometric-normalized", params: { decay: 0.3, maxLag: 4 } },
        saturation: { kind: "logistic", params: { lambda: 1.2 } },
        roasFactor: 1.1,
      },
      {
        name: "radio",
        x: col(),
        adstock: { kind: "binomial", params: { decay: 0.5, maxLag: 5 } },
        saturation: { kind: "hill", params: { halfSaturation: 0.8, shape: 2 } },
        roasFactor: 0.5,
      },
    ],
    baseline: [
      { name: "season", values: col().map((v) => v - 1) },
      // the same in every geo: the likelihood takes these over the weeks, not the rows
      { name: "holiday", values: Float64Array.from({ length: n }, (_, i) => Math.cos(i % T)) },
    ],
    ...(geoTrend ? { geoTrend: trend } : {}),
    liftTests: [{ channel: 0, geos: [1, 2], start: 3, end: 6, lift: 0.9, standardError: 0.2 }],
  };
}

for (const geoTrend of [false, true]) {
  Deno.test(`geo posterior: gradient equals central finite differences (geo trends ${geoTrend})`, () => {
    const post = new GeoPosterior(input(geoTrend));
    const rng = new Rng(11);
    const theta = post.centralPoint().map((v) => v + rng.uniformIn(-0.4, 0.4));
    const grad = new Float64Array(post.dim), scratch = new Float64Array(post.dim);
    const f0 = post.logDensityAndGradient(theta, grad);
    assert.ok(Number.isFinite(f0));
    for (let i = 0; i < post.dim; i++) {
      const h = 1e-6, x = Float64Array.from(theta);
      x[i] = theta[i]! + h;
      const up = post.logDensityAndGradient(x, scratch);
      x[i] = theta[i]! - h;
      const dn = post.logDensityAndGradient(x, scratch);
      const fd = (up - dn) / (2 * h);
      assert.ok(
        Math.abs(fd - grad[i]!) <= 1e-5 * Math.max(1, Math.abs(fd)),
        `${post.parameters[i]!.name}: analytic ${grad[i]} vs finite difference ${fd}`,
      );
    }
  });
}

/** log N(r; 0, S) by Cholesky (S n×n row-major), up to −n/2·log 2π. */
function logNormal(r: Float64Array, S: Float64Array): number {
  const n = r.length, Lc = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S[i * n + j]!;
      for (let k = 0; k < j; k++) s -= Lc[i * n + k]! * Lc[j * n + k]!;
      Lc[i * n + j] = i === j ? Math.sqrt(s) : s / Lc[j * n + j]!;
    }
  }
  const z = new Float64Array(n);
  let logDet = 0;
  for (let i = 0; i < n; i++) {
    let s = r[i]!;
    for (let k = 0; k < i; k++) s -= Lc[i * n + k]! * z[k]!;
    z[i] = s / Lc[i * n + i]!;
    logDet += 2 * Math.log(Lc[i * n + i]!);
  }
  return -0.5 * logDet - 0.5 * z.reduce((a, v) => a + v * v, 0);
}

for (const geoTrend of [false, true]) {
  Deno.test(`geo posterior: the integrated-out levels${geoTrend ? " and trends" : ""} equal the full Gaussian marginal`, () => {
    // Everything but σ and the level (trend) sds fixed: the log density differences between two
    // points are the differences of log N(r; 0, σ²I + s_τ²·J_g + s_ς²·c cᵀ_g + K²·11ᵀ), K → ∞
    // standing for the flat national level, plus the HalfNormal(1) priors' (with Jacobian).
    const inp = { ...input(geoTrend), liftTests: [] };
    const unit = { dist: "halfnormal" as const, sigma: 1 };
    const post = new GeoPosterior(inp, {
      fixTransforms: true,
      priors: { sigma: unit, geoIntercept: unit, ...(geoTrend ? { geoTrend: unit } : {}) },
    });
    const names = post.parameters.map((p) => p.name);
    const theta = post.centralPoint();
    const r = (() => {
      const st = post.evaluate(theta);
      // r = y − shared − media (the levels not included)
      return inp.y.map((y, i) => {
        let m = st.shared[i]!;
        post.kernels.forEach((k, c) => (m += st.beta[c]![Math.floor(i / inp.weeks)]! * k.s[i]!));
        return y - m;
      });
    })();
    const G = inp.geos, T = inp.weeks, n = G * T, K = 1e3;
    const exact = (sigma: number, st: number, sl: number) => {
      const S = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const same = Math.floor(i / T) === Math.floor(j / T);
          const ct = geoTrend ? inp.geoTrend!.at(i % T)! * inp.geoTrend!.at(j % T)! : 0;
          S[i * n + j] = (i === j ? sigma * sigma : 0) + (same ? st * st + sl * sl * ct : 0) +
            K * K;
        }
      }
      const prior = [sigma, st, ...(geoTrend ? [sl] : [])].reduce(
        (a, v) => a - 0.5 * v * v + Math.log(v),
        0,
      );
      return logNormal(r, S) + prior;
    };
    const at = (sigma: number, st: number, sl: number) => {
      const x = Float64Array.from(theta);
      x[names.indexOf("sigma")] = Math.log(sigma);
      x[names.indexOf("geoIntercept")] = Math.log(st);
      if (geoTrend) x[names.indexOf("geoTrend")] = Math.log(sl);
      return post.logDensityAndGradient(x, new Float64Array(post.dim));
    };
    const pts: [number, number, number][] = [[0.2, 0.1, 0.3], [0.35, 0.4, 0.05], [0.15, 0.05, 1]];
    for (const p of pts.slice(1)) {
      const got = at(...p) - at(...pts[0]!), want = exact(...p) - exact(...pts[0]!);
      assert.ok(Math.abs(got - want) < 1e-4, `${p}: ${got} vs ${want}`);
    }
  });
}
