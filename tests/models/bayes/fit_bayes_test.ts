import { fitBayes, fitBayesParallel, loadBayesModel } from "mixlab/models/bayes/mod.ts";
import { defineModelSpec } from "mixlab/models/model_spec.ts";
import { ConfigError, MmmDataError } from "mixlab/errors.ts";
import { Rng } from "mixlab/rng.ts";
import type { MmmData } from "mixlab/types.ts";
import { geometricAdstock } from "mixlab/transforms/adstock/geometric.ts";
import { hillSaturation } from "mixlab/transforms/saturation/hill.ts";
import assert from "node:assert/strict";
import { simulate } from "./_simulate.ts";

function weekly(n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => new Date(Date.UTC(2022, 0, 3 + 7 * i)).toISOString().slice(0, 10),
  );
}

/** One channel, known transforms, y = 100 + 50·hill(adstock(x)) + N(0, 2). */
function oneChannel(seed: number): { data: MmmData; media: Float64Array } {
  const rng = new Rng(seed), n = 80;
  const spend = Float64Array.from(
    { length: n },
    () => (rng.uniform() < 0.25 ? 0 : 2 * rng.uniform()),
  );
  let mean = 0;
  for (const v of spend) mean += v / n;
  // the saturation input: adstock over its gain 1/(1 − 0.4), mixlab's unit-gain convention
  const media = hillSaturation(
    geometricAdstock(spend.map((v) => v / mean), { decay: 0.4 }).map((v) => v * (1 - 0.4)),
    { halfSaturation: 1, shape: 1 },
  );
  const kpi = media.map((m) => 100 + 50 * m + rng.normal(0, 2));
  return {
    data: {
      dates: weekly(n),
      kpi: { name: "sales", values: kpi },
      kpiKind: "revenue",
      channels: [{ name: "tv", spend }],
      controls: [],
    },
    media,
  };
}

const oneChannelSpec = defineModelSpec({
  channels: {
    tv: {
      adstock: { kind: "geometric", params: { decay: 0.4 } },
      saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
    },
  },
  baseline: { yearlyFourier: 0, trend: "none" },
});

Deno.test("fitBayes() with fixed transforms agrees with least squares on the true media column", () => {
  const { data, media } = oneChannel(3);
  const fit = fitBayes(data, oneChannelSpec, {
    chains: 2,
    warmup: 300,
    draws: 500,
    fixTransforms: true,
  });
  // Closed-form simple regression of the KPI on the media column.
  const y = data.kpi.values, n = y.length;
  let mx = 0, my = 0;
  for (let t = 0; t < n; t++) (mx += media[t]! / n, my += y[t]! / n);
  let sxy = 0, sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (media[t]! - mx) * (y[t]! - my);
    sxx += (media[t]! - mx) ** 2;
  }
  const slope = sxy / sxx, intercept = my - slope * mx;
  const row = (name: string) => fit.summary.find((s) => s.name === name)!;
  // The weak priors (β ~ HalfNormal(1) on KPI/mean(KPI) ≈ 1) barely move the estimate: allow
  // 4 Monte Carlo standard errors plus 2% of the value for prior shrinkage.
  for (const [name, ls] of [["tv", slope], ["intercept", intercept]] as const) {
    const r = row(name);
    const tol = (4 * r.sd) / Math.sqrt(r.essBulk) + 0.02 * Math.abs(ls);
    assert.ok(Math.abs(r.mean - ls) < tol, `${name}: posterior ${r.mean}, least squares ${ls}`);
  }
  // The posterior sd of the slope matches the least-squares standard error √(s²/Sxx).
  let rss = 0;
  for (let t = 0; t < n; t++) rss += (y[t]! - intercept - slope * media[t]!) ** 2;
  const se = Math.sqrt(rss / (n - 2) / sxx);
  assert.ok(Math.abs(row("tv").sd / se - 1) < 0.15, `posterior sd ${row("tv").sd}, se ${se}`);
  // The residual sd: s = √(RSS/(n − 2)) lies inside the 90% interval of sigma.
  const s = Math.sqrt(rss / (n - 2));
  assert.ok(row("sigma").lower < s && row("sigma").upper > s);
});

Deno.test("fitBayes() decomposition terms sum to the prediction at every draw", () => {
  const { data } = oneChannel(5);
  const fit = fitBayes(data, oneChannelSpec, { chains: 2, warmup: 100, draws: 50 });
  for (const draw of [undefined, 0, 77]) {
    const d = fit.decompose(data, draw === undefined ? {} : { draw });
    const p = fit.predict(data, draw === undefined ? {} : { draw });
    for (let t = 0; t < p.length; t++) {
      let s = 0;
      for (const term of d.terms) s += term.values[t]!;
      assert.ok(Math.abs(s - p[t]!) < 1e-9 * Math.abs(p[t]!));
    }
  }
  assert.deepEqual(Array.from(fit.fitted), Array.from(fit.predict(data)));
  assert.notDeepEqual(fit.predict(data, { draw: 0 }), fit.predict(data, { draw: 1 }));
  assert.equal(fit.draws("tv.decay").length, fit.nDraws);
  assert.throws(() => fit.predict(data, { draw: fit.nDraws }), RangeError);
});

Deno.test("fitBayes() gives identical results for the same seed", () => {
  const { data } = oneChannel(6);
  const o = { chains: 2, warmup: 60, draws: 30, seed: 4 };
  const a = fitBayes(data, oneChannelSpec, o), b = fitBayes(data, oneChannelSpec, o);
  assert.deepEqual(a.summary, b.summary);
});

Deno.test("fitBayes() rejects panel data and a non-positive KPI under log-log", () => {
  const { data } = oneChannel(7);
  const panel = { ...data, geo: { name: "region", values: data.dates.map(() => "north") } };
  assert.throws(() => fitBayes(panel, oneChannelSpec), MmmDataError);
  const loglog = defineModelSpec({ channels: ["tv"], specification: "log-log" });
  const negative = { ...data, kpi: { name: "sales", values: data.kpi.values.map((v) => v - 200) } };
  assert.throws(() => fitBayes(negative, loglog), MmmDataError);
});

Deno.test("fitBayes() log-log recovers a known elasticity and decomposes into the prediction", () => {
  // log KPI = 5 + 0.3·log1p(u) + N(0, 0.03), u = geometric(spend/mean, 0.4) over its gain 1/0.6.
  const rng = new Rng(10), n = 104;
  const spend = Float64Array.from(
    { length: n },
    () => (rng.uniform() < 0.3 ? 0 : 3 * rng.uniform()),
  );
  let mean = 0;
  for (const v of spend) mean += v / n;
  const ad = geometricAdstock(spend.map((v) => v / mean), { decay: 0.4 }).map((v) => v * 0.6);
  const kpi = ad.map((a) => Math.exp(5 + 0.3 * Math.log1p(a) + rng.normal(0, 0.03)));
  const data: MmmData = {
    dates: weekly(n),
    kpi: { name: "sales", values: kpi },
    kpiKind: "revenue",
    channels: [{ name: "tv", spend }],
    controls: [],
  };
  const spec = defineModelSpec({
    channels: ["tv"],
    specification: "log-log",
    baseline: { yearlyFourier: 0, trend: "none" },
  });
  const fit = fitBayes(data, spec, { chains: 2, warmup: 300, draws: 300, seed: 5 });
  const row = (name: string) => fit.summary.find((r) => r.name === name)!;
  assert.ok(row("tv").lower < 0.3 && row("tv").upper > 0.3, `elasticity ${row("tv").mean}`);
  assert.ok(row("tv.decay").lower < 0.4 && row("tv.decay").upper > 0.4);
  assert.ok(row("intercept").lower < 5 && row("intercept").upper > 5);
  const d = fit.decompose(data, { draw: 10 }), p = fit.predict(data, { draw: 10 });
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (const term of d.terms) s += term.values[t]!;
    assert.ok(Math.abs(s - p[t]!) < 1e-9 * p[t]!);
    assert.ok(Math.abs(d.fitted[t]! - p[t]!) < 1e-12 * p[t]!);
  }
});

Deno.test("fitBayes() recovers known truth on simulated weekly data", () => {
  // 156 weeks, 5 channels (geometric adstock + Hill), trend, seasonality, price; see _simulate.ts.
  const sim = simulate(156, 1);
  const spec = defineModelSpec({
    channels: sim.data.channels.map((c) => c.name),
    controls: ["price"],
    baseline: { yearlyFourier: 2, trend: "linear" },
  });
  const fit = fitBayes(sim.data, spec, { chains: 4, warmup: 300, draws: 250, seed: 1 });
  assert.ok(fit.sampler.rhatMax < 1.05, `max R-hat ${fit.sampler.rhatMax}`);
  const row = (name: string) => fit.summary.find((s) => s.name === name)!;
  // The price effect (−150 per unit) and the noise sd (120) are well identified.
  assert.ok(Math.abs(row("price").mean + 150) < 3 * row("price").sd, `price ${row("price").mean}`);
  assert.ok(Math.abs(row("sigma").mean - sim.noiseSd) < 3 * row("sigma").sd);
  // The longest carry-over (tv, decay 0.6) is recovered inside its 90% interval.
  assert.ok(row("tv.decay").lower < 0.6 && row("tv.decay").upper > 0.6);
  // 90% intervals of ROAS (contribution over spend, from every 5th draw) cover the truth for
  // most channels.
  let covered = 0;
  for (const c of sim.data.channels) {
    let spend = 0;
    for (const v of c.spend) spend += v;
    const roas: number[] = [];
    for (let d = 0; d < fit.nDraws; d += 5) {
      const term = fit.decompose(sim.data, { draw: d }).terms.find((t) => t.name === c.name)!;
      let s = 0;
      for (const v of term.values) s += v;
      roas.push(s / spend);
    }
    roas.sort((a, b) => a - b);
    const lo = roas[Math.floor(0.05 * roas.length)]!, hi = roas[Math.ceil(0.95 * roas.length) - 1]!;
    if (sim.roas[c.name]! >= lo && sim.roas[c.name]! <= hi) covered++;
  }
  assert.ok(covered >= 3, `90% ROAS intervals covered the truth for ${covered} of 5 channels`);
});

Deno.test("fitBayesParallel() gives the same draws as fitBayes() with the same seed", async () => {
  const { data } = oneChannel(8);
  const o = { chains: 3, warmup: 80, draws: 40, seed: 12 };
  const a = await fitBayesParallel(data, oneChannelSpec, { ...o, workers: 2 });
  const b = fitBayes(data, oneChannelSpec, o);
  assert.deepEqual(a.draws("tv.decay"), b.draws("tv.decay"));
  assert.deepEqual(a.summary, b.summary);
  assert.deepEqual(a.sampler, b.sampler);
});

Deno.test("loadBayesModel() rebuilds an equal fit from its JSON text", () => {
  const { data } = oneChannel(9);
  const fit = fitBayes(data, oneChannelSpec, { chains: 2, warmup: 80, draws: 40, seed: 2 });
  const back = loadBayesModel(JSON.parse(JSON.stringify(fit)));
  assert.deepEqual(back.summary, fit.summary);
  assert.deepEqual(back.sampler, fit.sampler);
  assert.deepEqual(back.fitted, fit.fitted);
  assert.deepEqual(back.predict(data, { draw: 17 }), fit.predict(data, { draw: 17 }));
  assert.deepEqual(back.spec, fit.spec);
  assert.throws(() => loadBayesModel({ format: "mixlab.linear-model" }), ConfigError);
});
