/**
 * Tuning a media mix model end to end, the way Robyn does it but fast: search each channel's
 * adstock and saturation parameters and the ridge penalty on time-series cross-validation
 * error, DECOMP.RSSD and (optionally) lift-test calibration; select from the Pareto front by
 * clustering ROAS profiles; refit the chosen model on all data.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { FittedModel, LiftTest, MmmData, ModelSpec } from "../types.ts";
import { expandingWindowSplit, type TimeSplit } from "../analysis/cv.ts";
import { designBasis } from "../models/design_matrix.ts";
import { fitRidge } from "../models/ridge.ts";
import { specWithParams } from "../models/param_key.ts";
import { type Cell, type Table, table } from "../display/table.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import type { Chart } from "../plot/render.ts";
import { minimize, type MinimizeOptions, type SearchResult } from "./minimize.ts";
import { mmmSearchSpace, type MmmSearchSpaceOptions } from "./mmm_search_space.ts";
import type { CvMetric, MmmObjectivePayload } from "./mmm_objective.ts";
import { type ModelSelection, selectModels, type SelectModelsOptions } from "./select_models.ts";
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
   * trains on at least half of it. @default 5
   */
  readonly folds?: number;
  /** Explicit CV splits; replace `folds`. @default undefined */
  readonly splits?: readonly TimeSplit[];
  /** Error measure. @default "nrmse" */
  readonly metric?: CvMetric;
  /**
   * Score the error on time-series CV test folds, or in-sample on all rows (Robyn's default).
   * @default "cv"
   */
  readonly validation?: "cv" | "in-sample";
  /** Add DECOMP.RSSD as an objective (Robyn's second objective). @default true */
  readonly rssd?: boolean;
  /** Lift tests; when given, MAPE.LIFT is an objective. @default [] */
  readonly liftTests?: readonly LiftTest[];
  /** Constrain media coefficients to be ≥ 0. @default true */
  readonly nonNegative?: boolean;
  /** Options of the Robyn-style selection. @default {} */
  readonly selection?: SelectModelsOptions;
}

/** The outcome of {@link tune}: the search, the selection and the refitted model. */
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
  /** The chosen model refitted on all data. */
  readonly model: FittedModel;

  /** Assembles a result; use {@link tune}. */
  constructor(init: {
    search: SearchResult;
    selection: ModelSelection;
    spec: ModelSpec;
    lambda: number;
    model: FittedModel;
  }) {
    this.search = init.search;
    this.selection = init.selection;
    this.params = init.search.trials[init.selection.chosen]?.params ?? {};
    this.spec = init.spec;
    this.lambda = init.lambda;
    this.model = init.model;
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
        `${sel.candidates.length} candidates, best model per cluster`,
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
 * import { defineModelSpec, geometricAdstock, Rng, tune } from "mixlab";
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
  const payload: MmmObjectivePayload = {
    data,
    spec: scaled,
    paramNames: space.names,
    splits,
    metric: options.metric ?? "nrmse",
    validation: options.validation ?? "cv",
    rssd: options.rssd ?? true,
    liftTests,
    nonNegative: options.nonNegative ?? true,
  };
  const source = { module: new URL("./mmm_objective.ts", import.meta.url).href, payload };
  const search = await minimize(source, space, { trials: 2000, ...options });
  if (search.trials.length === 0) {
    throw new ConfigError("Cannot tune: the search stopped before any trial finished", {
      hint: "run longer or check the abort signal",
    });
  }
  const selection = selectModels(search, options.selection ?? {});
  const chosen = search.trials[selection.chosen]?.params ?? {};
  const tuned = specWithParams(scaled, chosen);
  const lambda = chosen.lambda as number;
  const searched = space.params.filter((q) => q.fixed === undefined && q.name !== "lambda");
  const model = fitRidge(data, tuned, {
    lambda,
    nonNegative: payload.nonNegative,
    tuned: searched.map((q) => q.name),
  });
  return new TuneResult({ search, selection, spec: tuned, lambda, model });
}
