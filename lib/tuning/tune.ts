/**
 * Tuning a media mix model end to end, the way Robyn does it but fast: search each channel's
 * adstock and saturation parameters and the ridge penalty on time-series cross-validation
 * error, DECOMP.RSSD and (optionally) lift-test calibration; select from the Pareto front by
 * clustering ROAS profiles; refit the chosen model on all data.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { LiftTest, MmmData, ModelSpec } from "../types.ts";
import { expandingWindowSplit, type TimeSplit } from "../analysis/cv.ts";
import { designBasis } from "../models/design_matrix.ts";
import type { LinearModel } from "../models/linear_model.ts";
import { type Cell, type Table, table } from "../display/table.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import type { Chart } from "../plot/render.ts";
import type { MinimizeOptions, SearchResult } from "./minimize.ts";
import { searchAndSelect, type TuneSettings } from "./search_and_select.ts";
import { type GuardrailLimits, guardrailLimits } from "../guardrails/limits.ts";
import { type BoundInput, mmmSearchSpace, type MmmSearchSpaceOptions } from "./mmm_search_space.ts";
import {
  chooseFamilies,
  FAMILY_TIER_LABELS,
  type FamilyChoice,
  type FamilyOptions,
} from "./families.ts";
import { differentialEvolutionSampler } from "./differential_evolution_sampler.ts";
import type { CvMetric } from "./mmm_objective.ts";
import type { ModelSelection, SelectModelsOptions } from "./select_models.ts";
import {
  plotObjectiveByTrial,
  plotParameterDistributions,
  plotParetoFront,
} from "../plot/search_charts.ts";

/** Options of {@link tune}. */
export interface TuneOptions extends MinimizeOptions, MmmSearchSpaceOptions {
  /**
   * Expanding-window CV folds (scikit-learn's `TimeSeriesSplit`), each of
   * ⌊rows / (2 × folds)⌋ test rows, so the folds cover the last half of the data and every fit
   * trains on at least half of it. Used when `validation` is `"cv"`. @default 5
   */
  readonly folds?: number;
  /** Explicit CV splits; replace `folds`. Used when `validation` is `"cv"`. @default undefined */
  readonly splits?: readonly TimeSplit[];
  /** Error measure. @default "nrmse" */
  readonly metric?: CvMetric;
  /**
   * Score the error in-sample on all rows (Robyn's default), or on time-series CV test folds.
   * In-sample recovers ROAS better on the recovery study's data (README, "Tuning defaults").
   * @default "in-sample"
   */
  readonly validation?: "cv" | "in-sample";
  /**
   * Add DECOMP.RSSD as an objective (Robyn's second objective); it pulls every channel's ROAS
   * towards the average. @default false
   */
  readonly rssd?: boolean;
  /** Lift tests; when given, MAPE.LIFT is an objective. @default [] */
  readonly liftTests?: readonly LiftTest[];
  /** Constrain media coefficients to be ≥ 0. @default true */
  readonly nonNegative?: boolean;
  /** Options of the Robyn-style selection. @default {} */
  readonly selection?: SelectModelsOptions;
  /**
   * Guardrail limits; candidates that fail a guardrail rank behind sound ones, and the chosen
   * model's warnings use the same limits. @default {} (`DEFAULT_GUARDRAIL_LIMITS`)
   */
  readonly guardrails?: Partial<GuardrailLimits>;
  /**
   * Choose each channel's adstock and saturation families from the data after the search
   * (`lib/tuning/families.ts`), then search again with the chosen families, warm-started, on
   * `familyTrials` candidates; false keeps the spec's families. @default false
   */
  readonly families?: FamilyOptions | false;
  /** Candidates of the search after a family change. @default 30% of `trials` */
  readonly familyTrials?: number;
}

/**
 * The outcome of {@link tune}: the search, the selection and the refitted model.
 *
 * @example The chosen parameters are the refitted model's
 * ```ts
 * import { defineModelSpec, type TuneResult, tune } from "mixlab";
 * import assert from "node:assert/strict";
 * const n = 52, tv = Float64Array.from({ length: n }, (_, i) => 50 + ((i * 37) % 100));
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10));
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   kpi: { name: "sales", values: tv.map((x) => 1000 + 2 * x) }, channels: [{ name: "tv", spend: tv }],
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", saturation: { kind: "identity" } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const result: TuneResult = await tune(data, spec, { trials: 30, rssd: false, workers: 0, seed: 1 });
 * const decay = result.params["tv.adstock.decay"];
 * assert.equal(result.model.spec.channels[0]!.adstock.params.decay, decay);
 * ```
 */
export class TuneResult {
  /** Every trial, the Pareto front and why the search stopped. */
  readonly search: SearchResult;
  /** Candidates, clusters and the chosen trial. */
  readonly selection: ModelSelection;
  /** The chosen trial's parameters by name (`"tv.adstock.decay"`, …, `"lambda"`). */
  readonly params: Readonly<Record<string, number>>;
  /** The spec with the chosen transform parameters (and the scales used in tuning). */
  readonly spec: ModelSpec;
  /** The chosen ridge penalty. */
  readonly lambda: number;
  /**
   * The chosen model refitted on all data; its diagnostics include the guardrails' warnings and
   * a `param-on-bound` warning per tuned parameter that ended on its search bound.
   */
  readonly model: LinearModel;
  /** How candidates were scored and selected (the bootstrap re-runs them). */
  readonly settings: TuneSettings;
  /** How each channel's families were chosen, when `families` was on. */
  readonly families: readonly FamilyChoice[] | undefined;

  /** Assembles a result; use {@link tune}. */
  constructor(init: {
    search: SearchResult;
    selection: ModelSelection;
    spec: ModelSpec;
    lambda: number;
    model: LinearModel;
    settings: TuneSettings;
    families?: readonly FamilyChoice[];
  }) {
    this.search = init.search;
    this.selection = init.selection;
    this.params = init.search.trials[init.selection.chosen]?.params ?? {};
    this.spec = init.spec;
    this.lambda = init.lambda;
    this.model = init.model;
    this.settings = init.settings;
    this.families = init.families;
  }

  /** The best model of each cluster: objectives, ROAS per channel, and the chosen one marked. */
  toTable(): Table {
    const s = this.search, sel = this.selection;
    const rows = sel.best.map((t): Record<string, Cell> => {
      const trial = s.trials[t];
      const row: Record<string, Cell> = { trial: t, chosen: t === sel.chosen ? "✓" : "" };
      const pos = sel.candidates.indexOf(t);
      row.cluster = sel.clusters[pos];
      s.objectives.forEach((o, j) => (row[o] = trial?.values[j]));
      for (const [k, v] of Object.entries(trial?.extras ?? {})) {
        if (k.startsWith("roas.")) row[k] = v;
      }
      return row;
    });
    return table(rows, {
      caption: `Tuning: ${s.trials.length} trials (${s.sampler}, ${s.stopped}), ` +
        `${sel.unsound} failed a guardrail and rank behind the sound ones, ` +
        `${sel.candidates.length} candidates, best model per cluster`,
    });
  }

  /**
   * How each channel's families were chosen (when `families` was on): every pair tried, its
   * free parameters, its score (BIC in-sample, CV error otherwise) and the choice.
   */
  familiesTable(): Table {
    const rows = (this.families ?? []).flatMap((f) =>
      f.scores.map((s, i): Record<string, Cell> => ({
        channel: f.channel,
        adstock: s.adstock,
        saturation: s.saturation,
        parameters: s.parameters,
        score: s.score,
        check: FAMILY_TIER_LABELS[s.tier],
        chosen: i === f.chosen ? "✓" : "",
      }))
    );
    return table(rows, {
      caption: "Families per channel: the lowest score in the best check wins (BIC charges " +
        "every parameter; a saturation on its range's edge ranks behind one inside)",
      columns: ["channel", "adstock", "saturation", "parameters", "score", "check", "chosen"],
    });
  }

  /** The chosen parameters as a table. */
  paramsTable(): Table {
    return table(
      Object.entries(this.params).map(([name, value]) => ({ parameter: name, value })),
      { caption: "Chosen parameters" },
    );
  }

  /** Objective by trial, with the running best. */
  plotObjective(objective?: string): Chart {
    return plotObjectiveByTrial(this.search, objective === undefined ? {} : { objective });
  }

  /** The Pareto front with the cluster winners circled. */
  plotFront(): Chart {
    return plotParetoFront(this.search, { highlight: this.selection.best });
  }

  /** Where the best trials put each parameter within its bounds. */
  plotParameters(top = 0.1): Chart {
    return plotParameterDistributions(this.search, { top });
  }

  /** Plain JSON: chosen parameters, λ and the cluster winners. */
  toJSON(): unknown {
    return {
      chosen: this.selection.chosen,
      params: this.params,
      lambda: this.lambda,
      best: this.toTable().toJSON(),
      stopped: this.search.stopped,
      trials: this.search.trials.length,
    };
  }

  /** Shows the cluster winners and the chosen parameters in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const t = this.toTable(), p = this.paramsTable();
    return {
      "text/html": `<div class="mixlab-tune">${t.toHtml()}${p.toHtml()}</div>`,
      "text/plain": `${t.toText()}\n\n${p.toText()}`,
    };
  }

  /** A short description, e.g. in `console.log`. */
  get [Symbol.toStringTag](): string {
    return `TuneResult: ${this.search.trials.length} trials, chosen #${this.selection.chosen}`;
  }
}

function resolveLiftTests(data: MmmData, spec: ModelSpec, tests: readonly LiftTest[]): void {
  tests.forEach((lt, i) => {
    const key = `liftTests.${i}`;
    if (!spec.channels.some((c) => c.name === lt.channel)) {
      throw new ConfigError(
        `Cannot tune: lift test channel "${lt.channel}" is not in the spec`,
        {
          key,
          channel: lt.channel,
        },
      );
    }
    if (!(Number.isFinite(lt.lift) && lt.lift !== 0)) {
      throw new ConfigError(`Cannot tune: lift test ${i} has lift ${lt.lift}`, {
        key,
        channel: lt.channel,
        hint: "give the measured incremental KPI as a non-zero number",
      });
    }
    if (!data.dates.some((d) => d >= lt.start && d <= lt.end)) {
      throw new ConfigError(
        `Cannot tune: lift test ${i} period "${lt.start}" to "${lt.end}" covers no data rows`,
        { key, channel: lt.channel, dates: [lt.start, lt.end] },
      );
    }
  });
}

/**
 * Tunes a ridge MMM: searches the spec's transform parameters and λ (bounds from the transform
 * descriptors unless overridden), scores each candidate on expanding-window CV error and
 * DECOMP.RSSD (and MAPE.LIFT with lift tests), selects a model as Robyn does and refits it on
 * all data. Channel scales are fixed from all data first, so parameters mean the same in every
 * fold and in the final fit.
 *
 * @throws {ConfigError} for panel data, the log-log specification, lift tests that name unknown
 * channels or cover no rows, and bad bounds.
 *
 * @example Tuning a one-channel model on two years of weekly data
 * ```ts
 * import { defineModelSpec, Rng, tune } from "mixlab";
 * import { geometricAdstock } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const rng = new Rng(1), n = 104;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10));
 * const tv = Float64Array.from({ length: n }, () => rng.uniformIn(50, 150));
 * const carried = geometricAdstock(tv, { decay: 0.5 });
 * const sales = carried.map((x) => 1000 + 2 * x + rng.normal(0, 5));
 * const data = {
 *   dates, kpiKind: "revenue" as const, controls: [],
 *   kpi: { name: "sales", values: sales }, channels: [{ name: "tv", spend: tv }],
 * };
 * const spec = defineModelSpec({
 *   channels: [{ name: "tv", saturation: { kind: "identity" } }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const result = await tune(data, spec, { trials: 200, rssd: false, workers: 0, seed: 2 });
 * assert.ok(Math.abs(result.params["tv.adstock.decay"]! - 0.5) < 0.05);
 * ```
 */
export async function tune(
  data: MmmData,
  spec: ModelSpec,
  options: TuneOptions = {},
): Promise<TuneResult> {
  if (data.geo !== undefined) {
    throw new ConfigError("Cannot tune: panel (geo) data is not supported yet", {
      hint: "tune one geo at a time or aggregate to national data",
    });
  }
  if (spec.specification !== "linear") {
    throw new ConfigError(
      `Cannot tune: the "${spec.specification}" specification is not supported`,
      {
        key: "specification",
        hint: 'tune with the "linear" specification',
      },
    );
  }
  const scaled = designBasis(data, spec).spec;
  const space = mmmSearchSpace(scaled, options);
  const liftTests = options.liftTests ?? [];
  resolveLiftTests(data, scaled, liftTests);
  const nRows = data.dates.length, folds = options.folds ?? 5;
  const splits = options.splits ??
    expandingWindowSplit(nRows, {
      nSplits: folds,
      testSize: Math.max(1, Math.floor(nRows / (2 * folds))),
    });
  const settings: TuneSettings = {
    space,
    spec: scaled,
    objective: {
      splits,
      metric: options.metric ?? "nrmse",
      validation: options.validation ?? "in-sample",
      rssd: options.rssd ?? false,
      liftTests,
      nonNegative: options.nonNegative ?? true,
      limits: guardrailLimits(options.guardrails ?? {}),
    },
    selection: options.selection ?? {},
  };
  const budget = { trials: 2000, ...options };
  const run = await searchAndSelect(data, settings, budget);
  if (!options.families) return new TuneResult({ ...run, settings });
  const { spec: picked, choices } = await chooseFamilies(data, {
    spec: run.spec,
    lambda: run.lambda,
    objective: settings.objective,
    space: options,
    seed: options.seed ?? 1,
  }, options.families);
  const changed = picked.channels.some((c, j) =>
    c.adstock.kind !== run.spec.channels[j]?.adstock.kind ||
    c.saturation.kind !== run.spec.channels[j]?.saturation.kind
  );
  if (!changed) return new TuneResult({ ...run, settings, families: choices });
  // search again with the chosen families, from the screened parameters
  const space2 = mmmSearchSpace(picked, { ...options, bounds: validBounds(picked, options) });
  const again: TuneSettings = { ...settings, space: space2, spec: picked };
  const start = space2.toUnit(space2.params.map((p) => {
    if (p.name === "lambda") return p.fixed ?? Math.min(p.upper, Math.max(p.lower, run.lambda));
    const [ch, stage, key] = p.name.split(".");
    const c = picked.channels.find((x) => x.name === ch);
    const v = c?.[stage as "adstock" | "saturation"].params[key as string];
    return p.fixed ?? Math.min(p.upper, Math.max(p.lower, v ?? p.lower));
  }));
  const trials = options.familyTrials ?? Math.max(200, Math.round(0.3 * budget.trials));
  const seed = options.seed ?? 1;
  const rerun = await searchAndSelect(data, again, {
    ...options,
    trials,
    sampler: (d) => differentialEvolutionSampler(d, { seed, initial: [start] }),
  });
  return new TuneResult({ ...rerun, settings: again, families: choices });
}

/** The bounds that name parameters of the spec's (possibly new) families. */
function validBounds(
  spec: ModelSpec,
  options: MmmSearchSpaceOptions,
): Record<string, BoundInput> {
  const out: Record<string, BoundInput> = {};
  for (const [name, b] of Object.entries(options.bounds ?? {})) {
    const [ch, stage, key] = name.split(".");
    const c = spec.channels.find((x) => x.name === ch);
    if (name === "lambda" || (c && key && key in c[stage as "adstock" | "saturation"].params)) {
      out[name] = b;
    }
  }
  return out;
}
