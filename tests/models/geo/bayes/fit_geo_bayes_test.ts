import assert from "node:assert/strict";
import {
  fitGeoBayes,
  GeoPosterior,
  type GeoPosteriorInput,
} from "../../../../lib/models/geo/mod.ts";
import { ConfigError, MmmDataError } from "../../../../lib/errors.ts";
import { applyChannelTransforms } from "../../../../lib/transforms/apply_channel.ts";
import type { MmmData } from "../../../../lib/types.ts";
import { geoPanelSet } from "../../../../tasks/recovery/generators/geo_panel.ts";
import { geoMmmData, geoTrueChannels } from "../../../../tasks/recovery/geo_input.ts";

// A Meridian-style panel from the independent generator (tasks/recovery/generators): many geos,
// low noise, per-geo effects spread by η = 0.3 around national ones whose ROAS are 1.5 and 3.
const set = geoPanelSet("test", 41, {
  geos: 30,
  weeks: 117,
  channels: ["tv", "search"],
  adstock: "geometric",
  spend: "always-on",
  correlation: 0.2,
  noise: 0.02,
  mediaShare: 0.4,
  roas: { each: [1.5, 3] },
});
const weeks = set.truth.windowWeeks;
const data = geoMmmData(set, weeks);
const channels = geoTrueChannels(set, weeks);
const short = { chains: 2, warmup: 150, draws: 100, fixTransforms: true, workers: 2 } as const;

Deno.test("fitGeoBayes recovers the generator's national ROAS (low noise, 30 geos)", async () => {
  const fit = await fitGeoBayes(data, channels, short);
  fit.channels.forEach((c, j) => {
    const truth = set.truth.channels[j]!.roas;
    assert.ok(Math.abs(c.roas / truth - 1) < 0.1, `${c.name}: ${c.roas} vs ${truth}`);
    assert.ok(c.roasCi90[0] < c.roas && c.roas < c.roasCi90[1]);
  });
  // the national decomposition is the sum of the geos'
  const sum = fit.geos.reduce((a, g) => a + g.contributions[0]!.reduce((s, v) => s + v, 0), 0);
  assert.ok(Math.abs(sum / fit.national.contributions[0]!.reduce((s, v) => s + v, 0) - 1) < 1e-9);
  assert.equal(fit.convergence.chains, 2);
});

Deno.test("fitGeoBayes: a tight η prior pools every geo onto the national coefficient", async () => {
  // η → 0 makes β_g = β in every geo, so each geo's ROAS is the national ROAS times
  // (pop_g Σ_t s_gt / spend_g) / (Σ_g pop_g Σ_t s_gt / Σ spend), s the media column per person,
  // computed here from the transforms on each geo's own spend.
  const fit = await fitGeoBayes(data, channels, {
    ...short,
    priors: { eta: { dist: "halfnormal", sigma: 1e-6 } },
  });
  const pop = set.geos.map((g) => g.population);
  channels.forEach((ch, j) => {
    const perPerson = set.geos.map((g) =>
      g.spends[j]!.values.slice(0, weeks).map((v) => v / g.population)
    );
    const scale = perPerson.reduce((a, x) => a + x.reduce((s, v) => s + v, 0), 0) /
      (weeks * pop.length);
    const media = perPerson.map((x) =>
      applyChannelTransforms(x, { ...ch, scale }).reduce((s, v) => s + v, 0)
    );
    const spend = set.geos.map((g) =>
      g.spends[j]!.values.slice(0, weeks).reduce((s, v) => s + v, 0)
    );
    const national = media.reduce((a, m, g) => a + pop[g]! * m, 0) /
      spend.reduce((a, v) => a + v, 0);
    fit.geos.forEach((g, k) => {
      const want = fit.channels[j]!.roas * (pop[k]! * media[k]! / spend[k]!) / national;
      assert.ok(Math.abs(g.channels[j]!.roas / want - 1) < 1e-3, `${g.geo} ${ch.name}`);
    });
    assert.ok(fit.pooling[j]!.eta < 1e-5);
  });
});

Deno.test("fitGeoBayes: the same seed gives the same bytes", async () => {
  const small = geoMmmData(set, 60);
  const o = { ...short, warmup: 60, draws: 30, seed: 7 };
  const a = await fitGeoBayes(small, channels, o),
    b = await fitGeoBayes(small, channels, { ...o, workers: 1 });
  const bytes = (f: typeof a) =>
    JSON.stringify(f, (_, v) => (v instanceof Float64Array ? Array.from(v) : v));
  assert.equal(bytes(a), bytes(b));
});

Deno.test("geo posterior: a lift test in one geo adds exactly its own Gaussian term", () => {
  // Two posteriors, with and without a lift test of tv in geo 1 over weeks 3–5: their log
  // densities differ by −½((lift − pop_1 β_1 D_1)/se)², D_1 the drop of geo 1's column when its
  // spend of those weeks is removed, computed here by the transforms on geo 1's weeks.
  const G = 3, T = 10, x = Float64Array.from({ length: G * T }, (_, i) => 0.5 + (i * 7 % 5) / 3);
  const tv = {
    name: "tv",
    x,
    adstock: { kind: "geometric", params: { decay: 0.5 } },
    saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
    roasFactor: 1,
  };
  const base: GeoPosteriorInput = {
    geos: G,
    weeks: T,
    y: x.map((v, i) => 1 + 0.2 * v + 0.01 * (i % 3)),
    population: Float64Array.of(1, 3, 2),
    channels: [tv],
    baseline: [],
  };
  const lift = { channel: 0, geos: [1], start: 3, end: 6, lift: 1.1, standardError: 0.25 };
  const a = new GeoPosterior(base, { fixTransforms: true });
  const b = new GeoPosterior({ ...base, liftTests: [lift] }, { fixTransforms: true });
  const theta = a.centralPoint().map((v, i) => v + 0.1 * Math.sin(i + 1));
  const g = new Float64Array(a.dim);
  const diff = b.logDensityAndGradient(theta, g) - a.logDensityAndGradient(theta, g);
  const beta1 = a.evaluate(theta).beta[0]![1]!;
  const geo1 = x.slice(T, 2 * T), cut = Float64Array.from(geo1);
  cut.fill(0, 3, 6);
  const spec = { name: "tv", adstock: tv.adstock, saturation: tv.saturation, scale: 1 };
  const full = applyChannelTransforms(geo1, spec), without = applyChannelTransforms(cut, spec);
  const D = [3, 4, 5].reduce((s, t) => s + full[t]! - without[t]!, 0);
  const r = (1.1 - 3 * beta1 * D) / 0.25;
  assert.ok(Math.abs(diff - -0.5 * r * r) < 1e-9, `${diff} vs ${-0.5 * r * r}`);
});

function withRows(d: MmmData, keep: (i: number) => boolean): MmmData {
  const pick = <T>(v: ArrayLike<T>) => Array.from(v).filter((_, i) => keep(i));
  return {
    ...d,
    dates: pick(d.dates),
    kpi: { ...d.kpi, values: Float64Array.from(pick(d.kpi.values)) },
    channels: d.channels.map((c) => ({ ...c, spend: Float64Array.from(pick(c.spend)) })),
    controls: d.controls.map((c) => ({ ...c, values: Float64Array.from(pick(c.values)) })),
    geo: { ...d.geo!, values: pick(d.geo!.values) },
    population: { ...d.population!, values: Float64Array.from(pick(d.population!.values)) },
  };
}

Deno.test("fitGeoBayes: a bad panel is a typed error naming the geo", async () => {
  const small = geoMmmData(set, 20);
  const second = set.geos[1]!.name;
  // geo 2 misses its last week
  await assert.rejects(
    () => fitGeoBayes(withRows(small, (i) => i !== 39), channels, short),
    (e) => e instanceof MmmDataError && e.geos?.includes(second) === true,
  );
  // no population column, with population scaling asked for
  const { population: _, ...noPop } = small;
  await assert.rejects(
    () => fitGeoBayes(noPop, channels, { ...short, populationScaling: true }),
    (e) => e instanceof ConfigError && e.key === "population",
  );
  // a zero population in geo 2
  const zero = {
    ...small,
    population: {
      ...small.population!,
      values: small.population!.values.map((v, i) => (i === 25 ? 0 : v)),
    },
  };
  await assert.rejects(
    () => fitGeoBayes(zero, channels, short),
    (e) => e instanceof MmmDataError && e.geos?.includes(second) === true,
  );
  // a lift test in a geo that is not in the panel
  await assert.rejects(
    () =>
      fitGeoBayes(small, channels, {
        ...short,
        liftTests: [{
          channel: "tv",
          start: small.dates[2]!,
          end: small.dates[4]!,
          lift: 10,
          standardError: 2,
          geos: ["atlantis"],
        }],
      }),
    (e) => e instanceof ConfigError && e.geos?.includes("atlantis") === true,
  );
});
