/**
 * `mmm fit` with `mediation`: the mediation in result.json is fitted with the KPI model's
 * fitted spec (tuned transform parameters), not the config's untuned one.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadFittedModel, modelSpecFromConfig, parseMmmConfig } from "mixlab";
import { fitMediation } from "mixlab/mediation";
import { mmm, root } from "./_mmm.ts";

Deno.test("mmm fit fits mediation with the tuned spec of the model it saves", async () => {
  const dir = await Deno.makeTempDir({ prefix: "mixlab-mediation-" });
  await Deno.copyFile(join(root, "data", "demo.csv"), join(dir, "data.csv"));
  const config = {
    data: "data.csv",
    kpi: "revenue",
    channels: Object.fromEntries(
      ["tv", "radio", "social", "search", "display"].map((c) => [c, { spend: `${c}_spend` }]),
    ),
    controls: ["price", "promo", "holiday"],
    model: { kind: "ridge" },
    tuning: { strategy: "random", trials: 24, objectives: ["nrmse"], folds: 2 },
    holdoutWeeks: 0,
    mediation: { mediator: "search", upstream: ["social"] },
    seed: 7,
  };
  await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(config));
  const out = join(dir, "out");
  const run = await mmm(["fit", "--config", join(dir, "config.json"), "--out", out, "--quiet"]);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(await Deno.readTextFile(join(out, "result.json")));
  const model = loadFittedModel(JSON.parse(await Deno.readTextFile(join(out, "model.json"))));
  const options = { mediator: "search", upstream: ["social"], seed: 7 };
  const expected = fitMediation(model.data, { ...options, model });
  assert.deepEqual(result.mediation, JSON.parse(JSON.stringify(expected.toJSON())));
  // the tuned spec matters: the config's untuned spec gives another mediation
  const untuned = modelSpecFromConfig(parseMmmConfig(config), model.data);
  assert.notDeepEqual(
    model.spec.channels.map((c) => c.adstock.params),
    untuned.channels.map((c) => c.adstock.params),
  );
  const before = fitMediation(model.data, { ...options, spec: untuned });
  assert.notDeepEqual(result.mediation, JSON.parse(JSON.stringify(before.toJSON())));
  await Deno.remove(dir, { recursive: true });
});
