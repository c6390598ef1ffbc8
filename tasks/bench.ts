/**
 * `deno task bench [FILTER …]`: runs the `Deno.bench` definitions in bench/*_bench.ts and prints
 * a table of MEDIANS (with the interquartile range and, within a group, the ratio to the group's
 * baseline), which `deno bench` does not report. Each bench runs a warm-up, then is sampled for
 * about a second (at least 10 samples, or its own `n`); a bench that times itself with
 * `b.start()`/`b.end()` is measured between those calls. The process's resident memory after
 * each bench is shown as a rough peak indicator.
 *
 * Files are the same ones `deno bench bench/` runs, so either runner works.
 *
 * @module
 */
import { dirname, join, resolve } from "std/path";

interface BenchDefinition {
  name: string;
  group: string;
  baseline: boolean;
  n: number | undefined;
  warmup: number | undefined;
  ignore: boolean;
  fn: (b: BenchTimer) => unknown;
}

/** What a bench function receives: explicit start/end of the measured part. */
class BenchTimer {
  started: number | undefined;
  elapsed: number | undefined;
  start(): void {
    this.started = performance.now();
  }
  end(): void {
    if (this.started !== undefined) this.elapsed = performance.now() - this.started;
  }
}

type BenchFn = (b: BenchTimer) => unknown;
type BenchOptions = {
  name?: string;
  fn?: BenchFn;
  group?: string;
  baseline?: boolean;
  n?: number;
  warmup?: number;
  ignore?: boolean;
};

function collect(into: BenchDefinition[]) {
  return (a: string | BenchOptions | BenchFn, b?: BenchOptions | BenchFn, c?: BenchFn): void => {
    let options: BenchOptions = {};
    let fn: BenchFn | undefined;
    if (typeof a === "function") fn = a;
    else if (typeof a === "string") {
      options = typeof b === "object" ? { ...b, name: a } : { name: a };
      fn = typeof b === "function" ? b : c;
    } else {
      options = a;
      fn = typeof b === "function" ? b : a.fn;
    }
    if (!fn) throw new TypeError(`Cannot register bench "${options.name ?? "?"}": no function`);
    into.push({
      name: options.name ?? fn.name ?? "(anonymous)",
      group: options.group ?? "",
      baseline: options.baseline ?? false,
      n: options.n,
      warmup: options.warmup,
      ignore: options.ignore ?? false,
      fn,
    });
  };
}

async function timeOnce(fn: BenchFn): Promise<number> {
  const timer = new BenchTimer();
  const t0 = performance.now();
  await fn(timer);
  const total = performance.now() - t0;
  return timer.elapsed ?? total;
}

interface Measured {
  def: BenchDefinition;
  file: string;
  samples: number;
  median: number;
  p25: number;
  p75: number;
  rssMiB: number;
}

function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

async function measure(def: BenchDefinition, file: string): Promise<Measured> {
  // benches that fix a small `n` are the expensive ones: no warm-up unless they ask for it
  const warmup = def.warmup ?? (def.n !== undefined && def.n <= 5 ? 0 : 2);
  for (let i = 0; i < warmup; i++) await timeOnce(def.fn);
  const times: number[] = [];
  const budgetMs = 1000, start = performance.now();
  const minSamples = def.n ?? 10, maxSamples = def.n ?? 100_000;
  while (times.length < maxSamples) {
    times.push(await timeOnce(def.fn));
    if (times.length >= minSamples && performance.now() - start > budgetMs) break;
  }
  times.sort((x, y) => x - y);
  return {
    def,
    file,
    samples: times.length,
    median: quantile(times, 0.5),
    p25: quantile(times, 0.25),
    p75: quantile(times, 0.75),
    rssMiB: Deno.memoryUsage().rss / 2 ** 20,
  };
}

function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

async function main(): Promise<void> {
  const benchDir = resolve(dirname(new URL(import.meta.url).pathname), "..", "bench");
  const filters = Deno.args;
  const files = [...Deno.readDirSync(benchDir)]
    .filter((e) => e.isFile && e.name.endsWith("_bench.ts"))
    .map((e) => e.name)
    .sort()
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  const results: Measured[] = [];
  const original = Deno.bench;
  for (const file of files) {
    const defs: BenchDefinition[] = [];
    (Deno as unknown as { bench: unknown }).bench = collect(defs);
    try {
      await import(join(benchDir, file));
    } finally {
      (Deno as unknown as { bench: unknown }).bench = original;
    }
    for (const def of defs.filter((d) => !d.ignore)) {
      const m = await measure(def, file);
      results.push(m);
      console.error(`  ${file} · ${def.name}: median ${formatMs(m.median)} (${m.samples} runs)`);
    }
  }
  const baselines = new Map<string, number>();
  for (const r of results) {
    if (r.def.baseline && r.def.group) baselines.set(`${r.file}:${r.def.group}`, r.median);
  }
  const rows = results.map((r) => {
    const base = baselines.get(`${r.file}:${r.def.group}`);
    return [
      r.file.replace(/_bench\.ts$/, ""),
      r.def.group,
      r.def.name + (r.def.baseline ? " (baseline)" : ""),
      formatMs(r.median),
      `${formatMs(r.p25)} – ${formatMs(r.p75)}`,
      String(r.samples),
      base === undefined || r.def.baseline ? "" : `${(r.median / base).toFixed(2)}×`,
      `${r.rssMiB.toFixed(0)} MiB`,
    ];
  });
  const header = ["file", "group", "bench", "median", "p25 – p75", "runs", "vs baseline", "rss"];
  const widths = header.map((h, j) =>
    Math.max(h.length, ...rows.map((r) => (r[j] as string).length))
  );
  const line = (cells: string[]) => cells.map((c, j) => c.padEnd(widths[j] as number)).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

await main();
