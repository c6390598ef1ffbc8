/**
 * EDA: each channel's share of spend over time.
 *
 * @module
 */
import type { MmmData } from "../types.ts";
import { type Table, table } from "../display/table.ts";

/** Options of {@link spendShare}. */
export interface SpendShareOptions {
  /** Period rows are grouped into (by their date). @default "quarter" */
  readonly period?: "week" | "month" | "quarter" | "year";
}

/**
 * Spend share per channel and period: each channel's spend over all channels' spend in the
 * period (summed over geos), plus the total spend.
 *
 * @param data The data.
 * @param options Period.
 * @returns A table with `period`, `total` and one share column per channel.
 *
 * @example Two channels over one quarter
 * ```ts
 * import { spendShare } from "mixlab/prep";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08"],
 *   kpi: { name: "sales", values: new Float64Array([1, 2]) },
 *   kpiKind: "revenue" as const,
 *   channels: [
 *     { name: "tv", spend: new Float64Array([3, 3]) },
 *     { name: "radio", spend: new Float64Array([1, 1]) },
 *   ],
 *   controls: [],
 * };
 * const t = spendShare(data);
 * assert.equal(t.rows[0]?.period, "2024-Q1");
 * assert.equal(t.rows[0]?.tv, 0.75);
 * ```
 */
export function spendShare(data: MmmData, options: SpendShareOptions = {}): Table {
  const period = options.period ?? "quarter";
  const label = (date: string): string => {
    if (period === "week") return date;
    if (period === "month") return date.slice(0, 7);
    if (period === "year") return date.slice(0, 4);
    if (period === "quarter") {
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    }
    throw new RangeError(
      `Cannot compute spend share: period must be "week", "month", "quarter" or "year", got "${
        String(period)
      }"`,
    );
  };
  const sums = new Map<string, Float64Array>();
  const k = data.channels.length;
  data.dates.forEach((date, i) => {
    const key = label(date);
    let s = sums.get(key);
    if (s === undefined) sums.set(key, s = new Float64Array(k));
    data.channels.forEach((c, j) => s![j]! += c.spend[i] as number);
  });
  const rows = [...sums.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(
    ([key, s]) => {
      const total = s.reduce((a, b) => a + b, 0);
      const row: Record<string, string | number> = { period: key, total };
      data.channels.forEach((c, j) => row[c.name] = total > 0 ? (s[j] as number) / total : 0);
      return row;
    },
  );
  return table(rows, {
    caption: `Spend share by ${period}`,
    columns: ["period", "total", ...data.channels.map((c) => c.name)],
  });
}
