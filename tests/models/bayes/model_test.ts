import { MmmPosterior, type PosteriorChannel } from "mixlab/models/bayes/mod.ts";
import { Rng } from "mixlab/rng.ts";
import { ConfigError } from "mixlab/errors.ts";
import assert from "node:assert/strict";

function channel(
  name: string,
  rng: Rng,
  n: number,
  adstock: PosteriorChannel["adstock"],
  saturation: PosteriorChannel["saturation"],
  extra: Partial<PosteriorChannel> = {},
): PosteriorChannel {
  // Spend with some zero rows, mean about 1.
  const x = Float64Array.from({ length: n }, () => (rng.uniform() < 0.2 ? 0 : 2 * rng.uniform()));
  return { name, x, adstock, saturation, ...extra };
}

function posterior(fixTransforms = false): MmmPosterior {
  const rng = new Rng(4), n = 40;
  const channels = [
    channel("tv", rng, n, { kind: "geometric", params: { decay: 0.5 } }, {
      kind: "hill",
      params: { halfSaturation: 1, shape: 2 },
    }, { roasFactor: 3 }),
    channel("search", rng, n, { kind: "geometric-normalized", params: { decay: 0.3, maxLag: 6 } }, {
      kind: "logistic",
      params: { lambda: 1 },
    }, { roasFactor: 2 }),
    channel("social", rng, n, { kind: "geometric", params: { decay: 0.3 } }, {
      kind: "hill",
      params: { halfSaturation: 1.5, shape: 1.2 },
    }, { roasFactor: 2, fixed: ["halfSaturation"] }),
    channel("radio", rng, n, { kind: "delayed", params: { decay: 0.5, peak: 2, maxLag: 8 } }, {
      kind: "michaelis-menten",
      params: { halfSaturation: 1 },
    }),
    channel("ooh", rng, n, { kind: "weibull-pdf", params: { shape: 2, scale: 3, maxLag: 8 } }, {
      kind: "tanh",
      params: { scale: 1 },
    }),
  ];
  const baseline = [
    { name: "price", values: Float64Array.from({ length: n }, () => rng.normal()) },
    { name: "trend", values: Float64Array.from({ length: n }, (_, t) => (t - 19.5) / 11.5) },
  ];
  const y = Float64Array.from({ length: n }, () => 1 + 0.3 * rng.normal());
  // Lift tests on tv (fused geometric + Hill), search and ooh (descriptor paths), one at row 0.
  const liftTests = [
    { channel: 0, start: 10, end: 14, lift: 0.5, standardError: 0.2 },
    { channel: 1, start: 0, end: 3, lift: 0.2, standardError: 0.1 },
    { channel: 4, start: 20, end: 26, lift: 0.3, standardError: 0.3 },
    { channel: 2, start: 30, end: 33, lift: 0.1, standardError: 0.1 },
  ];
  return new MmmPosterior({ y, channels, baseline, liftTests }, { fixTransforms });
}

Deno.test("MmmPosterior gradient matches central finite differences", () => {
  for (const fix of [false, true]) {
    const post = posterior(fix);
    const rng = new Rng(99);
    for (let trial = 0; trial < 3; trial++) {
      const theta = Float64Array.from({ length: post.dim }, () => rng.uniformIn(-1, 1));
      const grad = new Float64Array(post.dim), scratch = new Float64Array(post.dim);
      post.logDensityAndGradient(theta, grad);
      for (let i = 0; i < post.dim; i++) {
        const h = 1e-5, up = Float64Array.from(theta), dn = Float64Array.from(theta);
        up[i] = (up[i] as number) + h;
        dn[i] = (dn[i] as number) - h;
        const fd = (post.logDensityAndGradient(up, scratch) -
          post.logDensityAndGradient(dn, scratch)) / (2 * h);
        const g = grad[i] as number;
        assert.ok(
          Math.abs(g - fd) <= 1e-5 * Math.max(1, Math.abs(fd)),
          `${post.parameters[i]!.name}: analytic ${g}, finite difference ${fd}`,
        );
      }
    }
  }
});

Deno.test("MmmPosterior lists free transform parameters and skips whole-number ones", () => {
  const names = posterior().parameters.map((p) => p.name);
  assert.ok(names.includes("search.decay"));
  assert.ok(!names.includes("search.maxLag"));
  assert.ok(names.includes("ooh.shape") && names.includes("ooh.scale"));
  assert.deepEqual(posterior(true).parameters.map((p) => p.name), [
    "intercept",
    "tv",
    "search",
    "social",
    "radio",
    "ooh",
    "price",
    "trend",
    "sigma",
  ]);
});

Deno.test("MmmPosterior log density equals the hand-written likelihood, lift term and priors", () => {
  // One channel, fixed transforms, no baseline, a ROAS prior (ROAS = 2·m) and one lift test.
  const y = Float64Array.of(1, 2, 1.5);
  const x = Float64Array.of(1, 0, 1);
  const post = new MmmPosterior({
    y,
    channels: [{
      name: "tv",
      x,
      adstock: { kind: "geometric", params: { decay: 0.5 } },
      saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
      roasFactor: 2,
    }],
    baseline: [],
    liftTests: [{ channel: 0, start: 2, end: 3, lift: 0.5, standardError: 0.25 }],
  }, { fixTransforms: true });
  // adstock 1, 0.5, 1.25 over its gain 1/(1 − 0.5) = 2: 0.5, 0.25, 0.625; Hill(k=1, a=1)
  // x/(1 + x): 1/3, 1/5, 5/13, mean s̄ = 179/585. Coordinates: T = α + m, log m, log σ.
  // β = 2 → m = 2·s̄ = 358/585; α = 0.5; σ = 1.
  const m = 358 / 585;
  const lp = post.logDensityAndGradient(
    Float64Array.of(0.5 + m, Math.log(m), 0),
    new Float64Array(3),
  );
  const s = [1 / 3, 1 / 5, 5 / 13];
  let ll = 0;
  for (let t = 0; t < 3; t++) ll -= 0.5 * (y[t]! - 0.5 - 2 * s[t]!) ** 2;
  // Lift test on row 2: without that week's spend the adstock there is 0.5·0.5 = 0.25, over the
  // gain 0.125, Hill 1/9; predicted lift β·(5/13 − 1/9), measured 0.5 ± 0.25.
  const lift = 2 * (5 / 13 - 1 / 9);
  ll -= 0.5 * ((0.5 - lift) / 0.25) ** 2;
  // Priors: log ROAS = log(2m) ~ N(0.2, 0.9); α ~ N(1, 0.3): −0.5·(0.5/0.3)²; σ ~ HalfNormal(sd(ỹ))
  // with sd(ỹ)² = 1/6: −σ²/(2/6) + log σ = −3.
  const roas = -0.5 * ((Math.log(2 * m) - 0.2) / 0.9) ** 2;
  const expected = ll + roas - 0.5 * (0.5 / 0.3) ** 2 - 3;
  assert.ok(Math.abs(lp - expected) < 1e-12, `${lp} vs ${expected}`);
});

Deno.test("MmmPosterior keeps fixed parameters out of the coordinates and rejects unknown prior keys", () => {
  const input = {
    y: Float64Array.of(1, 2, 1.5, 1.2),
    channels: [{
      name: "tv",
      x: Float64Array.of(1, 0, 1, 2),
      adstock: { kind: "geometric", params: { decay: 0.5 } },
      saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
      fixed: ["decay", "shape"],
      roasFactor: 1,
    }],
    baseline: [],
  };
  assert.deepEqual(new MmmPosterior(input).parameters.map((p) => p.name), [
    "intercept",
    "tv",
    "tv.halfSaturation",
    "sigma",
  ]);
  assert.throws(
    () => new MmmPosterior(input, { priors: { "tv.decy": { dist: "normal", mu: 0, sigma: 1 } } }),
    (e: unknown) => e instanceof ConfigError && e.key === "priors.tv.decy",
  );
  assert.throws(
    () =>
      new MmmPosterior(input, { priors: { "tv.coefficient": { dist: "halfnormal", sigma: 1 } } }),
    (e: unknown) => e instanceof ConfigError && e.key === "priors.tv.coefficient",
  );
});
