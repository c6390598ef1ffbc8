/**
 * One tuning search and its selection: search `data` with given settings, select a candidate,
 * refit it on all of `data` with the guardrails run and a warning for each parameter left on its
 * bound. The body of `tune`, reused by the bootstrap (on resampled KPIs, in this thread or on
 * Web Workers).
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { MmmData, ModelSpec } from "../types.ts";
import { fitRidge } from "../models/ridge.ts";
import type { LinearModel } from "../models/linear_model.ts";
import { specWithParams } from "../models/param_key.ts";
import { boundDiagnostics } from "../guardrails/guardrails.ts";
import { searchedParams } from "./_searched_params.ts";
import { minimize, type MinimizeOptions, type SearchResult } from "./minimize.ts";
import type { SearchSpace } from "./search_space.ts";
import type { MmmObjectivePayload } from "./mmm_objective.ts";
import { type ModelSelection, selectModels, type SelectModelsOptions } from "./select_models.ts";

/** How a tuning run scored and selected candidates: enough to run it again on other data. */
export interface TuneSettings {
  /** The searched space. */
  readonly space: SearchSpace;
  /** The spec with the scales used in tuning (transform parameters are searched). */
  readonly spec: ModelSpec;
  /** The evaluator's settings, without the data. */
  readonly objective: Omit<MmmObjectivePayload, "data" | "spec" | "paramNames">;
  /** The selection's options. */
  readonly selection: SelectModelsOptions;
}

/**
 * Runs a tuning search on `data` with the given settings, selects a candidate and refits it on
 * all of `data`: the body of {@link tune}, reused by the bootstrap (which runs it on resampled
 * KPIs, warm-started from the original search).
 */
export async function searchAndSelect(
  data: MmmData,
  settings: TuneSettings,
  options: MinimizeOptions,
): Promise<{
  search: SearchResult;
  selection: ModelSelection;
  spec: ModelSpec;
  lambda: number;
  model: LinearModel;
}> {
  const { space, spec } = settings;
  const payload: MmmObjectivePayload = {
    data,
    spec,
    paramNames: space.names,
    ...settings.objective,
  };
  const source = { module: new URL("./mmm_objective.ts", import.meta.url).href, payload };
  const search = await minimize(source, space, options);
  if (search.trials.length === 0) {
    throw new ConfigError("Cannot tune: the search stopped before any trial finished", {
      hint: "run longer or check the abort signal",
    });
  }
  const selection = selectModels(search, settings.selection);
  const chosen = search.trials[selection.chosen]?.params ?? {};
  const tuned = specWithParams(spec, chosen);
  const lambda = chosen.lambda as number;
  const limits = settings.objective.limits ?? {};
  const searched = space.params.filter((q) => q.fixed === undefined && q.name !== "lambda");
  const fit = fitRidge(data, tuned, {
    lambda,
    nonNegative: settings.objective.nonNegative,
    guardrails: limits,
    tuned: searched.map((q) => q.name),
  });
  const onBound = boundDiagnostics(searchedParams(space.params, chosen, tuned));
  const model = onBound.length === 0 ? fit : fit.withDiagnostics(onBound);
  return { search, selection, spec: tuned, lambda, model };
}
