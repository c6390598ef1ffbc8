import { MmmPosterior, type PosteriorChannel } from "mixlab/models/bayes/mod.ts";
import { Rng } from "mixlab/rng.ts";
import assert from "node:assert/strict";

function channel(
  name: string,
  rng: Rng,
  n: number,
  adstock: PosteriorChannel["adstock"],
  saturation: PosteriorChannel["saturation"],
): PosteriorChannel {
  // Spend with some zero rows, mean about 1.
  const x = Float64Array.from({ length: n }, () => (rng.uniform() < 0.2 ? 0 : 2 * rng.uniform()));
  return { name, x, adstock, saturation };
}

function posterior(fixTransforms = false): MmmPosterior {
  const rng = new Rng(4), n = 40;
  const channels = [
    channel("tv", rng, n, { kind: "geometric", params: { decay: 0.5 } }, {
      kind: "hill",
      params: { halfSaturation: 1, shape: 2 },
    }),
    channel("search", rng, n, { kind: "geometric-normalized", params: { decay: 0.3, maxLag: 6 } }, {
      kind: "logistic",
      params: { lambda: 1 },
    }),
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
  return new MmmPosterior({ y, channels, baseline }, { fixTransforms });
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
    "radio",
    "ooh",
    "price",
    "trend",
    "sigma",
  ]);
});

Deno.test("MmmPosterior log density equals the hand-written Gaussian log likelihood plus priors", () => {
  // One channel, fixed transforms, no baseline: log p = log N(ỹ | α + β·s, σ) + priors + Jacobians.
  const y = Float64Array.of(1, 2, 1.5);
  const x = Float64Array.of(1, 0, 1);
  const post = new MmmPosterior({
    y,
    channels: [{
      name: "tv",
      x,
      adstock: { kind: "geometric", params: { decay: 0.5 } },
      saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
    }],
    baseline: [],
  }, { fixTransforms: true });
  // α = 0.5, σ = e^0 = 1. The media coordinate is u = log(β·s̄) with s̄ the mean saturated value
  // (1/3 + 1/5 + 5/13)/3 = 179/585, so β = 2 at u = log(358/585).
  const lp = post.logDensityAndGradient(
    Float64Array.of(0.5, Math.log(358 / 585), 0),
    new Float64Array(3),
  );
  // adstock: 1, 0.5, 1.25, over its gain 1/(1 − 0.5) = 2: 0.5, 0.25, 0.625;
  // Hill(k=1, a=1) x/(1 + x): 1/3, 1/5, 5/13.
  const s = [1 / 3, 1 / 5, 5 / 13];
  let ll = 0;
  for (let t = 0; t < 3; t++) ll -= 0.5 * (y[t]! - 0.5 - 2 * s[t]!) ** 2;
  // Priors: α ~ N(0, 2): −α²/8. β ~ HalfNormal(1): −β²/2 plus the log Jacobian |∂β/∂u| = β,
  // log 2. σ ~ HalfNormal(1): −1/2 plus log σ = 0.
  const expected = ll - 0.25 / 8 - 2 + Math.log(2) - 0.5;
  assert.ok(Math.abs(lp - expected) < 1e-12, `${lp} vs ${expected}`);
});
