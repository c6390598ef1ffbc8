// Each feature kind of a model spec recovers a known coefficient: the KPI is built here, from
// columns generated here (tests/features/_generate.ts, independent of lib/sim), with the
// coefficients below, plus normal noise; OLS must find each coefficient within 4 standard
// errors and 5%. Channels enter as their spend (no carryover, identity saturation, scale 1), so
// the truth is the coefficient on the column the feature defines.
import assert from "node:assert/strict";
import { defineModelSpec, fitOls, type MmmData } from "mixlab";
import { boxCox } from "mixlab/features";
import type { ModelSpecInput } from "mixlab/models";
import {
  flags,
  flightedSpend,
  linearChannel,
  mondays,
  normal,
  uniform,
  weekly,
} from "./_generate.ts";

const N = 208;
const dates = mondays(N);

/** Fits OLS and checks each named coefficient against its truth. */
function recovers(data: MmmData, spec: ModelSpecInput, truth: Record<string, number>): void {
  const fit = fitOls(data, defineModelSpec(spec), { nonNegative: false });
  for (const [name, value] of Object.entries(truth)) {
    const row = fit.parameters.find((p) => p.name === name);
    assert.ok(row, `a parameter "${name}" (have ${fit.parameters.map((p) => p.name).join(", ")})`);
    const error = Math.abs(row.estimate - value);
    assert.ok(
      error <= 4 * (row.stdError as number) && error <= 0.05 * Math.abs(value),
      `${name}: ${row.estimate} ± ${row.stdError} against ${value}`,
    );
  }
}

const noise = (seed: number, sd: number) => {
  const z = normal(seed);
  return () => sd * z();
};
const none = { trend: "none" as const, yearlyFourier: 0 };

Deno.test("lags of a channel and of a control recover their coefficients", () => {
  const u = uniform(25),
    tv = flightedSpend(N, 1),
    price = Float64Array.from(dates, () => 6 + 12 * u());
  const e = noise(2, 5);
  const kpi = tv.map((x, t) =>
    1000 + 3 * x + 1.5 * (t > 0 ? tv[t - 1]! : 0) + 0.6 * (t > 1 ? tv[t - 2]! : 0) -
    20 * price[t]! + 12 * (t > 0 ? price[t - 1]! : price[0]!) + e()
  );
  recovers(weekly(dates, kpi, { tv }, { price }), {
    channels: [linearChannel("tv")],
    controls: ["price"],
    baseline: { ...none, lags: { tv: [1, 2], price: [1] } },
  }, { tv: 3, tv_lag1: 1.5, tv_lag2: 0.6, price: -20, price_lag1: 12 });
});

Deno.test("a media × promotion interaction recovers its coefficient", () => {
  const tv = flightedSpend(N, 3), promo = flags(N, 4, 0.3);
  const e = noise(5, 5);
  const kpi = tv.map((x, t) => 800 + 2 * x + 1.2 * x * promo[t]! + 40 * promo[t]! + e());
  recovers(weekly(dates, kpi, { tv }, { promo }), {
    channels: [linearChannel("tv")],
    controls: ["promo"],
    baseline: { ...none, interactions: [["promo", "tv"]] },
  }, { tv: 2, "tv×promo": 1.2, promo: 40 });
});

Deno.test("a categorical column's dummies recover each level's effect against the reference", () => {
  const u = uniform(6), tv = flightedSpend(N, 7), e = noise(8, 4);
  const levels = ["autumn", "spring", "summer", "winter"];
  const season = Array.from(dates, () => levels[Math.floor(u() * 4)] as string);
  const effect: Record<string, number> = { winter: 0, spring: 30, summer: 60, autumn: -20 };
  const kpi = tv.map((x, t) => 500 + 2 * x + effect[season[t]!]! + e());
  recovers(weekly(dates, kpi, { tv }, {}, { season }), {
    channels: [linearChannel("tv")],
    baseline: { ...none, categoricals: { season: "winter" } },
  }, { tv: 2, "season=spring": 30, "season=summer": 60, "season=autumn": -20 });
});

Deno.test("fixed effects recover each group's intercept against the first group", () => {
  // Three series of 70 weeks each, as seed 002's shows: one intercept per series.
  const series = Array.from(dates, (_, t) => `S${1 + Math.min(2, Math.floor(t / 70))}`);
  const tv = flightedSpend(N, 9), e = noise(10, 4);
  const offset: Record<string, number> = { S1: 0, S2: 100, S3: -50 };
  const kpi = tv.map((x, t) => 700 + 1.5 * x + offset[series[t]!]! + e());
  recovers(weekly(dates, kpi, { tv }, {}, { series }), {
    channels: [linearChannel("tv")],
    baseline: { ...none, fixedEffects: ["series"] },
  }, { tv: 1.5, "series=S2": 100, "series=S3": -50 });
});

Deno.test("event-type flags recover each flagged level's effect", () => {
  const u = uniform(11), tv = flightedSpend(N, 12), e = noise(13, 4);
  const episode = Array.from(dates, () => {
    const r = u();
    return r < 0.08 ? "Premiere" : r < 0.16 ? "Finale" : "regular";
  });
  const kpi = tv.map((x, t) =>
    600 + 2 * x + (episode[t] === "Premiere" ? 200 : episode[t] === "Finale" ? 120 : 0) + e()
  );
  recovers(weekly(dates, kpi, { tv }, {}, { episode }), {
    channels: [linearChannel("tv")],
    baseline: { ...none, eventFlags: { episode: ["Premiere", "Finale"] } },
  }, { "episode=Premiere": 200, "episode=Finale": 120 });
});

Deno.test("a zero-spend (on-air) term recovers the step between dark and on-air weeks", () => {
  const tv = flightedSpend(N, 14, 0.4), e = noise(15, 3);
  const kpi = tv.map((x) => 900 + 2 * x + 25 * (x > 0 ? 1 : 0) + e());
  recovers(weekly(dates, kpi, { tv }), {
    channels: [linearChannel("tv")],
    baseline: { ...none, zeroSpend: ["tv"] },
  }, { tv: 2, "tv on": 25 });
});

Deno.test("share of voice and total spend recover their coefficients", () => {
  const tv = flightedSpend(N, 16, 0.1), radio = flightedSpend(N, 17, 0.1);
  const competitor = flightedSpend(N, 18, 0);
  const e = noise(19, 2);
  let total = 0;
  for (let t = 0; t < N; t++) total += tv[t]! + radio[t]!;
  const meanTotal = total / N;
  const kpi = tv.map((x, t) => {
    const sov = x + competitor[t]! > 0 ? x / (x + competitor[t]!) : 0;
    return 400 + 1.5 * x + 300 * sov + 90 * (x + radio[t]!) / meanTotal + e();
  });
  recovers(weekly(dates, kpi, { tv, radio }, { competitor }), {
    // radio has no effect of its own beyond total spend; entered saturated, its column is not
    // a linear combination of tv's and total spend's
    channels: [linearChannel("tv"), {
      ...linearChannel("radio"),
      saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
    }],
    baseline: { ...none, shareOfVoice: { tv: "competitor" }, totalSpend: true },
  }, { "tv share of voice": 300, "total spend": 90 });
});

Deno.test("month-of-year and week-of-month dummies and a quadratic trend recover their effects", () => {
  const tv = flightedSpend(N, 20), e = noise(21, 3);
  const month = (d: string) => Number(d.slice(5, 7)), day = (d: string) => Number(d.slice(8, 10));
  const t = (i: number) => i / (N - 1);
  const kpi = tv.map((x, i) => {
    const d = dates[i]!;
    return 1000 + 2 * x + (month(d) === 12 ? 80 : month(d) === 7 ? 30 : 0) +
      (day(d) >= 29 ? 40 : 0) + 150 * t(i) - 90 * t(i) ** 2 + e();
  });
  recovers(weekly(dates, kpi, { tv }), {
    channels: [linearChannel("tv")],
    baseline: { trend: "quadratic", yearlyFourier: 0, monthOfYear: true, weekOfMonth: true },
  }, { "month=Dec": 80, "month=Jul": 30, "week-of-month=5": 40, trend: 150, "trend^2": -90 });
});

Deno.test("a Box-Cox control recovers its coefficient; auto λ maximises the likelihood", () => {
  const u = uniform(22), tv = flightedSpend(N, 23), e = noise(24, 2);
  const price = Float64Array.from(dates, () => 5 + 20 * u() ** 2);
  const kpi = tv.map((x, i) => 600 + 2 * x - 25 * ((Math.sqrt(price[i]!) - 1) / 0.5) + e());
  recovers(weekly(dates, kpi, { tv }, { price }), {
    channels: [linearChannel("tv")],
    baseline: { ...none, boxCox: { price: 0.5 } },
  }, { "price (Box-Cox λ=0.500)": -25 });
  // "auto": the λ of the column name is where the profile log-likelihood (written out here)
  // peaks: higher than a step either side.
  const fit = fitOls(
    weekly(dates, kpi, { tv }, { price }),
    defineModelSpec({
      channels: [linearChannel("tv")],
      baseline: { ...none, boxCox: { price: "auto" } },
    }),
  );
  const name = fit.parameters.find((p) => p.name.startsWith("price (Box-Cox"))!.name;
  const lambda = Number(/λ=(-?[0-9.]+)/.exec(name)![1]);
  const llf = (l: number) => {
    const y = boxCox(price, l), m = y.reduce((a, b) => a + b, 0) / N;
    const s = y.reduce((a, b) => a + (b - m) ** 2, 0) / N;
    return (l - 1) * price.reduce((a, b) => a + Math.log(b), 0) - (N / 2) * Math.log(s);
  };
  assert.ok(llf(lambda) > llf(lambda - 0.01) && llf(lambda) > llf(lambda + 0.01), `λ ${lambda}`);
});
