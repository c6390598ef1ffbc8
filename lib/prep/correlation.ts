/**
 * EDA: Pearson and Spearman correlation matrices.
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import type { MmmData, NamedSeries } from "../types.ts";
import { type Table, table } from "../display/table.ts";

/** Options of {@link correlationMatrix}. */
export interface CorrelationOptions {
  /** Pearson (linear) or Spearman (rank) correlation. @default "pearson" */
  readonly method?: "pearson" | "spearman";
}

/**
 * A symmetric correlation matrix with named rows and columns.
 */
export class CorrelationMatrix {
  /** Column names. */
  readonly names: readonly string[];
  /** Row-major values, names.length². */
  readonly values: Float64Array;
  /** Method used. */
  readonly method: "pearson" | "spearman";

  /** Makes a matrix; prefer {@link correlationMatrix}. */
  constructor(names: readonly string[], values: Float64Array, method: "pearson" | "spearman") {
    this.names = names;
    this.values = values;
    this.method = method;
  }

  /** The correlation of two named columns. */
  get(a: string, b: string): number {
    const i = this.names.indexOf(a), j = this.names.indexOf(b);
    if (i < 0 || j < 0) {
      throw new RangeError(`Cannot read a correlation: no column "${i < 0 ? a : b}"`);
    }
    return this.values[i * this.names.length + j] as number;
  }

  /** The matrix as a table. */
  toTable(): Table {
    const k = this.names.length;
    return table(
      this.names.map((name, i) => {
        const row: Record<string, string | number> = { column: name };
        this.names.forEach((other, j) => row[other] = this.values[i * k + j] as number);
        return row;
      }),
      { caption: `${this.method === "pearson" ? "Pearson" : "Spearman"} correlations`, digits: 3 },
    );
  }

  /** Plain JSON form. */
  toJSON(): { names: readonly string[]; method: string; values: number[] } {
    return { names: this.names, method: this.method, values: Array.from(this.values) };
  }

  /** Shows the matrix as a table in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    return this.toTable()[JUPYTER_DISPLAY]();
  }
}

/**
 * Correlations between the KPI, every spend and every control (or given columns). Spearman is
 * Pearson on ranks, ties sharing their average rank. A constant column correlates NaN.
 *
 * @param input `MmmData`, or a list of named columns of equal length.
 * @param options Method.
 * @returns The matrix.
 *
 * @example Perfect rank agreement, imperfect linear agreement
 * ```ts
 * import { correlationMatrix } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * const cols = [
 *   { name: "x", values: new Float64Array([1, 2, 3, 4]) },
 *   { name: "y", values: new Float64Array([1, 4, 9, 100]) },
 * ];
 * assert.equal(correlationMatrix(cols, { method: "spearman" }).get("x", "y"), 1);
 * assert.ok(correlationMatrix(cols).get("x", "y") < 1);
 * ```
 */
export function correlationMatrix(
  input: MmmData | readonly NamedSeries[],
  options: CorrelationOptions = {},
): CorrelationMatrix {
  const method = options.method ?? "pearson";
  const columns: readonly NamedSeries[] = Array.isArray(input) ? input as readonly NamedSeries[] : [
    (input as MmmData).kpi,
    ...(input as MmmData).channels.map((c) => ({ name: c.name, values: c.spend })),
    ...(input as MmmData).controls,
  ];
  const prepared = columns.map((c) =>
    standardized(method === "spearman" ? ranks(c.values) : c.values)
  );
  const k = columns.length, n = columns[0]?.values.length ?? 0;
  const values = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const a = prepared[i] as Float64Array, b = prepared[j] as Float64Array;
      let s = 0;
      for (let t = 0; t < n; t++) s += (a[t] as number) * (b[t] as number);
      const r = i === j && !Number.isNaN(a[0]) ? 1 : Math.max(-1, Math.min(1, s));
      values[i * k + j] = r;
      values[j * k + i] = r;
    }
  }
  return new CorrelationMatrix(columns.map((c) => c.name), values, method);
}

/** Centred, divided by the root sum of squares (NaN when constant). */
function standardized(x: Float64Array): Float64Array {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  const norm = Math.sqrt(ss);
  return x.map((v) => norm > 0 ? (v - mean) / norm : NaN);
}

/** Ranks 1..n, ties sharing their average rank. */
export function ranks(x: Float64Array): Float64Array {
  const order = Array.from(x.keys()).sort((a, b) => (x[a] as number) - (x[b] as number));
  const out = new Float64Array(x.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1] as number] === x[order[i] as number]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k] as number] = rank;
    i = j + 1;
  }
  return out;
}
