// Truth checks of the simulator, done independently of lib/sim: the CSV and truth files are
// parsed here, and adstock/saturation are recomputed with the formulas written out below
// (Robyn's geometric recursion, Hill x^a/(x^a+k^a)), not with lib/transforms.
import { fitRidge, simulateMmm, simulatePreset } from "mixlab";
import { simulationToCsv, type SimulationTruth, truthToJson } from "mixlab/sim";
import { fitGeoLinear } from "mixlab/models/geo";
import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;
const PRESETS = ["demo", "mediation", "flighting", "geo"] as const;

function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = Deno.readTextFileSync(path).trimEnd().split("\n");
  return { header: lines[0]!.split(","), rows: lines.slice(1).map((l) => l.split(",")) };
}

function column(csv: { header: string[]; rows: string[][] }, name: string): number[] {
  const j = csv.header.indexOf(name);
  assert.ok(j >= 0, `column ${name}`);
  return csv.rows.map((r) => r[j] === "" ? NaN : Number(r[j]));
}

function readTruth(name: string): SimulationTruth {
  return JSON.parse(Deno.readTextFileSync(`${root}data/${name}.truth.json`));
}

const sum = (x: readonly number[]) => x.reduce((a, b) => a + b, 0);
const close = (a: number, b: number, rel: number, what: string) =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/**
 * The saturation input of a geometric channel: Robyn's recursion x*_t = x_t + θ·x*_{t−1}
 * (R/R/transformation.R adstock_geometric) divided by its gain Σ θ^l = 1/(1−θ), mixlab's
 * unit-gain convention.
 */
function geometric(x: readonly number[], decay: number): number[] {
  let prev = 0;
  return x.map((v) => (prev = v + decay * prev) * (1 - decay));
}

const hill = (x: number, k: number, a: number) => x ** a / (x ** a + k ** a);

Deno.test("simulateMmm() contributions, baseline, noise and shocks add up to the KPI", () => {
  for (const name of PRESETS) {
    const truth = readTruth(name);
    const csv = readCsv(`${root}data/${name}.csv`);
    const kpi = column(csv, truth.kpi);
    const missing = new Set(truth.missingKpiRows);
    for (let i = 0; i < kpi.length; i++) {
      const parts = truth.baseline[i]! + truth.noise[i]! + truth.shocks[i]! +
        sum(truth.channels.map((c) => c.contribution[i]!));
      close(parts, truth.kpiValues[i]!, 1e-9, `${name} row ${i}`);
      if (missing.has(i)) assert.ok(Number.isNaN(kpi[i]));
      else assert.equal(kpi[i], Math.round(truth.kpiValues[i]! * 100) / 100);
      const terms = sum(truth.baselineTerms.map((t) => t.values[i]!));
      close(terms, truth.baseline[i]!, 1e-9, `${name} baseline row ${i}`);
    }
  }
});

Deno.test("simulateMmm() ROAS is total contribution over total spend of the CSV", () => {
  for (const name of PRESETS) {
    const truth = readTruth(name);
    const csv = readCsv(`${root}data/${name}.csv`);
    for (const c of truth.channels) {
      const spend = sum(column(csv, c.column));
      close(c.totalSpend, spend, 1e-9, `${name} ${c.name} spend`);
      close(c.roas, sum(c.contribution) / spend, 1e-9, `${name} ${c.name} roas`);
    }
  }
});

Deno.test("simulateMmm() scale is the mean spend and the demo contribution follows the formula", () => {
  const truth = readTruth("demo");
  const csv = readCsv(`${root}data/demo.csv`);
  const tv = truth.channels.find((c) => c.name === "tv")!;
  const spend = column(csv, "tv_spend");
  close(tv.scale, sum(spend) / spend.length, 1e-12, "scale");
  assert.deepEqual(truth.spec.channels[0]?.scale, tv.scale);
  const { decay } = tv.adstock.params as { decay: number };
  const { halfSaturation: k, shape: a } = tv.saturation.params as Record<string, number>;
  const adstocked = geometric(spend.map((s) => s / tv.scale), decay);
  adstocked.forEach((x, t) =>
    close(tv.contribution[t]!, tv.coefficient * hill(x, k!, a!), 1e-9, `t=${t}`)
  );
});

Deno.test("simulateMmm() with no carryover and linear saturation gives coefficient × spend / scale", () => {
  const sim = simulateMmm({
    seed: 7,
    weeks: 40,
    channels: [{
      name: "flat",
      spend: { mean: 1000 },
      adstock: { kind: "geometric", params: { decay: 0 } },
      saturation: { kind: "identity", params: {} },
      roas: 1.5,
    }],
  });
  const c = sim.truth.channels[0]!;
  const spend = Array.from(sim.data.channels[0]!.spend);
  const scale = sum(spend) / spend.length;
  spend.forEach((s, t) => close(c.contribution[t]!, c.coefficient * s / scale, 1e-12, `t=${t}`));
  // Linear response: the coefficient is ROAS × scale, and marginal ROAS equals ROAS.
  close(c.coefficient, 1.5 * scale, 1e-12, "coefficient");
  close(c.mroas, 1.5, 1e-12, "mroas");
});

Deno.test("simulateMmm() marginal ROAS matches a central difference of total contribution", () => {
  const truth = readTruth("demo");
  const spend = column(readCsv(`${root}data/demo.csv`), "tv_spend");
  const tv = truth.channels.find((c) => c.name === "tv")!;
  const { halfSaturation: k, shape: a } = tv.saturation.params as Record<string, number>;
  const total = (eps: number) =>
    sum(
      geometric(spend.map((s) => s * (1 + eps) / tv.scale), 0.6).map((x) =>
        tv.coefficient * hill(x, k!, a!)
      ),
    );
  const eps = 1e-5;
  const numeric = (total(eps) - total(-eps)) / (2 * eps * sum(spend));
  close(tv.mroas, numeric, 1e-6, "mroas");
});

Deno.test("simulateMmm() steady-state response curve follows coef · hill(spend/scale)", () => {
  const tv = readTruth("demo").channels.find((c) => c.name === "tv")!;
  const { halfSaturation: k, shape: a } = tv.saturation.params as Record<string, number>;
  for (const p of tv.responseCurve) {
    // a settled constant spend s reaches the saturation input s/scale (unit-gain adstock)
    const expected = tv.coefficient * hill(p.spend / tv.scale, k!, a!);
    close(p.response, expected, 1e-9, `spend ${p.spend}`);
  }
  assert.equal(tv.responseCurve[0]?.response, 0);
});

Deno.test("simulateMmm() mediation effects: direct, indirect through search, total", () => {
  const truth = readTruth("mediation");
  const csv = readCsv(`${root}data/mediation.csv`);
  const med = truth.mediation!;
  assert.equal(med.mediator, "google_search");
  const search = truth.channels.find((c) => c.name === "google_search")!;
  const searchSpend = column(csv, "google_search_spend");
  const { halfSaturation: k, shape: a } = search.saturation.params as Record<string, number>;
  const { decay } = search.adstock.params as { decay: number };
  const contribution = (spend: number[]) =>
    sum(
      geometric(spend.map((s) => s / search.scale), decay).map((x) =>
        search.coefficient * hill(x, k!, a!)
      ),
    );
  close(contribution(searchSpend), search.totalContribution, 1e-9, "search total");
  for (const e of med.effects) {
    const upstream = column(csv, `${e.channel}_spend`);
    const k0 = med.drive[e.channel]!;
    const without = searchSpend.map((s, t) => Math.max(0, s - k0 * upstream[t]!));
    const indirect = contribution(searchSpend) - contribution(without);
    close(e.indirect, indirect, 1e-9, `${e.channel} indirect`);
    close(
      e.direct,
      truth.channels.find((c) => c.name === e.channel)!.totalContribution,
      1e-12,
      "direct",
    );
    close(e.total, e.direct + e.indirect, 1e-12, "total");
    assert.ok(e.indirect > 0);
  }
});

Deno.test("simulateMmm() geo contributions are per person: population × coefficient × Hill of spend per person", () => {
  // Meridian's geo model (anchors.md §3a): u = adstock(spend / population / scale), scale the
  // mean spend per person over every geo and week, contribution = population · β_g · sat(u)
  const truth = readTruth("geo");
  const csv = readCsv(`${root}data/geo.csv`);
  const geo = csv.rows.map((r) => r[1]!);
  const population = column(csv, "population");
  const tv = truth.channels.find((c) => c.name === "tv")!;
  const spend = column(csv, "tv_spend");
  const scale = sum(spend.map((s, i) => s / population[i]!)) / spend.length;
  close(tv.scale, scale, 1e-12, "tv scale: mean spend per person");
  const { halfSaturation: k, shape: a } = tv.saturation.params as Record<string, number>;
  for (const g of ["geo_01", "geo_07", "geo_20"]) {
    const rows = geo.flatMap((name, i) => name === g ? [i] : []);
    const pop = population[rows[0]!]!;
    assert.ok(rows.every((i) => population[i] === pop), `${g}: one population`);
    assert.equal(pop, truth.geos!.find((x) => x.name === g)!.population);
    const x = geometric(rows.map((i) => spend[i]! / pop / scale), 0.5);
    const coefficient = tv.geoCoefficients![g]!;
    rows.forEach((row, t) =>
      close(tv.contribution[row]!, pop * coefficient * hill(x[t]!, k!, a!), 1e-9, `${g} row ${row}`)
    );
  }
  assert.equal(truth.geos?.length, 20);
});

Deno.test("fitGeoLinear() at the simulator's true transforms recovers its national ROAS", () => {
  // a small panel, low noise; the truth is contribution ÷ spend summed over geos (the simulator's
  // own accounting, checked against the CSV above), the estimate the pooled per-person OLS
  const sim = simulateMmm({
    seed: 7,
    weeks: 104,
    noise: 0.02,
    channels: [
      {
        name: "tv",
        spend: { mean: 3000, flighting: { on: [4, 8], off: [2, 6] } },
        adstock: { kind: "geometric", params: { decay: 0.5 } },
        saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1.5 } },
        roas: 1.5,
      },
      {
        name: "search",
        spend: { mean: 1500 },
        adstock: { kind: "geometric", params: { decay: 0.1 } },
        saturation: { kind: "hill", params: { halfSaturation: 1.2, shape: 1 } },
        roas: 2.8,
      },
    ],
    geos: { count: 8 },
  });
  const specs = sim.truth.channels.map(({ name, adstock, saturation }) => ({
    name,
    adstock,
    saturation,
  }));
  const fit = fitGeoLinear(sim.data, specs);
  assert.equal(fit.populationScaling, true);
  sim.truth.channels.forEach((c, j) => {
    const truth = sum(c.contribution) / sum(Array.from(sim.data.channels[j]!.spend));
    close(truth, [1.5, 2.8][j]!, 1e-9, `${c.name} true ROAS`);
    const estimate = fit.channels[j]!.roas;
    assert.ok(Math.abs(estimate / truth - 1) < 0.03, `${c.name}: ${estimate} vs ${truth}`);
  });
});

Deno.test("deno task data regenerates the demo set byte for byte", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        `--allow-read=${root}`,
        `--allow-write=${dir}`,
        `${root}tasks/data.ts`,
        "demo",
        "--out",
        dir,
      ],
      cwd: root,
      stdout: "null",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    for (const file of ["demo.csv", "demo.truth.json"]) {
      assert.deepEqual(
        Deno.readFileSync(`${dir}/${file}`),
        Deno.readFileSync(`${root}data/${file}`),
      );
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("simulateMmm() same seed gives the same bytes, another seed other bytes", () => {
  const a = simulatePreset("flighting"), b = simulatePreset("flighting");
  assert.equal(simulationToCsv(a), simulationToCsv(b));
  assert.equal(truthToJson(a), truthToJson(b));
  const options = {
    seed: 1,
    weeks: 30,
    channels: [{
      name: "tv",
      spend: { mean: 100 },
      adstock: { kind: "geometric", params: { decay: 0.3 } },
      saturation: { kind: "identity", params: {} },
      roas: 1,
    }],
  };
  assert.notEqual(
    simulationToCsv(simulateMmm(options)),
    simulationToCsv(simulateMmm({ ...options, seed: 2 })),
  );
});

Deno.test("simulateMmm() demo: ridge with the true transforms recovers ROAS within 10%", () => {
  const sim = simulatePreset("demo");
  const fit = fitRidge(sim.data, sim.truth.spec);
  const decomposition = fit.decompose(sim.data);
  for (const c of sim.truth.channels) {
    const term = decomposition.terms.find((t) => t.group === "media" && t.name === c.name)!;
    const roas = term.values.reduce((x, y) => x + y, 0) / c.totalSpend;
    assert.ok(Math.abs(roas / c.roas - 1) < 0.1, `${c.name}: ${roas} vs ${c.roas}`);
  }
});

Deno.test("simulateMmm() flighting leaves long zero-spend stretches", () => {
  const spend = column(readCsv(`${root}data/flighting.csv`), "tv_spend");
  let run = 0, longest = 0, runs = 0;
  for (const s of spend) {
    run = s === 0 ? run + 1 : 0;
    if (run === 6) runs++;
    longest = Math.max(longest, run);
  }
  // Off periods last 6–14 weeks by the preset: every one reaches 6 weeks.
  assert.ok(runs >= 5, `${runs} off periods`);
  assert.ok(longest >= 6 && longest <= 14, `longest ${longest}`);
  assert.ok(column(readCsv(`${root}data/demo.csv`), "tv_spend").every((s) => s > 0));
});

Deno.test("simulateMmm() spendCorrelation correlates the channels' log spend", () => {
  const pearson = (a: number[], b: number[]) => {
    const ma = sum(a) / a.length, mb = sum(b) / b.length;
    let ab = 0, aa = 0, bb = 0;
    a.forEach((v, i) => {
      ab += (v - ma) * (b[i]! - mb);
      aa += (v - ma) ** 2;
      bb += (b[i]! - mb) ** 2;
    });
    return ab / Math.sqrt(aa * bb);
  };
  const correlationAt = (rho: number) => {
    const sim = simulateMmm({
      seed: 11,
      weeks: 400,
      channels: ["a", "b"].map((name) => ({
        name,
        spend: { mean: 100, seasonality: 0 },
        adstock: { kind: "geometric", params: { decay: 0 } },
        saturation: { kind: "identity", params: {} },
        roas: 1,
      })),
      spendCorrelation: rho,
    });
    const [a, b] = sim.data.channels.map((c) => Array.from(c.spend, Math.log));
    return pearson(a!, b!);
  };
  // Log spend is ρ·shared + √(1−ρ²)·own with unit-variance AR(1)s: the correlation is ρ².
  assert.ok(Math.abs(correlationAt(0.9) - 0.81) < 0.15);
  assert.ok(Math.abs(correlationAt(0)) < 0.2);
});
