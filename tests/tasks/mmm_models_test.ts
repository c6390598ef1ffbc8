/**
 * `mmm fit` with the lasso and the tree models (seeds 003 and 004): each reports holdout and
 * time-series cross-validation scores, and each decomposes by the counterfactual rule (a
 * channel's term is the prediction minus the prediction with that channel's spend at zero).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadFittedModel, type MmmData } from "mixlab";
import { mmm, root } from "./_mmm.ts";

const kinds: [string, Record<string, unknown>][] = [
  ["lasso", {}],
  ["random-forest", { trees: 40 }],
  ["gradient-boosting", { trees: 60 }],
];

for (const [kind, settings] of kinds) {
  Deno.test({
    name: `mmm fit with model.kind "${kind}" scores the holdout and CV folds and decomposes`,
    sanitizeResources: false,
    fn: async () => {
      const dir = await Deno.makeTempDir({ prefix: `mixlab-${kind}-` });
      try {
        const config = JSON.parse(Deno.readTextFileSync(join(root, "data", "demo.config.json")));
        delete config.tuning;
        config.data = join(root, "data", "demo.csv");
        config.model = { kind, ...settings };
        await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(config));
        const r = await mmm(["fit", "--config", join(dir, "config.json"), "--out", dir]);
        assert.equal(r.code, 0, r.stderr);
        const result = JSON.parse(await Deno.readTextFile(join(dir, "result.json")));
        assert.equal(result.model.kind, kind);
        const f = result.fit;
        for (const key of ["r2_holdout", "rmse_holdout", "mae_holdout", "mape_holdout"]) {
          assert.ok(Number.isFinite(f[key]), key);
        }
        assert.equal(f.cv.folds, 4);
        for (const key of ["rmse", "mae", "mape", "r2"]) assert.ok(Number.isFinite(f.cv[key]), key);
        // MAE ≤ RMSE holds for any errors (the mean of |e| is at most the root mean of e²).
        assert.ok(f.mae_holdout <= f.rmse_holdout && f.cv.mae <= f.cv.rmse);
        // The decomposition adds up to the fitted KPI, week by week.
        const d = result.decomposition;
        d.fitted.forEach((y: number, t: number) => {
          let sum = d.baseline[t];
          for (const v of Object.values(d.channels) as number[][]) sum += v[t] as number;
          assert.ok(Math.abs(sum - y) <= 1e-9 * Math.abs(y), `week ${d.dates[t]}`);
        });
        // Counterfactual rule, checked on the saved model.
        const model = loadFittedModel(JSON.parse(await Deno.readTextFile(join(dir, "model.json"))));
        const data = model.data;
        const full = model.predict(data);
        const terms = model.decompose(data).terms;
        for (const c of data.channels) {
          const zeroed: MmmData = {
            ...data,
            channels: data.channels.map((x) =>
              x.name === c.name ? { name: x.name, spend: new Float64Array(x.spend.length) } : x
            ),
          };
          const without = model.predict(zeroed);
          const term = terms.find((t) => t.name === c.name)!;
          term.values.forEach((v, t) => {
            const expected = (full[t] as number) - (without[t] as number);
            assert.ok(Math.abs(v - expected) <= 1e-9 * Math.abs(full[t] as number), c.name);
          });
        }
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}
