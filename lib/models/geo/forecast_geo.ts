/**
 * The forecast by geo of the classical geo model: the KPI of every geo in weeks after the
 * fitted ones, from a plan of their spend and controls. The model is fitted on the history and
 * the plan's weeks are predicted from each geo's level (and trend, with geo trends), the shared
 * smooth time terms carried forward, the controls, and the media columns computed over history
 * and plan together, so spend before the plan carries over into it.
 *
 * Week effects cannot be carried into unseen weeks: a model with them cannot forecast.
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import { rowBlocks } from "../../mmm_data.ts";
import type { MmmData, NamedSeries } from "../../types.ts";
import type { GeoLinearOptions } from "./fit_geo_linear.ts";
import { solveGeoLinear } from "./geo_linear_solve.ts";
import { type GeoChannelSpec, panelMedia } from "./panel_media.ts";

/** The forecast of one geo. */
export interface GeoForecast {
  /** Geo name. */
  readonly geo: string;
  /** The plan's weeks. */
  readonly dates: readonly string[];
  /** Predicted KPI per week (KPI units). */
  readonly kpi: Float64Array;
}

/** History then plan, per geo (both geo-major with the same geos in the same order). */
function joinByGeo(history: MmmData, plan: MmmData): MmmData {
  const h = rowBlocks(history), p = rowBlocks(plan);
  if (h.length !== p.length || h.some((b, g) => b.label !== p[g]!.label)) {
    throw new ConfigError(
      "Cannot forecast by geo: the plan must have the history's geos, in order",
      {
        key: "geo",
        hint: `geos of the history: ${h.map((b) => b.label).join(", ")}`,
      },
    );
  }
  const rows: [MmmData, number][] = h.flatMap((b, g) => [
    ...Array.from(
      { length: b.end - b.start },
      (_, i) => [history, b.start + i] as [MmmData, number],
    ),
    ...Array.from(
      { length: p[g]!.end - p[g]!.start },
      (_, i) => [plan, p[g]!.start + i] as [MmmData, number],
    ),
  ]);
  const pick = (f: (d: MmmData) => Float64Array) => Float64Array.from(rows, ([d, i]) => f(d)[i]!);
  const series = (name: string, f: (d: MmmData) => Float64Array): NamedSeries => ({
    name,
    values: pick(f),
  });
  const missing = (what: string, name: string) =>
    new ConfigError(`Cannot forecast by geo: the plan has no ${what} "${name}"`, { key: name });
  const spendOf = (d: MmmData, name: string) => {
    const found = d.channels.find((c) => c.name === name);
    if (!found) throw missing("channel", name);
    return found.spend;
  };
  const controlOf = (d: MmmData, name: string) => {
    const found = d.controls.find((c) => c.name === name);
    if (!found) throw missing("control", name);
    return found.values;
  };
  return {
    dates: rows.map(([d, i]) => d.dates[i]!),
    kpiKind: history.kpiKind,
    // the plan's KPI is unknown: only the history's enters the fit
    kpi: series(
      history.kpi.name,
      (d) => d === history ? d.kpi.values : new Float64Array(d.dates.length).fill(NaN),
    ),
    channels: history.channels.map((c) => ({
      name: c.name,
      spend: pick((d) => spendOf(d, c.name)),
    })),
    controls: history.controls.map((c) => series(c.name, (d) => controlOf(d, c.name))),
    geo: { name: history.geo!.name, values: rows.map(([d, i]) => d.geo!.values[i]!) },
    ...(history.population && {
      population: series(
        history.population.name,
        (d) => d.population?.values ?? new Float64Array(d.dates.length).fill(NaN),
      ),
    }),
  };
}

/**
 * Fits the geo model on `history` and forecasts every geo's KPI over `plan`'s weeks.
 *
 * @example An exact panel's next week, from its planned spend
 * ```ts
 * import { forecastGeo } from "mixlab/models/geo";
 * import assert from "node:assert/strict";
 * const weeks = (from: number, n: number) => Array.from({ length: n }, (_, t) => new Date(Date.UTC(2024, 0, 1 + 7 * (from + t))).toISOString().slice(0, 10));
 * const tv = [1, 3, 0, 2, 4, 2, 4, 1, 0, 3]; // mean 2: the scale
 * const kpi = tv.map((v, i) => (i < 5 ? 5 : 9) + 2 * v / (v + 2)); // Hill, half-saturation 1
 * const history = {
 *   dates: [...weeks(0, 5), ...weeks(0, 5)], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: Float64Array.from(kpi) },
 *   channels: [{ name: "tv", spend: Float64Array.from(tv) }], controls: [],
 *   geo: { name: "geo", values: [..."aaaaabbbbb"] },
 * };
 * const plan = {
 *   dates: [...weeks(5, 1), ...weeks(5, 1)], kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: new Float64Array(2) },
 *   channels: [{ name: "tv", spend: new Float64Array([2, 6]) }], controls: [],
 *   geo: { name: "geo", values: ["a", "b"] },
 * };
 * const spec = { name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } } };
 * const [a, b] = forecastGeo(history, plan, [spec], { yearlyFourier: 0 });
 * assert.ok(Math.abs(a!.kpi[0]! - (5 + 2 * 0.5)) < 1e-9); // u = 2 / 2
 * assert.ok(Math.abs(b!.kpi[0]! - (9 + 2 * 0.75)) < 1e-9); // u = 6 / 2
 * ```
 */
export function forecastGeo(
  history: MmmData,
  plan: MmmData,
  channels: readonly GeoChannelSpec[],
  options: GeoLinearOptions = {},
): GeoForecast[] {
  if (options.weekEffects) {
    throw new ConfigError(
      "Cannot forecast a geo model with week effects: they cannot predict unseen weeks",
      {
        key: "geoModel.weekEffects",
        hint: "fit without week effects to forecast",
      },
    );
  }
  const fitWeeks = rowBlocks(history)[0]!.end;
  const data = joinByGeo(history, plan);
  const panel = panelMedia(
    data,
    channels,
    options.populationScaling ?? !!history.population,
    fitWeeks,
  );
  const later = solveGeoLinear(data, panel, options, fitWeeks).later!;
  const L = panel.weeks - fitWeeks;
  return panel.geos.map((geo, g) => ({
    geo,
    dates: panel.dates.slice(fitWeeks),
    kpi: later.slice(g * L, (g + 1) * L).map((v) => v * panel.population[g]!),
  }));
}
