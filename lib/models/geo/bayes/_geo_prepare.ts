/**
 * From a geo panel to the geo posterior's inputs: the balanced panel read per person
 * (`panelMedia`), the KPI divided by its mean absolute value per person, each channel's spend per
 * person divided by its mean (the unit-gain convention of `saturationInput`, lib/transforms/apply_channel.ts), the shared regressors (linear trend, yearly
 * Fourier pairs, controls; each centred and divided by its standard deviation over the panel),
 * the centred trend of the geo trends, and the lift tests placed on their geos and weeks.
 *
 * @module
 */
import { ConfigError, MmmDataError } from "../../../errors.ts";
import { fourierTerms } from "../../../features/fourier.ts";
import { trendTerms } from "../../../features/trend.ts";
import type { MmmData } from "../../../types.ts";
import type { GeoLiftTest } from "./geo_lift_test.ts";
import { resolveLiftTests } from "../../bayes/lift_tests.ts";
import { type GeoChannelSpec, type PanelMedia, panelMedia } from "../panel_media.ts";
import type { GeoPosteriorInput, GeoPosteriorLiftTest } from "./geo_posterior_input.ts";
import type { GeoBayesOptions } from "./fit_geo_bayes.ts";

/** What preparing a panel gives: the posterior's inputs and what reporting needs. */
export interface GeoPrepared {
  /** The posterior's inputs. */
  readonly input: GeoPosteriorInput;
  /** The panel as read (per person with population scaling). */
  readonly panel: PanelMedia;
  /** The weeks (each geo's dates). */
  readonly dates: readonly string[];
  /** Mean |KPI per person|: the KPI's scale. */
  readonly yScale: number;
  /** Whether KPI and spend were divided by population. */
  readonly populationScaling: boolean;
  /** The shared regressors' means and standard deviations (to report coefficients per unit). */
  readonly centre: Float64Array;
  readonly spread: Float64Array;
}

/** Options of {@link prepareGeo}: the options of `fitGeoBayes` that shape its data. */
export type GeoPrepareOptions = Pick<
  GeoBayesOptions,
  "populationScaling" | "geoTrends" | "yearlyFourier" | "liftTests" | "fixed"
>;

function checkPopulation(data: MmmData, geos: readonly string[], weeks: number): void {
  const pop = data.population;
  if (pop === undefined) return;
  geos.forEach((geo, g) => {
    for (let t = g * weeks; t < (g + 1) * weeks; t++) {
      const v = pop.values[t] as number;
      if (!(Number.isFinite(v) && v > 0)) {
        throw new MmmDataError(
          `Cannot fit the geo Bayesian model: geo "${geo}" has population ${v} on ${data.dates[t]}`,
          {
            column: pop.name,
            geos: [geo],
            rows: [t],
            hint: "give every geo a positive population",
          },
        );
      }
    }
  });
}

function standardise(values: Float64Array): { values: Float64Array; mean: number; sd: number } {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2 / n;
  const sd = Math.sqrt(ss);
  return { values: values.map((v) => (v - mean) / sd), mean, sd };
}

function liftTestsOnGeos(
  tests: readonly GeoLiftTest[],
  dates: readonly string[],
  channels: readonly GeoChannelSpec[],
  geos: readonly string[],
  yScale: number,
): GeoPosteriorLiftTest[] {
  const resolved = resolveLiftTests({ dates }, { channels }, tests, "liftTests");
  return resolved.map((r, i) => {
    const names = tests[i]!.geos ?? geos;
    const idx = names.map((name) => {
      const g = geos.indexOf(name);
      if (g < 0) {
        throw new ConfigError(`Cannot use lift test: geo "${name}" is not in the panel`, {
          key: `liftTests[${i}].geos`,
          geos: [name],
          hint: `use geos of the panel, e.g. ${geos.slice(0, 3).map((x) => `"${x}"`).join(", ")}`,
        });
      }
      return g;
    });
    return {
      channel: r.channel,
      geos: idx,
      start: r.start,
      end: r.end,
      lift: r.lift / yScale,
      standardError: r.standardError / yScale,
    };
  });
}

/**
 * Prepares a balanced panel for the geo posterior.
 *
 * @throws {ConfigError} For a missing geo or population column (with population scaling), an
 * unknown channel, or a lift test naming an unknown geo or channel.
 * @throws {MmmDataError} For an unbalanced panel or a geo without a positive population (both
 * naming the geo), a channel without spend, or a KPI that is zero everywhere.
 */
export function prepareGeo(
  data: MmmData,
  channels: readonly GeoChannelSpec[],
  options: GeoPrepareOptions,
): GeoPrepared {
  const scaling = options.populationScaling ?? data.population !== undefined;
  const panel = panelMedia(data, channels, scaling);
  const G = panel.geos.length, T = panel.weeks, n = G * T;
  if (scaling) checkPopulation(data, panel.geos, T);
  let yScale = 0;
  for (const v of panel.y) yScale += Math.abs(v) / n;
  if (!(yScale > 0)) {
    throw new MmmDataError("Cannot fit the geo Bayesian model: the KPI is zero on every row", {
      column: data.kpi.name,
    });
  }
  const dates = data.dates.slice(0, T);
  const time = [
    ...trendTerms(dates, { kind: "linear" }),
    ...fourierTerms(dates, { pairs: options.yearlyFourier ?? 2 }),
  ].map((c) => ({
    name: c.name,
    values: Float64Array.from({ length: n }, (_, i) => c.values[i % T]!),
  }));
  const regressors = [...time, ...data.controls.map((c) => ({ name: c.name, values: c.values }))]
    .map((c) => ({ name: c.name, ...standardise(c.values) }))
    .filter((c) => c.sd > 1e-12 * Math.max(1, Math.abs(c.mean)));
  const fixed = new Set(options.fixed ?? []);
  const trend = standardise(Float64Array.from({ length: T }, (_, t) => t)).values;
  const input: GeoPosteriorInput = {
    geos: G,
    weeks: T,
    y: panel.y.map((v) => v / yScale),
    population: panel.population,
    channels: panel.channels.map((c, m) => {
      const spend = panel.spend[m] as Float64Array, scale = c.scale as number;
      let total = 0;
      for (const v of spend) total += v;
      return {
        name: c.name,
        x: spend.map((v, i) => v / (panel.population[Math.floor(i / T)] as number) / scale),
        adstock: c.adstock,
        saturation: c.saturation,
        fixed: [...fixed].filter((k) => k.startsWith(`${c.name}.`)).map((k) =>
          k.slice(c.name.length + 1)
        ),
        roasFactor: yScale / total,
      };
    }),
    baseline: regressors.map((c) => ({ name: c.name, values: c.values })),
    ...(options.geoTrends ? { geoTrend: trend } : {}),
    liftTests: liftTestsOnGeos(options.liftTests ?? [], dates, channels, panel.geos, yScale),
  };
  return {
    input,
    panel,
    dates,
    yScale,
    populationScaling: scaling,
    centre: Float64Array.from(regressors, (c) => c.mean),
    spread: Float64Array.from(regressors, (c) => c.sd),
  };
}
