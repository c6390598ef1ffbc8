/**
 * The JSON form of {@link MmmData} that saved models carry (typed arrays as number arrays),
 * and the way back.
 *
 * @module
 */
import type { MmmData } from "../types.ts";

/**
 * MmmData as plain JSON (number arrays).
 *
 * @example
 * ```ts
 * import { dataFromJSON, dataToJSON } from "mixlab/models/data_json.ts";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01"], kpiKind: "revenue" as const, kpi: { name: "sales", values: new Float64Array([5]) },
 *   channels: [{ name: "tv", spend: new Float64Array([2]) }], controls: [],
 * };
 * assert.deepEqual(dataFromJSON(JSON.parse(JSON.stringify(dataToJSON(data)))), data);
 * ```
 */
export function dataToJSON(data: MmmData): unknown {
  return {
    dates: [...data.dates],
    kpi: { name: data.kpi.name, values: Array.from(data.kpi.values) },
    kpiKind: data.kpiKind,
    channels: data.channels.map((c) => ({
      name: c.name,
      spend: Array.from(c.spend),
      ...(c.exposure ? { exposure: Array.from(c.exposure) } : {}),
    })),
    controls: data.controls.map((s) => ({ name: s.name, values: Array.from(s.values) })),
    ...(data.categories
      ? { categories: data.categories.map((s) => ({ name: s.name, values: [...s.values] })) }
      : {}),
    ...(data.geo ? { geo: { name: data.geo.name, values: [...data.geo.values] } } : {}),
  };
}

/** Rebuilds MmmData from {@link dataToJSON} output. */
export function dataFromJSON(json: unknown): MmmData {
  // deno-lint-ignore no-explicit-any
  const j = json as any;
  const data: MmmData = {
    dates: [...j.dates],
    kpi: { name: j.kpi.name, values: Float64Array.from(j.kpi.values) },
    kpiKind: j.kpiKind,
    channels: j.channels.map((c: { name: string; spend: number[]; exposure?: number[] }) =>
      c.exposure
        ? {
          name: c.name,
          spend: Float64Array.from(c.spend),
          exposure: Float64Array.from(c.exposure),
        }
        : { name: c.name, spend: Float64Array.from(c.spend) }
    ),
    controls: j.controls.map((s: { name: string; values: number[] }) => ({
      name: s.name,
      values: Float64Array.from(s.values),
    })),
    ...(j.categories
      ? {
        categories: j.categories.map((s: { name: string; values: string[] }) => ({
          name: s.name,
          values: [...s.values],
        })),
      }
      : {}),
  };
  return j.geo ? { ...data, geo: { name: j.geo.name, values: [...j.geo.values] } } : data;
}
