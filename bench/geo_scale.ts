/**
 * Writes the geo scale panel of issue 17 — 200 geos × 156 weeks × 10 channels (31,200 rows, all
 * fitted: no holdout),
 * made by the independent geo generator (tasks/recovery/generators/geo_panel.ts) — with a ridge
 * geo config at the panel's true transforms, for measuring `mmm fit` with `/usr/bin/time -v`:
 *
 *   deno run --allow-read --allow-write bench/geo_scale.ts DIR
 *   /usr/bin/time -v deno task mmm fit --config DIR/geo_scale.config.json --out DIR/out --quiet
 *
 * `--tuned` writes a config that tunes the transforms instead (200 trials, in-sample).
 *
 * @module
 */
import { join } from "node:path";
import { geoPanelSet } from "../tasks/recovery/generators/geo_panel.ts";
import { geoTrueChannels } from "../tasks/recovery/geo_input.ts";
import { toGeoCsv } from "../tasks/recovery/geo_write.ts";

const dir = Deno.args.find((a) => !a.startsWith("--"));
if (dir === undefined) {
  console.error("Usage: deno run --allow-read --allow-write bench/geo_scale.ts DIR [--tuned]");
  Deno.exit(2);
}
const tuned = Deno.args.includes("--tuned");
const channels = [
  "tv",
  "radio",
  "ooh",
  "print",
  "search",
  "social",
  "display",
  "video",
  "audio",
  "affiliate",
];
const set = geoPanelSet("geo-scale", 17, {
  geos: 200,
  weeks: 156,
  channels,
  adstock: "geometric",
  spend: channels.map((_, j) => (j % 3 === 1 ? "flighted" : "always-on")),
  correlation: 0.3,
  mediaShare: 0.3,
  baseline: "trend",
  noise: 0.05,
});
Deno.mkdirSync(dir, { recursive: true });
Deno.writeTextFileSync(join(dir, "geo_scale.csv"), toGeoCsv(set));
const truth = geoTrueChannels(set, set.dates.length);
const config = {
  data: "geo_scale.csv",
  geo: "geo",
  population: "population",
  kpi: "revenue",
  channels: Object.fromEntries(truth.map((c) => [c.name, {
    spend: `${c.name}_spend`,
    ...(tuned
      ? { adstock: { kind: c.adstock.kind, params: { maxLag: c.adstock.params.maxLag } } }
      : { adstock: c.adstock, saturation: c.saturation }),
  }])),
  controls: set.controls.map((c) => c.name),
  holdoutWeeks: 0,
  model: { kind: "ridge", lambda: 0.1 },
  ...(tuned
    ? { tuning: { strategy: "differential-evolution", trials: 200, families: false } }
    : {}),
};
Deno.writeTextFileSync(join(dir, "geo_scale.config.json"), JSON.stringify(config, null, 2) + "\n");
console.log(
  `wrote ${set.geos.length} geos × ${set.dates.length} weeks × ${channels.length} channels to ${dir}`,
);
