/**
 * EDA: summary statistics and the missing-value table.
 *
 * @module
 */
import type { MmmData } from "../types.ts";
import { type Table, table } from "../display/table.ts";
import { quantileSorted } from "../_internal/quantile.ts";
import type { DataQualityReport } from "./quality_report.ts";

/**
 * Summary statistics of every numeric column of the data: count, mean, standard deviation
 * (divided by n − 1), minimum, quartiles (linear interpolation, numpy's default), maximum and
 * the share of zeros.
 *
 * @param data The data.
 * @returns A table with one row per column (KPI, spends, exposures, controls).
 *
 * @example The KPI's mean
 * ```ts
 * import { summaryStatistics } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15"],
 *   kpi: { name: "sales", values: new Float64Array([1, 2, 6]) },
 *   kpiKind: "revenue" as const,
 *   channels: [{ name: "tv", spend: new Float64Array([0, 1, 1]) }],
 *   controls: [],
 * };
 * const t = summaryStatistics(data);
 * assert.equal(t.rows[0]?.mean, 3);
 * assert.equal(t.rows[1]?.zeros, 1 / 3);
 * ```
 */
export function summaryStatistics(data: MmmData): Table {
  const columns: { name: string; role: string; values: Float64Array }[] = [
    { name: data.kpi.name, role: "kpi", values: data.kpi.values },
    ...data.channels.flatMap((c) => [
      { name: c.name, role: "spend", values: c.spend },
      ...(c.exposure ? [{ name: `${c.name} exposure`, role: "exposure", values: c.exposure }] : []),
    ]),
    ...data.controls.map((c) => ({ name: c.name, role: "control", values: c.values })),
  ];
  return table(
    columns.map(({ name, role, values }) => {
      const n = values.length;
      const sorted = values.slice().sort();
      let sum = 0, zeros = 0;
      for (const v of values) {
        sum += v;
        if (v === 0) zeros++;
      }
      const mean = sum / n;
      let ss = 0;
      for (const v of values) ss += (v - mean) ** 2;
      return {
        column: name,
        role,
        n,
        mean,
        sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
        min: sorted[0],
        q25: quantileSorted(sorted, 0.25),
        median: quantileSorted(sorted, 0.5),
        q75: quantileSorted(sorted, 0.75),
        max: sorted[n - 1],
        zeros: zeros / n,
      };
    }),
    { caption: "Summary statistics" },
  );
}

/**
 * The missing-value table of a load: empty cells per column before cleaning, and their share.
 *
 * @param report The data quality report of a load.
 * @returns A table with column, role, missing and share.
 */
export function missingValueTable(report: DataQualityReport): Table {
  return table(
    report.columns.map((c) => ({
      column: c.column,
      role: c.role,
      missing: c.missing,
      share: c.rows > 0 ? c.missing / c.rows : 0,
    })),
    { caption: "Missing values (before cleaning)" },
  );
}
