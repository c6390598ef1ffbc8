/**
 * The national series of a balanced panel: per week, the KPI and each channel's spend summed
 * over the geos, each control averaged over them (a price or a holiday flag is a level, not an
 * amount). What a national model sees of the same data.
 *
 * @module
 */
import type { MmmData } from "../../types.ts";
import { panelMedia } from "./panel_media.ts";

/**
 * Sums a panel into one national series (see the module doc).
 *
 * @example Two geos of two weeks
 * ```ts
 * import { sumGeos } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const national = sumGeos({
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-01", "2024-01-08"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([1, 2, 10, 20]) },
 *   channels: [{ name: "tv", spend: new Float64Array([3, 4, 5, 6]) }],
 *   controls: [{ name: "price", values: new Float64Array([2, 2, 4, 6]) }],
 *   geo: { name: "geo", values: ["a", "a", "b", "b"] },
 * });
 * assert.deepEqual(national.dates, ["2024-01-01", "2024-01-08"]);
 * assert.deepEqual(Array.from(national.kpi.values), [11, 22]);
 * assert.deepEqual(Array.from(national.channels[0]!.spend), [8, 10]);
 * assert.deepEqual(Array.from(national.controls[0]!.values), [3, 4]);
 * assert.equal(national.geo, undefined);
 * ```
 */
export function sumGeos(data: MmmData): MmmData {
  const { geos, weeks, dates } = panelMedia(data, [], false);
  const fold = (x: Float64Array, mean: boolean) => {
    const out = new Float64Array(weeks);
    for (let g = 0; g < geos.length; g++) {
      for (let t = 0; t < weeks; t++) out[t] = out[t]! + x[g * weeks + t]!;
    }
    return mean ? out.map((v) => v / geos.length) : out;
  };
  return {
    dates: [...dates],
    kpiKind: data.kpiKind,
    kpi: { name: data.kpi.name, values: fold(data.kpi.values, false) },
    channels: data.channels.map((c) => ({ name: c.name, spend: fold(c.spend, false) })),
    controls: data.controls.map((c) => ({ name: c.name, values: fold(c.values, true) })),
  };
}
