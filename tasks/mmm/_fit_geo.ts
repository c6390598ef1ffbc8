/**
 * `mmm fit` on a panel (a config with `geo`): fits the configured geo model and writes
 * `result.json` (with the geo tables), `report.html` (the geo one-pager) and `config.json` into
 * the output folder, each only once everything has been computed. A geo fit has no `model.json`
 * or planner: `mmm optimize` and `mmm forecast` read its result.json (and this config.json) to
 * split a budget by geo and channel and forecast by geo (`_geo_commands.ts`).
 *
 * @module
 */
import { resolve } from "std/path";
import { type ConfiguredGeoFit, fitGeoConfigured } from "../../lib/config/fit_geo_configured.ts";
import type { MmmConfig } from "../../lib/config/mmm_config.ts";
import type { GeoFit } from "../../lib/models/geo/geo_fit.ts";
import { geoOnePager, type GeoResultJson, resultWarning } from "../../lib/report/geo_report.ts";
import type { MmmData } from "../../lib/types.ts";
import { VERSION } from "../../lib/version.ts";

/** What {@link fitGeo} writes, by file name. */
export type GeoOutputs = Readonly<Record<string, string>>;

/** Fits the panel and returns the files to write and a line for the terminal. */
export async function fitGeo(
  config: MmmConfig,
  configJson: Readonly<Record<string, unknown>>,
  baseDir: string,
  data: MmmData,
  progress: Parameters<typeof fitGeoConfigured>[2],
): Promise<{ files: GeoOutputs; line: string; warnings: readonly string[] }> {
  const started = performance.now();
  const run = await fitGeoConfigured(config, data, progress);
  const seconds = (performance.now() - started) / 1000;
  const result = geoResultJson(config, run, seconds);
  const html = geoOnePager(result, {
    footer: `mixlab ${VERSION} · seed ${config.seed} · ${
      seconds.toFixed(1)
    } s · data ${config.data}`,
  });
  const holdout = run.holdout ? `, holdout R² ${run.holdout.r2.toFixed(3)}` : "";
  return {
    files: {
      "result.json": JSON.stringify(result, null, 2) + "\n",
      "report.html": html,
      "config.json":
        JSON.stringify({ ...configJson, data: resolve(baseDir, config.data) }, null, 2) + "\n",
    },
    line:
      `Fitted ${run.fit.kind} on ${run.fit.geos.length} geos × ${run.fit.dates.length} weeks (R² train ${
        run.fit.r2.toFixed(3)
      }${holdout}) in ${seconds.toFixed(1)} s`,
    warnings: run.fit.warnings.filter((w) => w.level === "warning").map((w) => w.message),
  };
}

const ci = (key: string, v: readonly [number, number] | undefined) => v ? { [key]: v } : {};

function returns(c: GeoFit["channels"][number]) {
  return {
    name: c.name,
    spend: c.spend,
    contribution: c.contribution,
    roas: c.roas,
    mroas: c.mroas,
    ...ci("roas_ci90", c.roasCi90),
    ...ci("mroas_ci90", c.mroasCi90),
    ...ci("contribution_ci90", c.contributionCi90),
  };
}

const series = (names: readonly string[], x: readonly Float64Array[]) =>
  Object.fromEntries(names.map((n, j) => [n, Array.from(x[j]!)]));

/** The result.json of a configured geo fit (schema: `GeoResultJson`, README). */
export function geoResultJson(
  config: MmmConfig,
  run: ConfiguredGeoFit,
  seconds: number,
): GeoResultJson {
  const fit = run.fit, names = fit.channels.map((c) => c.name);
  const media = fit.channels.reduce((a, c) => a + c.contribution, 0);
  const spend = fit.channels.reduce((a, c) => a + c.spend, 0);
  return {
    mixlab_version: VERSION,
    seed: config.seed,
    seconds,
    model: {
      kind: fit.kind,
      lambda: fit.kind === "geo-bayes" ? null : run.options.lambda ?? 0,
      geo_trends: run.options.geoTrends ?? false,
      week_effects: run.options.weekEffects ?? false,
      population_scaling: fit.populationScaling,
      intervals: fit.kind === "geo-bayes"
        ? "posterior"
        : fit.channels.some((c) => c.roasCi90)
        ? "cluster-robust"
        : null,
    },
    kpi: { name: config.kpi, kind: config.kpiKind },
    channels: fit.channels.map((c, j) => ({
      ...returns(c),
      effect_share: c.contribution / media,
      spend_share: c.spend / spend,
      params: {
        adstock: fit.transforms[j]!.adstock,
        saturation: fit.transforms[j]!.saturation,
        scale: fit.transforms[j]!.scale!,
      },
    })),
    fit: {
      r2_train: fit.r2,
      sigma: fit.sigma,
      holdout_weeks: run.holdout?.weeks ?? 0,
      r2_holdout: run.holdout?.r2 ?? null,
      rmse_holdout: run.holdout?.rmse ?? null,
    },
    decomposition: {
      dates: fit.dates,
      baseline: Array.from(fit.national.baseline),
      channels: series(names, fit.national.contributions),
    },
    geo: {
      column: config.geo!,
      population_column: config.population ?? null,
      geos: fit.geos.map((g) => ({
        name: g.geo,
        population: g.population,
        channels: g.channels.map((c) => {
          const alone = run.separate.find((s) => s.geo === g.geo && s.channel === c.name)!;
          return {
            ...returns(c),
            coefficient: c.coefficient,
            separate_roas: alone.roas,
            ...(alone.roasCi90 ? { separate_roas_ci90: alone.roasCi90 } : {}),
          };
        }),
      })),
      decomposition: Object.fromEntries(fit.geos.map((g) => [g.geo, {
        baseline: Array.from(g.baseline),
        channels: series(names, g.contributions),
      }])),
    },
    tuning: run.tuning
      ? {
        validation: run.tuning.validation,
        score: run.tuning.score,
        trials: run.tuning.search.trials.length,
        lambda: run.tuning.lambda,
        families: run.tuning.channels.map((c) => ({
          channel: c.name,
          adstock: c.adstock.kind,
          saturation: c.saturation.kind,
        })),
      }
      : null,
    diagnostics: { warnings: [...fit.warnings, ...run.notes].map(resultWarning) },
  };
}
