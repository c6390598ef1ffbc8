/**
 * The study's printed tables: figures per method, per method and generator, and per set. Plain
 * fixed-width text, every number rounded the same way, so the same run prints the same bytes.
 *
 * @module
 */
import type { Figures, FitScore } from "./score.ts";

/** A share as a percentage with `digits` decimals, or "–" for null. */
export const pct = (v: number | null, digits = 1): string =>
  v === null ? "–" : `${(100 * v).toFixed(digits)}%`;
const ratio = (v: number | null): string => (v === null ? "–" : v.toFixed(2));

function render(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const FIGURE_HEADER = [
  "fits",
  "failed",
  "channels",
  "median |err|",
  ">50% off",
  "of those named",
  "median |mROAS err|",
  "90% cover",
  "mROAS 90% cover",
  "warned",
  "easy sets",
  "median |err| easy",
  "max share ratio unwarned",
];

function figureCells(f: Figures): string[] {
  return [
    String(f.fits),
    String(f.failed),
    String(f.channels),
    pct(f.medianAbsError),
    pct(f.over50),
    pct(f.over50Named),
    pct(f.medianAbsMroasError),
    f.withInterval === 0 ? "–" : `${pct(f.coverage90)} of ${f.withInterval}`,
    pct(f.mroasCoverage90),
    pct(f.warned),
    String(f.easySets),
    pct(f.medianAbsErrorEasy),
    ratio(f.maxShareRatioUnwarned),
  ];
}

/** One row per method (and reference rows), in the given order. */
export function methodTable(rows: readonly { label: string; figures: Figures }[]): string {
  return render(
    ["method", ...FIGURE_HEADER],
    rows.map((r) => [r.label, ...figureCells(r.figures)]),
  );
}

/** One row per method and generator. */
export function generatorTable(
  rows: readonly { label: string; generator: string; figures: Figures }[],
): string {
  return render(
    ["method", "generator", ...FIGURE_HEADER],
    rows.map((r) => [r.label, r.generator, ...figureCells(r.figures)]),
  );
}

/**
 * One row per set: for each method the median |ROAS error| over the set's channels, `*` when a
 * warning fired, or `failed`.
 */
export function setTable(
  setIds: readonly string[],
  methods: readonly string[],
  fits: readonly FitScore[],
): string {
  const rows = setIds.map((id) => [
    id,
    ...methods.map((m) => {
      const f = fits.find((x) => x.set === id && x.method === m);
      if (!f) return "";
      if (f.failure !== undefined) return "failed";
      const abs = f.channels.map((c) => Math.abs(c.error)).sort((a, b) => a - b);
      const k = abs.length >> 1;
      const med = abs.length % 2 ? abs[k]! : (abs[k - 1]! + abs[k]!) / 2;
      return `${pct(med)}${f.warnings.length > 0 ? "*" : " "}`;
    }),
  ]);
  return render(["set (median |ROAS error|, * = warning)", ...methods], rows);
}

/** Seconds per fit by method (these vary between runs; everything else does not). */
export function timingTable(
  rows: readonly { label: string; median: number | null; total: number }[],
): string {
  return render(
    ["method", "median s/fit", "total s"],
    rows.map((r) => [r.label, r.median === null ? "–" : r.median.toFixed(2), r.total.toFixed(1)]),
  );
}

/** `k (k/n as a whole percentage)`, or "–" for an empty band. */
export const of = (k: number, n: number): string => (n === 0 ? "–" : `${k} (${pct(k / n, 0)})`);

/** The columns of a table of bands, after the method: their headers and one band's cells. */
export interface BandColumns<T> {
  readonly header: readonly string[];
  cells(band: T): string[];
}

/**
 * One row per method and band: the method's label, then the columns' cells of the band (the share
 * bands' columns are in share_checks.ts, the extrapolation bands' in extrapolation_checks.ts).
 */
export function bandTable<T>(
  columns: BandColumns<T>,
  rows: readonly { label: string; bands: readonly T[] }[],
): string {
  return render(
    ["method", ...columns.header],
    rows.flatMap((r) => r.bands.map((b) => [r.label, ...columns.cells(b)])),
  );
}
