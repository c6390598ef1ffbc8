/**
 * Steps of the seed projects' workflows that the command line runs and no other CLI test covers
 * (README "Seed workflows"): seed 000's Optuna-style search (TPE on the lowest MSE) after
 * cleaning, seeds 002 and 004's "+20% on one channel" scenario, and seed 004's two-stage
 * mediation with search as the mediator.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { mmm, root } from "./_mmm.ts";

Deno.test({
  name: "seed 000: clean, tune by TPE on MSE, ridge, charts; then +20% TV as a forecast scenario",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "mixlab-seed000-" });
    try {
      const config = JSON.parse(
        Deno.readTextFileSync(join(root, "data", "flighting.config.json")),
      );
      config.data = join(root, "data", "flighting.csv");
      config.tuning = { strategy: "tpe", trials: 300, objectives: ["mse"], folds: 3 };
      config.crossValidation = { folds: 2, rolling: false };
      await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(config));
      const out = join(dir, "fit");
      const r = await mmm(["fit", "--config", join(dir, "config.json"), "--out", out, "--quiet"]);
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(await Deno.readTextFile(join(out, "result.json")));
      assert.equal(result.model.kind, "ridge");
      assert.ok(result.fit.r2_holdout > 0.5, `holdout R² ${result.fit.r2_holdout}`);
      assert.ok(result.data_quality.changes.length >= 5, "cleaned: 4 interpolated weeks, 1 capped");
      const html = await Deno.readTextFile(join(out, "report.html"));
      for (const title of ["Tuning", "What drove the KPI", "Response curves", "Diagnostics"]) {
        assert.ok(html.includes(`>${title}</h2>`), title);
      }
      // the tuning section says how tv's and search's families were chosen, and how far the
      // bootstrap intervals can be trusted
      assert.ok(html.includes("Families per channel"), "families table");
      assert.ok(html.includes("How far to trust the 90% intervals"), "interval caveat");
      for (
        const chart of ["Scatter matrix of the KPI and spend", "Residuals against fitted values"]
      ) {
        assert.ok(html.includes(chart), chart);
      }
      const totals: number[] = [];
      for (const change of ["tv=1", "tv=1.2"]) {
        const fc = join(dir, `fc-${change}`);
        const f = await mmm([
          "forecast",
          "--result",
          join(out, "result.json"),
          "--weeks",
          "13",
          "--change",
          change,
          "--out",
          fc,
        ]);
        assert.equal(f.code, 0, f.stderr);
        const forecast = JSON.parse(await Deno.readTextFile(join(fc, "forecast.json")));
        totals.push(forecast.mean.reduce((a: number, b: number) => a + b, 0));
      }
      assert.ok(totals[1]! > totals[0]!, "20% more TV forecasts more revenue");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "seed 004: two-stage mediation with search as the mediator, from the config",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "mixlab-seed004-" });
    try {
      const social = ["facebook", "tiktok", "snapchat"];
      const config = {
        data: join(root, "data", "mediation.csv"),
        kpi: "revenue",
        channels: Object.fromEntries(
          [...social, "google_search"].map((c) => [c, { spend: `${c}_spend` }]),
        ),
        controls: ["price", "promo", "holiday"],
        model: { kind: "ridge", lambda: 0.1 },
        mediation: { mediator: "google_search", upstream: social },
        crossValidation: { folds: 0, rolling: false },
      };
      await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(config));
      const out = join(dir, "fit");
      const r = await mmm(["fit", "--config", join(dir, "config.json"), "--out", out, "--quiet"]);
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(await Deno.readTextFile(join(out, "result.json")));
      assert.ok(result.mediation, "result.json has the mediation effects");
      const html = await Deno.readTextFile(join(out, "report.html"));
      assert.ok(html.includes(">Mediation</h2>"));
      for (const channel of social) assert.ok(JSON.stringify(result.mediation).includes(channel));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
