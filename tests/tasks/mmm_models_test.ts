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
  ["ols", {}],
  ["elasticnet", { lambda: 0.02 }],
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
        assert.equal(result.model.kind, kind === "elasticnet" ? "elastic-net" : kind);
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

Deno.test({
  name: "mmm fit, forecast and optimize run a model with features, text columns included",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "mixlab-features-" });
    try {
      // demo.csv plus a text column (the half-year) and competitors' TV spend
      const lines = Deno.readTextFileSync(join(root, "data", "demo.csv")).trim().split("\n");
      const csv = [
        `${lines[0]},half,competitor_tv,series,episode`,
        ...lines.slice(1).map((l, t) =>
          `${l},${Number(l.slice(5, 7)) <= 6 ? "H1" : "H2"},${1000 + (t * 37) % 500},S${
            1 + (Math.floor(t / 4) % 3)
          },${t % 17 === 0 ? "Premiere" : "regular"}`
        ),
      ].join("\n");
      await Deno.writeTextFile(join(dir, "data.csv"), csv);
      const config = JSON.parse(Deno.readTextFileSync(join(root, "data", "demo.config.json")));
      delete config.tuning;
      config.data = "data.csv";
      config.controls = ["promo", "holiday"];
      config.model = { kind: "ridge", lambda: 0.1 };
      config.crossValidation = { folds: 2 };
      config.seasonality = { yearlyFourier: 1, monthOfYear: true, weekOfMonth: true };
      config.trend = "quadratic";
      config.features = {
        lags: { tv: [1] },
        interactions: [["tv", "promo"]],
        categoricals: { half: "H1" },
        boxCox: { price: "auto" },
        shareOfVoice: { tv: "competitor_tv" },
        zeroSpend: ["search"],
        fixedEffects: ["series"],
        eventFlags: { episode: ["Premiere"] },
        totalSpend: true,
      };
      await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(config));
      const out = join(dir, "fit");
      const r = await mmm(["fit", "--config", join(dir, "config.json"), "--out", out]);
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(await Deno.readTextFile(join(out, "result.json")));
      const d = result.decomposition;
      for (const term of ["half", "price", "series", "episode=Premiere", "seasonality", "trend"]) {
        assert.ok(term in d.terms, `${term} in ${Object.keys(d.terms).join(", ")}`);
      }
      d.fitted.forEach((y: number, t: number) => {
        let sum = d.baseline[t];
        for (const v of Object.values(d.channels) as number[][]) sum += v[t] as number;
        assert.ok(Math.abs(sum - y) <= 1e-9 * Math.abs(y));
      });
      const fc = await mmm([
        "forecast",
        "--result",
        join(out, "result.json"),
        "--weeks",
        "4",
        "--out",
        join(dir, "fc"),
      ]);
      assert.equal(fc.code, 0, fc.stderr);
      const opt = await mmm([
        "optimize",
        "--result",
        join(out, "result.json"),
        "--out",
        join(dir, "o"),
      ]);
      assert.equal(opt.code, 0, opt.stderr);
      // a reference level the data lack: the message names the config's key, not the spec's
      config.features.categoricals = { half: "H9" };
      await Deno.writeTextFile(join(dir, "bad.json"), JSON.stringify(config));
      const bad = await mmm(["fit", "--config", join(dir, "bad.json"), "--out", join(dir, "b")]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /features\.categoricals\.half has reference "H9"/);
      assert.ok(!bad.stderr.includes("baseline."), bad.stderr);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
