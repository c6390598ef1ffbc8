/**
 * Loading a saved Bayesian fit (the output of `BayesFit.toJSON()`) without resampling.
 *
 * @module
 */
import { ConfigError } from "../../errors.ts";
import type { MmmData } from "../../types.ts";
import { specFromJSON } from "../model_spec.ts";
import { dataFromJSON } from "../data_json.ts";
import { BayesFit } from "./bayes_fit.ts";
import type { BayesModelJson } from "./bayes_fit_parts.ts";

/**
 * Rebuilds a {@link BayesFit} from its `toJSON()` output (draws are kept; nothing is resampled).
 *
 * @param json The parsed JSON of a saved Bayesian fit.
 * @returns The fit, equal in draws, summary and predictions to the saved one.
 * @throws {ConfigError} When the JSON is not a saved Bayesian mixlab model.
 *
 * @example Round trip through JSON text
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { fitBayes, loadBayesModel } from "mixlab/models/bayes/mod.ts";
 * import assert from "node:assert/strict";
 * const n = 20;
 * const dates = Array.from({ length: n }, (_, i) =>
 *   new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spend = Float64Array.from({ length: n }, (_, i) => 1 + (i % 4));
 * const data = {
 *   dates, kpiKind: "revenue" as const,
 *   kpi: { name: "sales", values: spend.map((s, i) => 5 + s + Math.cos(i)) },
 *   channels: [{ name: "tv", spend }], controls: [],
 * };
 * const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0, trend: "none" } });
 * const fit = fitBayes(data, spec, { chains: 2, warmup: 60, draws: 20, fixTransforms: true });
 * const back = loadBayesModel(JSON.parse(JSON.stringify(fit)));
 * assert.deepEqual(back.predict(data, { draw: 5 }), fit.predict(data, { draw: 5 }));
 * ```
 */
export function loadBayesModel(json: unknown): BayesFit {
  const j = json as Partial<BayesModelJson> | null;
  if (j === null || typeof j !== "object" || j.format !== "mixlab.bayes-model" || j.version !== 1) {
    throw new ConfigError("Cannot load model: not a mixlab.bayes-model version 1 object", {
      key: "format",
      hint: "pass the parsed JSON of a Bayesian fit's toJSON()",
    });
  }
  const params = j.parameters, draws = j.draws, chains = j.chains;
  if (
    !Array.isArray(params) || params.length === 0 || !Array.isArray(draws) ||
    typeof chains !== "number" || !(chains >= 1) ||
    draws.length % (params.length * chains) !== 0 || j.sampler === undefined ||
    typeof j.level !== "number"
  ) {
    throw new ConfigError("Cannot load model: the saved draws or parameters are malformed", {
      key: "draws",
      hint: "pass the parsed JSON of a Bayesian fit's toJSON(), unchanged",
    });
  }
  let data: MmmData;
  try {
    data = dataFromJSON(j.data);
  } catch (cause) {
    throw new ConfigError("Cannot load model: the saved training data is malformed", {
      key: "data",
      hint: "pass the parsed JSON of a Bayesian fit's toJSON(), unchanged",
    }, { cause });
  }
  return new BayesFit({
    data,
    spec: specFromJSON(j.spec),
    level: j.level,
    parameters: params.map((p) => ({ ...p })),
    draws: Float64Array.from(draws),
    chains,
    sampler: { ...j.sampler, stepSizes: [...j.sampler.stepSizes] },
    ...(Array.isArray(j.liftTests) ? { liftTests: j.liftTests.map((t) => ({ ...t })) } : {}),
    ...(Array.isArray(j.priors) ? { priors: j.priors.map((p) => ({ ...p })) } : {}),
    ...(Array.isArray(j.warnings) ? { warnings: j.warnings.map((w) => ({ ...w })) } : {}),
  });
}
