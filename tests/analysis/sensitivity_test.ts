import assert from "node:assert/strict";
import { ConfigError, defineModelSpec, fitBayesLinear, fitRidge, Rng } from "mixlab";
import { sensitivity } from "mixlab/analysis";
import type { LinearModel } from "mixlab/models";

// KPI = 500 + 2·tv − 3·price + 40·promo (+ noise for the Bayesian fit); tv enters as its spend.
const n = 80;
const rng = new Rng(11);
const dates = Array.from(
  { length: n },
  (_, i) => new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10),
);
const tv = Float64Array.from({ length: n }, () => 20 + 80 * rng.uniform());
const price = Float64Array.from({ length: n }, () => 8 + 4 * rng.uniform());
const promo = Float64Array.from({ length: n }, () => (rng.uniform() < 0.3 ? 1 : 0));
const exact = tv.map((x, t) => 500 + 2 * x - 3 * price[t]! + 40 * promo[t]!);
const data = (kpi: Float64Array) => ({
  dates,
  kpiKind: "revenue" as const,
  kpi: { name: "sales", values: kpi },
  channels: [{ name: "tv", spend: tv }],
  controls: [{ name: "price", values: price }, { name: "promo", values: promo }],
});
const spec = defineModelSpec({
  channels: [{
    name: "tv",
    scale: 1,
    adstock: { kind: "geometric", params: { decay: 0 } },
    saturation: { kind: "identity" },
  }],
  controls: ["price", "promo"],
  baseline: { yearlyFourier: 0, trend: "none" },
});
const total = (v: Float64Array) => v.reduce((a, b) => a + b, 0);

Deno.test("sensitivity() gives the closed-form KPI change of each control, promotion and channel", () => {
  const s = sensitivity(fitRidge(data(exact), spec, { lambda: 0, nonNegative: false }));
  const row = (name: string) => s.rows.find((r) => r.name === name)!;
  const close = (a: number, b: number) =>
    assert.ok(Math.abs(a - b) < 1e-6 * Math.abs(b), `${a} vs ${b}`);
  close(row("price").low.value, 3 * 0.1 * total(price));
  close(row("price").high.value, -3 * 0.1 * total(price));
  assert.equal(row("promo").kind, "promotion", "a 0/1 control is switched off and on");
  close(row("promo").low.value, -40 * total(promo));
  close(row("promo").high.value, 40 * (n - total(promo)));
  close(row("tv").high.value, 2 * 0.1 * total(tv));
  close(row("tv").low.value, -2 * 0.1 * total(tv));
  close(s.baseKpi, total(exact));
  // widest swing first: promo (40·n) > tv (0.4·Σtv) > price (0.6·Σprice)
  assert.deepEqual(s.rows.map((r) => r.name), ["promo", "tv", "price"]);
  assert.equal(s.level, undefined);
  assert.throws(() => sensitivity(fitRidge(data(exact), spec), { controls: ["cost"] }), (e) => {
    assert.ok(e instanceof ConfigError && e.key === "controls[0]");
    return true;
  });
});

Deno.test("sensitivity() gives intervals from a model's draws", () => {
  const noisy = exact.map((v) => v + rng.normal(0, 20));
  const fit = fitBayesLinear(data(noisy), spec, { seed: 3 }) as LinearModel;
  const s = sensitivity(fit, { maxDraws: fit.nDraws, level: 0.8 });
  // price is design column 1 (channels, then controls): the change per draw is β_d·10%·Σ price
  const p = fit.coefficients.length, draws = fit.draws!.coefficients;
  const perDraw = Array.from(
    { length: fit.nDraws },
    (_, d) => (draws[d * p + 1] as number) * 0.1 * total(price),
  ).sort((a, b) => a - b);
  const q = (prob: number) => {
    const h = (perDraw.length - 1) * prob, lo = Math.floor(h);
    return perDraw[lo]! +
      (h - lo) * (perDraw[Math.min(lo + 1, perDraw.length - 1)]! - perDraw[lo]!);
  };
  const high = s.rows.find((r) => r.name === "price")!.high;
  assert.ok(Math.abs(high.lower! - q(0.1)) < 1e-6 * Math.abs(q(0.1)));
  assert.ok(Math.abs(high.upper! - q(0.9)) < 1e-6 * Math.abs(q(0.9)));
  assert.ok(high.lower! < high.value && high.value < high.upper!);
  assert.equal(s.level, 0.8);
});
