import assert from "node:assert/strict";
import {
  ConfigError,
  defineModelSpec,
  fitElasticNet,
  fitOls,
  fitRidge,
  type MmmData,
  Rng,
} from "mixlab";
import { loadLinearModel } from "mixlab/models";
import { weeklyDates } from "./_fixed_design.ts";

function frame(n: number, seed: number): MmmData {
  const rng = new Rng(seed);
  const spend = (lo: number, hi: number) =>
    Float64Array.from({ length: n }, () => rng.uniformIn(lo, hi));
  return {
    dates: weeklyDates(n, "2022-01-03"),
    kpiKind: "revenue",
    kpi: { name: "sales", values: spend(900, 1100) },
    channels: [{ name: "tv", spend: spend(0, 50) }, { name: "search", spend: spend(10, 20) }],
    controls: [{ name: "price", values: spend(1, 2) }],
  };
}

Deno.test("decompose() of a log-log model: channel terms are counterfactual differences", () => {
  const data = frame(60, 3);
  // log KPI = 6 + 0.3·log1p(tv/scale) + 0.1·log1p(search/scale) − 0.05·price + 0.02·t
  const spec = defineModelSpec({
    channels: [
      { name: "tv", scale: 25, adstock: { kind: "geometric", params: { decay: 0 } } },
      { name: "search", scale: 15, adstock: { kind: "geometric", params: { decay: 0 } } },
    ],
    controls: ["price"],
    baseline: { yearlyFourier: 0 },
    specification: "log-log",
  });
  const tv = data.channels[0]!.spend,
    search = data.channels[1]!.spend,
    price = data.controls[0]!.values;
  const t = data.dates.map((_, i) => i / 59);
  const eta = (i: number, useTv: boolean, useSearch: boolean) =>
    6 + (useTv ? 0.3 * Math.log1p(tv[i]! / 25) : 0) +
    (useSearch ? 0.1 * Math.log1p(search[i]! / 15) : 0) -
    0.05 * price[i]! + 0.02 * t[i]!;
  const y = Float64Array.from({ length: 60 }, (_, i) => Math.exp(eta(i, true, true)));
  const fit = fitOls({ ...data, kpi: { name: "sales", values: y } }, spec);
  const dec = fit.decompose(fit.data);
  assert.deepEqual(dec.terms.map((x) => x.name), ["intercept", "trend", "price", "tv", "search"]);
  for (let i = 0; i < 60; i++) {
    const full = Math.exp(eta(i, true, true));
    assert.ok(
      Math.abs(dec.terms[3]!.values[i]! - (full - Math.exp(eta(i, false, true)))) < 1e-8 * full,
    );
    assert.ok(
      Math.abs(dec.terms[4]!.values[i]! - (full - Math.exp(eta(i, true, false)))) < 1e-8 * full,
    );
    const sum = dec.terms.reduce((s, x) => s + x.values[i]!, 0);
    assert.ok(Math.abs(sum - full) < 1e-8 * full);
    assert.ok(Math.abs(dec.fitted[i]! - full) < 1e-8 * full);
    // baseline terms split the rest in proportion to their log-scale contributions
    const rest = full - dec.terms[3]!.values[i]! - dec.terms[4]!.values[i]!;
    const base = 6 - 0.05 * price[i]! + 0.02 * t[i]!;
    assert.ok(Math.abs(dec.terms[0]!.values[i]! - rest * 6 / base) < 1e-7 * full);
  }
});

Deno.test("predict() with history continues adstock and trend from training", () => {
  const data = frame(30, 5);
  const spec = defineModelSpec({ channels: ["tv", "search"], controls: ["price"] });
  const fit = fitRidge(data, spec, { lambda: 1 });
  const cut = (a: number, b: number): MmmData => ({
    ...data,
    dates: data.dates.slice(a, b),
    kpi: { ...data.kpi, values: data.kpi.values.slice(a, b) },
    channels: data.channels.map((c) => ({ name: c.name, spend: c.spend.slice(a, b) })),
    controls: data.controls.map((c) => ({ name: c.name, values: c.values.slice(a, b) })),
  });
  const tail = fit.predict(cut(20, 30), { history: cut(0, 20) });
  for (let i = 0; i < 10; i++) assert.ok(Math.abs(tail[i]! - fit.fitted[20 + i]!) < 1e-9);
  const dec = fit.decompose(cut(20, 30), { history: cut(0, 20) });
  for (let i = 0; i < 10; i++) assert.ok(Math.abs(dec.fitted[i]! - fit.fitted[20 + i]!) < 1e-9);
});

Deno.test("loadLinearModel() restores OLS and elastic-net fits bit for bit, and rejects other JSON", () => {
  const data = frame(40, 9);
  const spec = defineModelSpec({
    channels: { tv: { adstock: { kind: "weibull-cdf", params: { maxLag: 8 } } }, search: {} },
    controls: ["price"],
    baseline: { events: { promo: ["2022-03-09"] } },
  });
  for (const fit of [fitOls(data, spec), fitElasticNet(data, spec, { lambda: 0.5 })]) {
    const back = loadLinearModel(JSON.parse(JSON.stringify(fit)));
    assert.deepEqual(back.predict(data), fit.predict(data));
    assert.deepEqual(back.decompose(data), fit.decompose(data));
    assert.deepEqual(back.spec, fit.spec);
    assert.deepEqual(back.parameters, fit.parameters);
  }
  assert.throws(() => loadLinearModel({ format: "something" }), ConfigError);
});

Deno.test("fitted models display their parameter table with escaped names", () => {
  const data = frame(30, 1);
  const odd: MmmData = { ...data, channels: [{ name: "<tv>", spend: data.channels[0]!.spend }] };
  const fit = fitOls(odd, defineModelSpec({ channels: ["<tv>"] }));
  const bundle = fit[Symbol.for("Jupyter.display") as never] as unknown as () => Record<
    string,
    string
  >;
  const shown = bundle.call(fit);
  assert.ok(shown["text/html"]!.includes("&lt;tv&gt;"));
  assert.ok(!shown["text/html"]!.includes("<tv>"));
  assert.match(shown["text/plain"]!, /pValue/);
  assert.equal(Object.prototype.toString.call(fit), "[object LinearModel]");
});

Deno.test("loadLinearModel() names what is wrong with damaged JSON", () => {
  const data = frame(20, 2);
  const json = JSON.parse(JSON.stringify(fitRidge(data, defineModelSpec({ channels: ["tv"] }))));
  assert.throws(
    () => loadLinearModel({ ...json, data: { dates: [] } }),
    (e: unknown) => e instanceof ConfigError && e.key === "data",
  );
  assert.throws(
    () => loadLinearModel({ ...json, coefficients: undefined }),
    (e: unknown) => e instanceof ConfigError && e.key === "coefficients",
  );
});
