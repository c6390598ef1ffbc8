// Feature kinds of a model spec reject what they cannot build with errors that name the key
// (or, for the rows, the column and the level), and round-trip through the spec's JSON.
import assert from "node:assert/strict";
import { ConfigError, defineModelSpec, fitRidge, MmmDataError } from "mixlab";
import { type ModelSpecInput, specFromJSON, specToJSON } from "mixlab/models";
import { flightedSpend, linearChannel, mondays, weekly } from "./_generate.ts";

const base: ModelSpecInput = {
  channels: [linearChannel("tv"), linearChannel("radio")],
  controls: ["promo", "price"],
};

const bad: [string, NonNullable<ModelSpecInput["baseline"]>, RegExp, string][] = [
  ["an unknown key", { lagz: {} } as never, /baseline.lagz is not a known key/, "baseline.lagz"],
  [
    "a lag of 0",
    { lags: { tv: [0] } },
    /must be a whole number of rows from 1 to 104/,
    "baseline.lags.tv[0]",
  ],
  [
    "a lag of an unknown column",
    { lags: { sales: [1] } },
    /must name a channel or control/,
    "baseline.lags.sales",
  ],
  [
    "two channels multiplied",
    { interactions: [["tv", "radio"]] },
    /multiplies two channels/,
    "baseline.interactions[0]",
  ],
  [
    "an interaction that is not a pair",
    { interactions: [["tv"]] as never },
    /must be a pair of names/,
    "baseline.interactions[0]",
  ],
  [
    "an on-air term of a control",
    { zeroSpend: ["promo"] },
    /must name a channel/,
    "baseline.zeroSpend[0]",
  ],
  [
    "a Box-Cox control also in controls",
    { boxCox: { price: "auto" } },
    /already has as it is/,
    "baseline.boxCox.price",
  ],
  [
    "a Box-Cox λ out of range",
    { boxCox: { cost: 9 } },
    /must be a λ from -5 to 5/,
    "baseline.boxCox.cost",
  ],
  [
    "a categorical on a control",
    { categoricals: { promo: null } },
    /a numeric channel or control/,
    "baseline.categoricals.promo",
  ],
  [
    "an empty flag list",
    { eventFlags: { episode: [] } },
    /at least one level/,
    "baseline.eventFlags.episode",
  ],
  [
    "monthOfYear not a boolean",
    { monthOfYear: "yes" as never },
    /must be true or false/,
    "baseline.monthOfYear",
  ],
];

for (const [what, baseline, message, key] of bad) {
  Deno.test(`defineModelSpec() rejects ${what}, naming ${key}`, () => {
    assert.throws(() => defineModelSpec({ ...base, baseline }), (e: unknown) => {
      assert.ok(e instanceof ConfigError, String(e));
      assert.match(e.message, message);
      assert.equal(e.key, key);
      return true;
    });
  });
}

Deno.test("the training rows decide levels: an unknown reference and a new level are errors", () => {
  const dates = mondays(40);
  const season = dates.map((_, t) => (t < 20 ? "S1" : "S2"));
  const data = weekly(
    dates,
    Float64Array.from(dates, (_, t) => 100 + t),
    {
      tv: flightedSpend(40, 1),
    },
    {},
    { season },
  );
  const spec = (reference: string | null) =>
    defineModelSpec({
      channels: [linearChannel("tv")],
      baseline: { trend: "none", yearlyFourier: 0, categoricals: { season: reference } },
    });
  assert.throws(() => fitRidge(data, spec("S9")), (e: unknown) => {
    assert.ok(e instanceof ConfigError && e.key === "baseline.categoricals.season");
    assert.match(e.message, /reference "S9", which the training rows do not have/);
    return true;
  });
  const fit = fitRidge(data, spec(null));
  assert.ok(fit.parameters.some((p) => p.name === "season=S2"));
  const later = { ...data, categories: [{ name: "season", values: season.map(() => "S3") }] };
  assert.throws(() => fit.predict(later), (e: unknown) => {
    assert.ok(e instanceof MmmDataError && e.column === "season");
    assert.match(e.message, /level "S3", which the training rows do not have/);
    return true;
  });
  const noText = { ...data, categories: [] };
  assert.throws(() => fitRidge(noText, spec(null)), /not a text column of the data/);
});

Deno.test("a spec with every feature kind round-trips through JSON", () => {
  const spec = defineModelSpec({
    ...base,
    baseline: {
      trend: "quadratic",
      monthOfYear: true,
      weekOfMonth: true,
      boxCox: { cost: "auto" },
      categoricals: ["season"],
      fixedEffects: ["series"],
      eventFlags: { episode: ["Premiere"] },
      lags: { tv: [1, 2], promo: [1] },
      interactions: [["promo", "tv"]],
      shareOfVoice: { tv: "competitor" },
      totalSpend: true,
      zeroSpend: ["radio"],
    },
  });
  assert.deepEqual(spec.baseline.interactions, [["tv", "promo"]]);
  assert.deepEqual(spec.baseline.categoricals, { season: null });
  assert.deepEqual(specFromJSON(JSON.parse(JSON.stringify(specToJSON(spec)))), spec);
});
