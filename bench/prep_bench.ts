/**
 * Prep benchmark: loading and validating a 1,000,000-row × 15-column CSV (2,000 geos × 500
 * weeks: date, geo, KPI, 10 spend columns, 2 controls), generated into a temporary folder once
 * and removed at exit. Target: under 2 s per load.
 *
 * @module
 */
import { loadCsv } from "../lib/prep/mod.ts";

const GEOS = 2000, WEEKS = 500, CHANNELS = 10;
const dir = Deno.makeTempDirSync({ prefix: "mixlab_prep_bench_" });
const path = `${dir}/panel.csv`;
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

function writeCsv(): void {
  const file = Deno.openSync(path, { write: true, create: true, truncate: true });
  const encoder = new TextEncoder();
  const channels = Array.from({ length: CHANNELS }, (_, c) => `c${c + 1}_spend`);
  let chunk = ["date", "geo", "revenue", ...channels, "price", "promo"].join(",") + "\n";
  const dates = Array.from(
    { length: WEEKS },
    (_, w) => new Date(Date.UTC(2015, 0, 5 + 7 * w)).toISOString().slice(0, 10),
  );
  for (let g = 0; g < GEOS; g++) {
    const geo = `g${String(g).padStart(4, "0")}`;
    for (let w = 0; w < WEEKS; w++) {
      let line = `${dates[w]},${geo},${(1000 + ((g * 7 + w * 13) % 500)).toFixed(2)}`;
      for (let c = 0; c < CHANNELS; c++) line += "," + (((g + w * (c + 1)) % 997) + 0.5).toFixed(2);
      line += `,${(9.99 + (w % 7) * 0.1).toFixed(2)},${w % 9 === 0 ? 1 : 0}\n`;
      chunk += line;
    }
    if (chunk.length > 1 << 20) {
      file.writeSync(encoder.encode(chunk));
      chunk = "";
    }
  }
  file.writeSync(encoder.encode(chunk));
  file.close();
}
writeCsv();

const options = {
  columns: {
    date: "date",
    geo: "geo",
    kpi: "revenue",
    channels: Array.from({ length: CHANNELS }, (_, c) => ({
      name: `c${c + 1}`,
      spend: `c${c + 1}_spend`,
    })),
    controls: ["price", "promo"],
  },
};

Deno.bench({
  name: "loadCsv() 1,000,000 rows × 15 columns (2,000 geos × 500 weeks), with every check",
  group: "prep",
  n: 5,
  warmup: 1,
  async fn() {
    const data = await loadCsv(path, options);
    if (data.dates.length !== GEOS * WEEKS) throw new Error("unexpected row count");
  },
});
