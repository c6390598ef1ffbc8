/**
 * Tuning the classical geo model over the panel: each channel's adstock and saturation
 * parameters are shared by every geo (one search space, `mmmSearchSpace`, the national tuner's,
 * in the units of the unit-gain convention of `saturationInput`, lib/transforms/apply_channel.ts), searched with the national tuner's strategies
 * (`minimize`: TPE, differential evolution …), scored on the panel:
 * - `"in-sample"`: the NRMSE of the geo fit on every week (RMSE ÷ range of the KPI as modelled);
 * - `"cv"`: the NRMSE over expanding time folds, every geo in every fold
 *   (geo_cross_validation.ts; folds split by time, never by geo).
 *
 * Families, as the national tuner chooses them (lib/tuning/families.ts): for each channel in
 * turn, every candidate pair (adstock × saturation family) gets a short search over that
 * channel's parameters with the others held at their current best; pairs are compared by BIC
 * on the in-sample error, `n·ln(SSE/n) + ln(n)·k` (Schwarz 1978), n the panel's rows, k the
 * pair's free parameters; then the full search runs again with the chosen families.
 *
 * A tuned parameter that ends on its search bound is reported (`param-on-bound`).
 *
 * @module
 */
import { boundDiagnostics } from "../guardrails/guardrails.ts";
import { searchedParams } from "./_searched_params.ts";
import { paramKey } from "../models/param_key.ts";
import { getTransform } from "../transforms/registry.ts";
import {
  minimize,
  type SamplerChoice,
  type SearchProgress,
  type SearchResult,
} from "./minimize.ts";
import { type BoundInput, mmmSearchSpace } from "./mmm_search_space.ts";
import type { ChannelType } from "../transforms/adstock/geometric.ts";
import type { FamilyOptions } from "./families.ts";
import type { Diagnostic, MmmData, ModelSpec } from "../types.ts";
import type { GeoLinearOptions } from "../models/geo/fit_geo_linear.ts";
import { geoCvError, geoTimeSplits } from "./geo_cross_validation.ts";
import { solveGeoLinear } from "../models/geo/geo_linear_solve.ts";
import { type GeoChannelSpec, panelMedia } from "../models/geo/panel_media.ts";

/** Options of {@link tuneGeo}. */
export interface TuneGeoOptions {
  /** The geo model's options (its λ is searched unless `lambda` fixes it). @default {} */
  readonly model?: Omit<GeoLinearOptions, "lambda">;
  /** Trials of the search. @default 300 */
  readonly trials?: number;
  /** Search strategy. @default "tpe" */
  readonly sampler?: SamplerChoice;
  /** Seed. @default 1 */
  readonly seed?: number;
  /** How a candidate is scored. @default "in-sample" */
  readonly validation?: "in-sample" | "cv";
  /** Time folds for `"cv"`. @default 3 */
  readonly folds?: number;
  /** Weeks per test fold. @default ⌊weeks ÷ (2·folds)⌋ */
  readonly testWeeks?: number;
  /** λ bounds (log scale), or a value to fix it (0 = OLS). @default [1e-4, 10] */
  readonly lambda?: BoundInput;
  /** Bound overrides by parameter key (`"tv.adstock.decay"`). @default {} */
  readonly bounds?: Readonly<Record<string, BoundInput>>;
  /** Channel types (the default range of a geometric decay). @default {} */
  readonly channelTypes?: Readonly<Record<string, ChannelType>>;
  /**
   * Families to choose between per channel (the national tuner's `FamilyOptions`: candidate
   * kinds, trials per pair, stages to keep), or undefined to keep the spec's.
   */
  readonly families?: FamilyOptions;
  /** Progress of each search, after every batch. @default undefined */
  readonly onProgress?: (progress: SearchProgress) => void;
}

/** The outcome of {@link tuneGeo}. */
export interface GeoTuning {
  /** The chosen transforms. */
  readonly channels: readonly GeoChannelSpec[];
  /** The chosen λ. */
  readonly lambda: number;
  /** The score of the chosen candidate (NRMSE). */
  readonly score: number;
  /** How candidates were scored. */
  readonly validation: "in-sample" | "cv";
  /** The last search. */
  readonly search: SearchResult;
  /** Per channel whose family was screened: the pairs tried and their BIC, and the chosen pair. */
  readonly families: readonly {
    channel: string;
    scores: readonly { adstock: string; saturation: string; bic: number }[];
    chosen: number;
  }[];
  /** `param-on-bound` warnings of the chosen candidate. */
  readonly warnings: readonly Diagnostic[];
}

type Scorer = (channels: readonly GeoChannelSpec[], lambda: number) => number;

function scorer(data: MmmData, options: TuneGeoOptions): Scorer {
  const model = options.model ?? {};
  const scaling = model.populationScaling ?? !!data.population;
  if ((options.validation ?? "in-sample") === "in-sample") {
    return (channels, lambda) => {
      const panel = panelMedia(data, channels, scaling);
      const s = solveGeoLinear(data, panel, { ...model, lambda });
      let lo = Infinity, hi = -Infinity;
      for (const v of panel.y) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
      return Math.sqrt(s.rss / panel.y.length) / (hi - lo);
    };
  }
  const weeks = new Set(data.dates).size, folds = options.folds ?? 3;
  const splits = geoTimeSplits(weeks, {
    folds,
    testWeeks: options.testWeeks ?? Math.floor(weeks / (2 * folds)),
  });
  return (channels, lambda) => geoCvError(data, channels, { ...model, lambda }, splits);
}

function specChannels(spec: ModelSpec, values: Readonly<Record<string, number>>): GeoChannelSpec[] {
  return spec.channels.map((c) => {
    const stage = (s: "adstock" | "saturation") => ({
      kind: c[s].kind,
      params: Object.fromEntries(
        Object.keys(getTransform(c[s].kind, { family: s }).params).map((p) => [
          p,
          values[paramKey(c.name, s, p)] ?? c[s].params[p]!,
        ]),
      ),
    });
    return { name: c.name, adstock: stage("adstock"), saturation: stage("saturation") };
  });
}

async function search(
  spec: ModelSpec,
  options: TuneGeoOptions,
  score: Scorer,
  extra: { bounds?: Readonly<Record<string, BoundInput>>; trials?: number } = {},
) {
  const space = mmmSearchSpace(spec, {
    bounds: extra.bounds ?? options.bounds ?? {},
    channelTypes: options.channelTypes ?? {},
    lambda: options.lambda ?? [1e-4, 10],
  });
  const names = space.params.map((p) => p.name);
  const values = (x: Float64Array) => Object.fromEntries(names.map((n, i) => [n, x[i]!]));
  const result = await minimize(
    (x) => {
      const v = values(x);
      return score(specChannels(spec, v), v.lambda!);
    },
    space,
    {
      trials: extra.trials ?? options.trials ?? 300,
      sampler: options.sampler ?? "tpe",
      seed: options.seed ?? 1,
    },
  );
  const best = result.trials[result.front[0]!]!;
  return { result, best, space };
}

/**
 * Tunes the geo model's shared transforms (and λ) over the panel.
 *
 * @example The decay of a noiseless panel is found on its grid (see tests for recovery)
 * ```ts
 * import { tuneGeo } from "mixlab/tuning";
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import assert from "node:assert/strict";
 * const T = 60, geos = ["a", "b"];
 * const tv = Float64Array.from({ length: 2 * T }, (_, i) => ((i * 7919) % 13) / 4);
 * let carry = 0;
 * const ad = tv.map((v, i) => (carry = (i % T === 0 ? 0 : 0.5 * carry) + v)); // decay 0.5
 * const data = {
 *   dates: geos.flatMap(() => Array.from({ length: T }, (_, t) => new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10))),
 *   kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: ad.map((a, i) => (i < T ? 50 : 80) + 3 * a) },
 *   channels: [{ name: "tv", spend: tv }], controls: [],
 *   geo: { name: "geo", values: geos.flatMap((g) => Array(T).fill(g)) },
 * };
 * const spec = defineModelSpec({ channels: [{ name: "tv", saturation: { kind: "hill", params: { halfSaturation: 100, shape: 1 } } }] });
 * const tuned = await tuneGeo(data, spec, {
 *   trials: 40, lambda: 0, model: { yearlyFourier: 0 },
 *   bounds: { "tv.saturation.halfSaturation": 100, "tv.saturation.shape": 1 },
 * });
 * assert.ok(Math.abs(tuned.channels[0]!.adstock.params.decay! - 0.5) < 0.05);
 * ```
 */
export async function tuneGeo(
  data: MmmData,
  spec: ModelSpec,
  options: TuneGeoOptions = {},
): Promise<GeoTuning> {
  const score = scorer(data, options);
  let run = await search(spec, options, score);
  let current = spec;
  const families: GeoTuning["families"][number][] = [];
  const f = options.families;
  if (f) {
    const inSample = scorer(data, { ...options, validation: "in-sample" });
    const n = data.dates.length;
    const held: Record<string, number> = { ...run.best.params };
    for (let j = 0; j < current.channels.length; j++) {
      const c = current.channels[j]!, keep = f.keep?.[c.name] ?? {};
      const pairs: [string, string][] = [];
      for (const a of keep.adstock ? [c.adstock.kind] : f.adstock ?? ["geometric", "weibull-pdf"]) {
        for (
          const s of keep.saturation ? [c.saturation.kind] : f.saturation ?? ["hill", "logistic"]
        ) {
          pairs.push([a, s]);
        }
      }
      if (pairs.length < 2) continue;
      const scores: { adstock: string; saturation: string; bic: number }[] = [];
      const found: Readonly<Record<string, number>>[] = [];
      for (const [a, s] of pairs) {
        const trial = withFamilies(current, j, a, s);
        const fixed: Record<string, BoundInput> = { ...(options.bounds ?? {}) };
        for (const [key, v] of Object.entries(held)) {
          if (!key.startsWith(`${c.name}.`) && key !== "lambda" && !(key in fixed)) fixed[key] = v;
        }
        fixed.lambda = held.lambda!;
        const screened = await search(trial, options, inSample, {
          bounds: pruneBounds(trial, fixed),
          trials: f.trials ?? 200,
        });
        found.push(screened.best.params);
        const k = screened.space.dimension;
        const rmse = screened.best.values[0]!;
        scores.push({ adstock: a, saturation: s, bic: 2 * n * Math.log(rmse) + Math.log(n) * k });
      }
      let chosen = 0;
      scores.forEach((s, i) => (chosen = s.bic < scores[chosen]!.bic ? i : chosen));
      families.push({ channel: c.name, scores, chosen });
      current = withFamilies(current, j, scores[chosen]!.adstock, scores[chosen]!.saturation);
      for (const [key, v] of Object.entries(found[chosen]!)) {
        if (key.startsWith(`${c.name}.`)) held[key] = v;
      }
    }
    run = await search(current, {
      ...options,
      bounds: pruneBounds(current, options.bounds ?? {}),
    }, score);
  }
  const channels = specChannels(current, run.best.params);
  return {
    channels,
    lambda: run.best.params.lambda!,
    score: run.best.values[0]!,
    validation: options.validation ?? "in-sample",
    search: run.result,
    families,
    warnings: boundDiagnostics(searchedParams(run.space.params, run.best.params, current)),
  };
}

/** The spec with channel j's families replaced (their default parameters). */
function withFamilies(spec: ModelSpec, j: number, adstock: string, saturation: string): ModelSpec {
  const c = spec.channels[j]!;
  const defaults = (kind: string, stage: "adstock" | "saturation") =>
    c[stage].kind === kind ? c[stage].params : Object.fromEntries(
      Object.entries(getTransform(kind, { family: stage }).params).map(([k, p]) => [k, p.default]),
    );
  const channel = {
    ...c,
    adstock: { kind: adstock, params: defaults(adstock, "adstock") },
    saturation: { kind: saturation, params: defaults(saturation, "saturation") },
  };
  return { ...spec, channels: spec.channels.map((x, i) => (i === j ? channel : x)) };
}

/** Bounds that name parameters of the spec's current families (and λ). */
function pruneBounds(
  spec: ModelSpec,
  bounds: Readonly<Record<string, BoundInput>>,
): Record<string, BoundInput> {
  const valid = new Set(["lambda"]);
  for (const c of spec.channels) {
    for (const s of ["adstock", "saturation"] as const) {
      for (const p of Object.keys(getTransform(c[s].kind, { family: s }).params)) {
        valid.add(paramKey(c.name, s, p));
      }
    }
  }
  return Object.fromEntries(Object.entries(bounds).filter(([k]) => valid.has(k)));
}
