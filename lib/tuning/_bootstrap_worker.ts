/**
 * The Web Worker behind parallel bootstrap re-tuning: it runs whole replicate searches (search,
 * selection) in its own thread and returns each replicate's chosen spec and λ. Replicates are
 * independent and seeded by their index, so the results do not depend on how many workers share
 * them.
 *
 * Message in: `{ type: "run", data, space, spec, objective, selection, trials, initial, jobs }`
 * with `jobs` = `[{ index, kpi, seed }]`. Messages out: `{ type: "result", index, spec, lambda }`
 * per job, then `{ type: "done" }`; `{ type: "error", message }` on failure.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import type { MmmData, ModelSpec } from "../types.ts";
import { defineSearchSpace, type ParamDef } from "./search_space.ts";
import { differentialEvolutionSampler } from "./differential_evolution_sampler.ts";
import { searchAndSelect, type TuneSettings } from "./search_and_select.ts";
import type { SelectModelsOptions } from "./select_models.ts";

interface RunMessage {
  readonly type: "run";
  readonly data: MmmData;
  readonly space: readonly ParamDef[];
  readonly spec: ModelSpec;
  readonly objective: TuneSettings["objective"];
  readonly selection: SelectModelsOptions;
  readonly trials: number;
  readonly initial: readonly Float64Array[];
  readonly jobs: readonly {
    readonly index: number;
    readonly kpi: Float64Array;
    readonly seed: number;
  }[];
}

self.onmessage = async (event: MessageEvent) => {
  const msg = event.data as RunMessage;
  try {
    const settings: TuneSettings = {
      space: defineSearchSpace(msg.space),
      spec: msg.spec,
      objective: msg.objective,
      selection: msg.selection,
    };
    for (const job of msg.jobs) {
      const data: MmmData = { ...msg.data, kpi: { name: msg.data.kpi.name, values: job.kpi } };
      const run = await searchAndSelect(data, settings, {
        trials: msg.trials,
        seed: job.seed,
        workers: 0,
        sampler: (d) => differentialEvolutionSampler(d, { seed: job.seed, initial: msg.initial }),
      });
      self.postMessage({ type: "result", index: job.index, spec: run.spec, lambda: run.lambda });
    }
    self.postMessage({ type: "done" });
  } catch (e) {
    self.postMessage({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
};
