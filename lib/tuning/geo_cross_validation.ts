/**
 * Cross-validation of a geo model by time, never by geo: every fold fits every geo on the same
 * leading weeks and scores every geo on the weeks that follow (expanding windows,
 * `expandingWindowSplit` over weeks). Splitting by geo would let a fold learn a week's national
 * shock from the other geos and score the same week: a leak that flatters the model.
 *
 * A fold's error is measured on the KPI as modelled (per person with population scaling), each
 * geo's rows weighted as in the fit; the score is the NRMSE, root mean squared error over every
 * fold's test rows divided by the range of their actual KPI (Robyn's NRMSE).
 *
 * @module
 */
import { expandingWindowSplit, type TimeSplit } from "../analysis/cv.ts";
import { ConfigError } from "../errors.ts";
import { rowBlocks } from "../mmm_data.ts";
import type { ChannelData, MmmData, NamedSeries } from "../types.ts";
import type { GeoLinearOptions } from "../models/geo/fit_geo_linear.ts";
import { solveGeoLinear } from "../models/geo/geo_linear_solve.ts";
import { type GeoChannelSpec, panelMedia } from "../models/geo/panel_media.ts";

/**
 * Weeks `[from, to)` of every geo of a balanced panel (rows stay geo-major).
 *
 * @example The second week of two geos
 * ```ts
 * import { geoWeeks } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-01", "2024-01-08"], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array([1, 2, 3, 4]) }, channels: [], controls: [],
 *   geo: { name: "geo", values: ["a", "a", "b", "b"] },
 * };
 * const week2 = geoWeeks(data, 1, 2);
 * assert.deepEqual(Array.from(week2.kpi.values), [2, 4]);
 * assert.deepEqual(week2.geo!.values, ["a", "b"]);
 * ```
 */
export function geoWeeks(data: MmmData, from: number, to: number): MmmData {
  const rows: number[] = [];
  for (const b of rowBlocks(data)) for (let i = b.start + from; i < b.start + to; i++) rows.push(i);
  const pick = (v: Float64Array) => Float64Array.from(rows, (i) => v[i]!);
  const series = (s: NamedSeries): NamedSeries => ({ name: s.name, values: pick(s.values) });
  return {
    ...data,
    dates: rows.map((i) => data.dates[i]!),
    kpi: series(data.kpi),
    channels: data.channels.map((c): ChannelData =>
      c.exposure
        ? { name: c.name, spend: pick(c.spend), exposure: pick(c.exposure) }
        : { name: c.name, spend: pick(c.spend) }
    ),
    controls: data.controls.map(series),
    ...(data.categories && {
      categories: data.categories.map((c) => ({
        name: c.name,
        values: rows.map((i) => c.values[i]!),
      })),
    }),
    ...(data.geo &&
      { geo: { name: data.geo.name, values: rows.map((i) => data.geo!.values[i]!) } }),
    ...(data.population && { population: series(data.population) }),
  };
}

/**
 * Expanding-window folds over a panel's weeks: each fold fits weeks `[0, train.end)` of every
 * geo and tests weeks `[test.start, test.end)` of every geo.
 *
 * @example Three folds of 10 weeks on 100 weeks
 * ```ts
 * import { geoTimeSplits } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const folds = geoTimeSplits(100, { folds: 3, testWeeks: 10 });
 * assert.deepEqual(folds.map((f) => [f.train.end, f.test.start, f.test.end]), [
 *   [70, 70, 80], [80, 80, 90], [90, 90, 100],
 * ]);
 * ```
 */
export function geoTimeSplits(
  weeks: number,
  options: { readonly folds: number; readonly testWeeks: number },
): TimeSplit[] {
  if (weeks - options.folds * options.testWeeks < 26) {
    throw new ConfigError(
      `Cannot cross-validate the geo panel: ${options.folds} folds of ${options.testWeeks} weeks leave ${
        weeks - options.folds * options.testWeeks
      } of its ${weeks} weeks for the first fold's fit (at least 26 are needed)`,
      { key: "tuning.folds", hint: "use fewer folds" },
    );
  }
  return expandingWindowSplit(weeks, { nSplits: options.folds, testSize: options.testWeeks });
}

/**
 * The NRMSE of a geo model over time folds (see the module doc). Media columns are computed on
 * weeks up to each fold's end, so adstock carries from the fitted weeks into the tested ones.
 *
 * @throws {ConfigError} with week effects, which cannot predict unseen weeks.
 *
 * @example An exact panel predicts its later weeks exactly
 * ```ts
 * import { geoCvError, geoTimeSplits } from "mixlab/tuning";
 * import assert from "node:assert/strict";
 * const T = 40, geos = ["a", "b", "c"];
 * const tv = Float64Array.from({ length: 3 * T }, (_, i) => 1 + ((i * 7) % 5));
 * const media = tv.map((v) => v / (v + 3)); // Hill, half-saturation 1 at scale 3
 * const data = {
 *   dates: geos.flatMap(() => Array.from({ length: T }, (_, t) => new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10))),
 *   kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: media.map((m, i) => 10 * (1 + Math.floor(i / T)) + 4 * m) },
 *   channels: [{ name: "tv", spend: tv }], controls: [],
 *   geo: { name: "geo", values: geos.flatMap((g) => Array(T).fill(g)) },
 * };
 * const spec = { name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } } };
 * const folds = geoTimeSplits(T, { folds: 2, testWeeks: 5 }); // training weeks: multiples of 5
 * assert.ok(geoCvError(data, [spec], { yearlyFourier: 0 }, folds) < 1e-9);
 * ```
 */
export function geoCvError(
  data: MmmData,
  channels: readonly GeoChannelSpec[],
  options: GeoLinearOptions,
  splits: readonly TimeSplit[],
): number {
  if (options.weekEffects) {
    throw new ConfigError(
      "Cannot cross-validate a geo model with week effects: they cannot predict unseen weeks",
      { key: "geoModel.weekEffects", hint: 'score tuning "in-sample" or drop week effects' },
    );
  }
  const scaling = options.populationScaling ?? !!data.population;
  let sse = 0, weight = 0, lo = Infinity, hi = -Infinity;
  for (const split of splits) {
    const rows = geoWeeks(data, 0, split.test.end);
    const panel = panelMedia(rows, channels, scaling, split.train.end);
    const s = solveGeoLinear(rows, panel, options, split.train.end);
    const later = s.later as Float64Array, L = split.test.end - split.train.end;
    const skip = split.test.start - split.train.end;
    for (let g = 0; g < panel.geos.length; g++) {
      for (let t = skip; t < L; t++) {
        const actual = panel.y[g * panel.weeks + split.train.end + t]!;
        sse += s.geoWeight[g]! * (actual - later[g * L + t]!) ** 2;
        weight += s.geoWeight[g]!;
        lo = Math.min(lo, actual);
        hi = Math.max(hi, actual);
      }
    }
  }
  return Math.sqrt(sse / weight) / (hi - lo);
}
