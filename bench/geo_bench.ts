/**
 * Benchmarks of the hierarchical Bayesian geo model (issue 17), on a panel of the independent
 * Meridian-style generator (`tasks/recovery/generators/geo_panel.ts`, line
 * `panel-40g-5ch-n05-c40-mix` of `tasks/recovery/geo_sets.jsonl`: 40 geos × 156 weeks × 5
 * channels, normalised geometric adstock over 9 weeks + Hill, 5% noise), every week fitted.
 *
 * - One posterior gradient (the sampler's unit of work), at the central point.
 * - **The bench**: `fitGeoBayes`, 4 chains × (1000 warmup + 1000 draws), 2 workers,
 *   transforms sampled. After the run it prints wall time, time per gradient evaluation, per
 *   draw and per leapfrog step, leapfrog steps per draw, min bulk ESS, max R-hat, divergences
 *   and the machine's load average (`Deno.loadavg`), beside the target (≤ 120 s,
 *   R-hat ≤ 1.01, 0 divergences, min bulk ESS ≥ 400). While it samples, a progress line (each
 *   chain's phase, iteration and divergences) goes to stderr every 10 s.
 *
 * @module
 */
import { fitGeoBayes, GeoPosterior } from "../lib/models/geo/mod.ts";
import {
  formatSamplingProgress,
  type SamplingProgress,
} from "../lib/models/bayes/sampling_progress.ts";
import { prepareGeo } from "../lib/models/geo/bayes/_geo_prepare.ts";
import { generateGeoSet, parseGeoGrid } from "../tasks/recovery/geo_grid.ts";
import { geoMmmData, geoTrueChannels } from "../tasks/recovery/geo_input.ts";

const ID = "panel-40g-5ch-n05-c40-mix";
const grid = parseGeoGrid(
  await Deno.readTextFile(new URL("../tasks/recovery/geo_sets.jsonl", import.meta.url)),
);
const set = generateGeoSet(grid.find((d) => d.id === ID)!);
const weeks = set.dates.length;
const data = geoMmmData(set, weeks), channels = geoTrueChannels(set, weeks);
const posterior = new GeoPosterior(prepareGeo(data, channels, {}).input);
const theta = posterior.centralPoint(), grad = new Float64Array(posterior.dim);

/** An `onProgress` that writes one line to stderr at most every 10 s, and the last one. */
function progressLines(): (p: SamplingProgress) => void {
  let last = -Infinity;
  return (p) => {
    if (p.elapsedMs - last < 10_000 && p.done < p.total) return;
    last = p.elapsedMs;
    console.error(`${(p.elapsedMs / 1000).toFixed(0)}s ${formatSamplingProgress(p)}`);
  };
}

/** Median seconds of one gradient evaluation over `n` evaluations. */
function gradientSeconds(n: number): number {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    posterior.logDensityAndGradient(theta, grad);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[n >> 1]! / 1000;
}

Deno.bench({
  name: `geo gradient, 40 geos × ${weeks} weeks × 5 channels (${posterior.dim} coordinates)`,
  group: "geo-gradient",
  fn() {
    posterior.logDensityAndGradient(theta, grad);
  },
});

Deno.bench({
  name: "geo fit: fitGeoBayes, 40 × 156 × 5, 4 chains × (1000 + 1000), 2 workers",
  group: "geo-fit",
  n: 1,
  warmup: 0,
  async fn() {
    const load = Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
    const t0 = performance.now();
    const fit = await fitGeoBayes(data, channels, {
      chains: 4,
      warmup: 1000,
      draws: 1000,
      seed: 1,
      workers: 2,
      onProgress: progressLines(),
    });
    const wall = (performance.now() - t0) / 1000;
    const perGradient = gradientSeconds(200);
    const c = fit.convergence, s = fit.sampler, kept = c.chains * c.drawsPerChain;
    const rows = [
      ["wall", `${wall.toFixed(1)} s`, "≤ 120 s"],
      ["per gradient", `${(1e3 * perGradient).toFixed(3)} ms`, ""],
      ["per kept draw (wall ÷ 4,000)", `${(1e3 * wall / kept).toFixed(2)} ms`, ""],
      ["leapfrog steps per draw", s.leapfrogPerDraw.toFixed(1), ""],
      ["min bulk ESS", c.essBulkMin.toFixed(0), "≥ 400"],
      ["max R-hat", c.rhatMax.toFixed(4), "≤ 1.01"],
      ["divergences", String(c.divergences), "0"],
      ["coordinates", String(s.dim), ""],
      ["load average at start (1, 5, 15 min)", load, "2 cores"],
    ];
    console.error(`\nfitGeoBayes on ${ID} (${data.dates.length} rows):`);
    for (const r of rows) console.error(`  ${r[0]!.padEnd(38)} ${r[1]!.padEnd(14)} ${r[2]}`);
  },
});
