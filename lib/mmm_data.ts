/**
 * Small, pure operations on {@link MmmData} that analysis, forecasting and scenarios build on:
 * take rows, change a channel's spend, join periods. Each returns a new value and never mutates
 * its input.
 *
 * @module
 */
import type { ChannelData, MmmData, NamedSeries, TextSeries } from "./types.ts";

/**
 * Rows `[start, end)` of the data.
 *
 * @example The last two weeks
 * ```ts
 * import { sliceRows } from "mixlab/core";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([1, 2, 3]) },
 *   channels: [{ name: "tv", spend: new Float64Array([10, 20, 30]) }], controls: [],
 * };
 * assert.deepEqual(sliceRows(data, 1, 3).dates, ["2024-01-08", "2024-01-15"]);
 * ```
 */
export function sliceRows(data: MmmData, start: number, end: number = data.dates.length): MmmData {
  const cut = (v: Float64Array) => v.slice(start, end);
  const channels = data.channels.map((c): ChannelData =>
    c.exposure
      ? { name: c.name, spend: cut(c.spend), exposure: cut(c.exposure) }
      : { name: c.name, spend: cut(c.spend) }
  );
  const out: MmmData = {
    dates: data.dates.slice(start, end),
    kpi: { name: data.kpi.name, values: cut(data.kpi.values) },
    kpiKind: data.kpiKind,
    channels,
    controls: data.controls.map((s): NamedSeries => ({ name: s.name, values: cut(s.values) })),
    ...(data.categories
      ? {
        categories: data.categories.map((s): TextSeries => ({
          name: s.name,
          values: s.values.slice(start, end),
        })),
      }
      : {}),
  };
  const population = data.population
    ? { population: { name: data.population.name, values: cut(data.population.values) } }
    : {};
  return data.geo
    ? {
      ...out,
      geo: { name: data.geo.name, values: data.geo.values.slice(start, end) },
      ...population,
    }
    : out;
}

/** A run of rows of one geo: its label and `[start, end)`. */
export interface RowBlock {
  /** The geo label ("" for national data). */
  readonly label: string;
  /** First row. */
  readonly start: number;
  /** One past the last row. */
  readonly end: number;
}

/**
 * The contiguous row ranges of each geo (rows are sorted by geo, then date); one range for
 * national data.
 *
 * @example Two geos
 * ```ts
 * import { rowBlocks } from "mixlab/core";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-01", "2024-01-08"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array(4) }, channels: [], controls: [],
 *   geo: { name: "region", values: ["north", "north", "south", "south"] },
 * };
 * assert.deepEqual(rowBlocks(data).map((b) => [b.label, b.start, b.end]), [
 *   ["north", 0, 2],
 *   ["south", 2, 4],
 * ]);
 * ```
 */
export function rowBlocks(data: Pick<MmmData, "dates" | "geo">): RowBlock[] {
  const n = data.dates.length;
  if (data.geo === undefined) return [{ label: "", start: 0, end: n }];
  const out: RowBlock[] = [];
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || data.geo.values[i] !== data.geo.values[start]) {
      out.push({ label: data.geo.values[start] as string, start, end: i });
      start = i;
    }
  }
  return out;
}

/**
 * The rows of `later` after those of `data` (national data: same channels, controls and text
 * columns, by name).
 *
 * @throws {RangeError} When a column of `data` is missing from `later`, or either has geos.
 *
 * @example
 * ```ts
 * import { appendRows } from "mixlab/core";
 * import assert from "node:assert/strict";
 * const part = (dates: string[], v: number[]) => ({
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   kpi: { name: "sales", values: Float64Array.from(v) },
 *   channels: [{ name: "tv", spend: Float64Array.from(v) }],
 * });
 * const all = appendRows(part(["2024-01-01"], [1]), part(["2024-01-08"], [2]));
 * assert.deepEqual(Array.from(all.kpi.values), [1, 2]);
 * ```
 */
export function appendRows(data: MmmData, later: MmmData): MmmData {
  if (data.geo !== undefined || later.geo !== undefined) {
    throw new RangeError("Cannot append rows: geo panels are not supported");
  }
  const join = (a: Float64Array, b: Float64Array) => {
    const out = new Float64Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  const find = <T extends { name: string }>(list: readonly T[] | undefined, name: string): T => {
    const hit = list?.find((x) => x.name === name);
    if (hit === undefined) {
      throw new RangeError(`Cannot append rows: the later rows lack "${name}"`);
    }
    return hit;
  };
  const out: MmmData = {
    dates: [...data.dates, ...later.dates],
    kpi: { name: data.kpi.name, values: join(data.kpi.values, later.kpi.values) },
    kpiKind: data.kpiKind,
    channels: data.channels.map((c) => ({
      name: c.name,
      spend: join(c.spend, find(later.channels, c.name).spend),
    })),
    controls: data.controls.map((c) => ({
      name: c.name,
      values: join(c.values, find(later.controls, c.name).values),
    })),
  };
  return data.categories === undefined ? out : {
    ...out,
    categories: data.categories.map((c) => ({
      name: c.name,
      values: [...c.values, ...find(later.categories, c.name).values],
    })),
  };
}

/** Spend of every channel by name (for {@link withSpend}). */
export type SpendByChannel = Readonly<Record<string, Float64Array>>;

/**
 * The same data with some channels' spend replaced (by name; unnamed channels keep theirs).
 *
 * @throws {RangeError} when a name is not a channel or a series has the wrong length
 */
export function withSpend(data: MmmData, spend: SpendByChannel): MmmData {
  const names = new Set(data.channels.map((c) => c.name));
  for (const [name, values] of Object.entries(spend)) {
    if (!names.has(name)) {
      throw new RangeError(
        `Cannot replace spend: "${name}" is not a channel; channels are ${
          [...names].map((n) => `"${n}"`).join(", ")
        }`,
      );
    }
    if (values.length !== data.dates.length) {
      throw new RangeError(
        `Cannot replace spend of "${name}": ${values.length} values for ${data.dates.length} rows`,
      );
    }
  }
  return {
    ...data,
    channels: data.channels.map((c) => {
      const values = spend[c.name];
      return values ? { ...c, spend: values } : c;
    }),
  };
}

/**
 * The same data with channels' spend multiplied (e.g. `{ tv: 1.2 }` for +20% on TV).
 *
 * @example +20% on TV
 * ```ts
 * import { scaleSpend } from "mixlab/core";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([1]) },
 *   channels: [{ name: "tv", spend: new Float64Array([10]) }], controls: [],
 * };
 * assert.equal(scaleSpend(data, { tv: 1.2 }).channels[0]?.spend[0], 12);
 * ```
 */
export function scaleSpend(data: MmmData, multipliers: Readonly<Record<string, number>>): MmmData {
  const spend: Record<string, Float64Array> = {};
  for (const [name, m] of Object.entries(multipliers)) {
    if (!(m >= 0) || !Number.isFinite(m)) {
      throw new RangeError(`Cannot scale spend of "${name}": multiplier must be ≥ 0, got ${m}`);
    }
    const channel = data.channels.find((c) => c.name === name);
    if (channel) spend[name] = channel.spend.map((v) => v * m);
    else spend[name] = new Float64Array(0); // withSpend reports the unknown name
  }
  return withSpend(data, spend);
}

/** Total spend per channel over all rows, by name. */
export function totalSpend(data: MmmData): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of data.channels) out[c.name] = c.spend.reduce((a, b) => a + b, 0);
  return out;
}
