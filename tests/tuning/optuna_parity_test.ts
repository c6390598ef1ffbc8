import { defineModelSpec, loadCsv } from "mixlab";
import { expandingWindowSplit } from "mixlab/analysis";
import { designBasis } from "mixlab/models";
import { createEvaluator, mmmSearchSpace } from "mixlab/tuning";
import assert from "node:assert/strict";

const CHANNELS = ["tv", "radio", "social", "search", "display"];

Deno.test("createEvaluator() gives scikit-learn's CV NRMSE on data/demo at a fixed point", async () => {
  const data = await loadCsv(new URL("../../data/demo.csv", import.meta.url).pathname, {
    columns: {
      date: "date",
      kpi: "revenue",
      channels: CHANNELS.map((name) => ({ name, spend: `${name}_spend` })),
      controls: ["price", "promo", "holiday"],
    },
  });
  const spec = designBasis(
    data,
    defineModelSpec({ channels: CHANNELS, controls: ["price", "promo", "holiday"] }),
  ).spec;
  const space = mmmSearchSpace(spec);
  const ev = createEvaluator({
    data,
    spec,
    paramNames: space.names,
    splits: expandingWindowSplit(data.dates.length, { nSplits: 5, testSize: 15 }),
    metric: "nrmse",
    validation: "cv",
    rssd: false,
    liftTests: [],
    nonNegative: false,
  });
  const decay = [0.6, 0.3, 0.5, 0.1, 0.4],
    half = [2.5, 1.8, 1, 1.5, 2],
    shape = [1.5, 1, 2, 1, 1.2];
  const value: Record<string, number> = { lambda: 0.5 };
  CHANNELS.forEach((c, j) => {
    value[`${c}.adstock.decay`] = decay[j]!;
    value[`${c}.saturation.halfSaturation`] = half[j]!;
    value[`${c}.saturation.shape`] = shape[j]!;
  });
  const out = new Float64Array(ev.objectives.length + ev.extras.length);
  ev.evaluate(Float64Array.from(space.names.map((n) => value[n]!)), out);
  // StandardScaler + Ridge(alpha=0.5) per TimeSeriesSplit(5, test_size=15) fold, printed by
  // tests/fixtures/reference/tuning_optuna.py ("fixed point cv nrmse")
  assert.ok(Math.abs(out[0]! - 0.113186008013) < 1e-9, `got ${out[0]}`);
});
