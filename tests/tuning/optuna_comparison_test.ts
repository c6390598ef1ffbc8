import { defineModelSpec, loadCsv, tune } from "mixlab";
import { expandingWindowSplit } from "mixlab/analysis";
import assert from "node:assert/strict";

const CHANNELS = ["tv", "radio", "social", "search", "display"];
// Best CV NRMSE of Optuna 3.1's TPESampler(seed=1) driving scikit-learn 1.2's Ridge over the
// same space after 1,000 trials, printed by tests/fixtures/reference/tuning_optuna.py
const OPTUNA_BEST_SEED_1 = 0.06979;

Deno.test("tune() with TPE reaches Optuna's best CV error on data/demo in 1,000 trials", async () => {
  const data = await loadCsv(new URL("../../data/demo.csv", import.meta.url).pathname, {
    columns: {
      date: "date",
      kpi: "revenue",
      channels: CHANNELS.map((name) => ({ name, spend: `${name}_spend` })),
      controls: ["price", "promo", "holiday"],
    },
  });
  const spec = defineModelSpec({ channels: CHANNELS, controls: ["price", "promo", "holiday"] });
  const r = await tune(data, spec, {
    trials: 1000,
    seed: 1,
    sampler: "tpe",
    validation: "cv", // Optuna's objective is the CV error; tune()'s default is in-sample
    rssd: false,
    nonNegative: false,
    splits: expandingWindowSplit(data.dates.length, { nSplits: 5, testSize: 15 }),
  });
  const best = Math.min(...r.search.trials.map((t) => t.values[0]!));
  assert.ok(best <= OPTUNA_BEST_SEED_1, `mixlab ${best} vs Optuna ${OPTUNA_BEST_SEED_1}`);
});
