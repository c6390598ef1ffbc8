/**
 * Peak memory of one geo fit at the scale (issue 17): 200 geos × 156 weeks × 10 channels
 * (31,200 rows) from the independent Meridian-style generator, `fitGeoBayes` with its chains on 2
 * workers (`--chains`, default 2: one per worker, as many as run at once) and far fewer
 * iterations than a real fit (`--warmup`, `--draws`, default 50 + 50): the peak is set by the
 * panel, the posterior's coordinates (the Laplace covariance at the start is dim × dim) and the
 * kept draws, which a real fit's 4 × 1000 adds on top (see bench/README.md).
 * Run under `/usr/bin/time -v` and read "Maximum resident set size":
 *
 * ```
 * nice /usr/bin/time -v deno run --allow-read --allow-env --allow-sys bench/geo_memory.ts
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { fitGeoBayes } from "../lib/models/geo/mod.ts";
import { geoPanelSet } from "../tasks/recovery/generators/geo_panel.ts";
import { geoMmmData, geoTrueChannels } from "../tasks/recovery/geo_input.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    chains: { type: "string", default: "2" },
    warmup: { type: "string", default: "50" },
    draws: { type: "string", default: "50" },
  },
});
const names = Array.from({ length: 10 }, (_, c) => `ch${c + 1}`);
const set = geoPanelSet("memory-200g-10ch", 2026, {
  geos: 200,
  weeks: 169,
  channels: names,
  adstock: "geometric",
  spend: names.map((_, c) => (c % 2 === 0 ? "always-on" : "flighted")),
  correlation: 0.3,
  noise: 0.05,
  mediaShare: 0.3,
});
const weeks = set.truth.windowWeeks; // 156 of the 169 generated
const data = geoMmmData(set, weeks);
const t0 = performance.now();
const fit = await fitGeoBayes(data, geoTrueChannels(set, weeks), {
  chains: Number(values.chains),
  warmup: Number(values.warmup),
  draws: Number(values.draws),
  workers: 2,
  seed: 1,
});
console.log(
  `${data.dates.length} rows, ${fit.sampler.dim} coordinates, ${values.chains} × (${values.warmup} + ${values.draws}): ${
    ((performance.now() - t0) / 1000).toFixed(0)
  } s, ${fit.sampler.leapfrogPerDraw.toFixed(1)} leapfrog steps per draw`,
);
