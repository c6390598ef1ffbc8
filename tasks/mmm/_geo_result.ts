/**
 * `mmm optimize` and `mmm forecast` on a geo fit: what they read back from the `result.json` that
 * `mmm fit` wrote for a panel (and the `config.json` beside it).
 *
 * - The optimizer needs only `result.json`: per geo its population and coefficient per channel,
 *   per channel its saturation and scale, and the spend of the fitted weeks, which make each
 *   geo × channel steady-state curve (`geoResponses`).
 * - The forecast needs the data: it reads `config.json` beside the result (whose `data` is an
 *   absolute path), and refits the classical geo model at the fitted transforms and penalty on
 *   every week of the data (`forecastGeo`) before predicting each geo over the plan. A geo-bayes
 *   fit cannot be carried forward this way (its baseline is a posterior, not a refit), so it is
 *   refused with a typed error.
 *
 * @module
 */
import { dirname, join } from "std/path";
import { loadConfiguredData } from "../../lib/config/load_configured.ts";
import { geoModelOptions } from "../../lib/config/fit_geo_configured.ts";
import { ConfigError } from "../../lib/errors.ts";
import { spendPlan } from "../../lib/forecast/spend_plan.ts";
import { appendRows, rowBlocks, sliceRows } from "../../lib/mmm_data.ts";
import { forecastGeo, type GeoForecast } from "../../lib/models/geo/forecast_geo.ts";
import type { GeoFit } from "../../lib/models/geo/geo_fit.ts";
import { geoResponses } from "../../lib/models/geo/geo_response.ts";
import type { GeoCellResponse } from "../../lib/optimize/geo_budget.ts";
import type { GeoResultJson, GeoResultReturns } from "../../lib/report/geo_report.ts";
import type { MmmData } from "../../lib/types.ts";
import { loadConfigFile, readJsonFile, required } from "./_cli.ts";

/** Reads `--result`: the geo result, or undefined for a national one. */
export async function readGeoResult(path: string | undefined): Promise<GeoResultJson | undefined> {
  const file = required(path, "--result", "the result.json that mmm fit wrote");
  const json = await readJsonFile(file, "result") as Record<string, unknown>;
  return json.geo === undefined ? undefined : json as unknown as GeoResultJson;
}

const week = (x: readonly number[]) => Float64Array.from(x);

/** The fit a geo `result.json` describes (what the response curves read). */
function geoFitOf(result: GeoResultJson): GeoFit {
  const names = result.channels.map((c) => c.name);
  const returns = (c: GeoResultReturns) => ({
    name: c.name,
    spend: c.spend,
    contribution: c.contribution,
    roas: c.roas,
    mroas: c.mroas,
  });
  return {
    kind: result.model.kind as GeoFit["kind"],
    dates: result.decomposition.dates,
    channels: result.channels.map(returns),
    geos: result.geo.geos.map((g) => ({
      geo: g.name,
      population: g.population,
      channels: g.channels.map((c) => ({ ...returns(c), coefficient: c.coefficient })),
      baseline: week(result.geo.decomposition[g.name]!.baseline),
      contributions: names.map((n) => week(result.geo.decomposition[g.name]!.channels[n]!)),
    })),
    national: {
      baseline: week(result.decomposition.baseline),
      contributions: names.map((n) => week(result.decomposition.channels[n]!)),
    },
    transforms: result.channels.map((c) => ({
      name: c.name,
      adstock: c.params.adstock,
      saturation: c.params.saturation,
      scale: c.params.scale,
    })),
    populationScaling: result.model.population_scaling,
    r2: result.fit.r2_train,
    sigma: result.fit.sigma,
    warnings: [],
  };
}

/** Every geo × channel weekly response curve of a geo result, for `optimizeGeoBudget`. */
export function geoCells(result: GeoResultJson): GeoCellResponse[] {
  return geoResponses(geoFitOf(result));
}

/** `weeks` weeks after the data, in every geo: its last 13 weeks' mean spend × `multipliers`. */
function panelPlan(data: MmmData, weeks: number, multipliers: Record<string, number>): MmmData {
  const blocks = rowBlocks(data);
  const plans = blocks.map((b) => {
    const { geo: _, population: __, ...one } = sliceRows(data, b.start, b.end);
    return spendPlan(one, { weeks, multipliers });
  });
  const all = plans.slice(1).reduce((a, p) => appendRows(a, p), plans[0]!);
  return {
    ...all,
    geo: { name: data.geo!.name, values: blocks.flatMap((b) => Array(weeks).fill(b.label)) },
    ...(data.population && {
      population: {
        name: data.population.name,
        values: Float64Array.from(
          blocks.flatMap((b) => Array(weeks).fill(data.population!.values[b.start]!)),
        ),
      },
    }),
  };
}

/**
 * Forecasts every geo of a geo result's panel over `weeks` weeks at its recent spend (× the
 * multipliers per channel).
 *
 * @throws {ConfigError} for a geo-bayes result or a result without its config.json.
 */
export async function forecastGeoResult(
  result: GeoResultJson,
  resultPath: string,
  weeks: number,
  multipliers: Record<string, number>,
): Promise<GeoForecast[]> {
  if (result.model.kind === "geo-bayes") {
    throw new ConfigError(
      "Cannot forecast a geo-bayes fit by geo: its baseline is a posterior the forecast cannot refit",
      { key: "model.kind", hint: 'fit the panel with model.kind "ols" or "ridge" to forecast it' },
    );
  }
  const { config, baseDir } = await loadConfigFile(join(dirname(resultPath), "config.json"));
  const data = await loadConfiguredData(config, { baseDir });
  const channels = result.channels.map((c) => ({
    name: c.name,
    adstock: c.params.adstock,
    saturation: c.params.saturation,
  }));
  const options = { ...geoModelOptions(config), lambda: result.model.lambda ?? 0 };
  return forecastGeo(data, panelPlan(data, weeks, multipliers), channels, options);
}
