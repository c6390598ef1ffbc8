import assert from "node:assert/strict";
import { ConfigError, parseMmmConfig } from "mixlab";

const base = {
  data: "demo.csv",
  kpi: "revenue",
  channels: { tv: {}, search: { spend: "search_spend" } },
};

Deno.test("parseMmmConfig() fills every default and freezes the result", () => {
  const c = parseMmmConfig(base);
  assert.equal(c.date, "date");
  assert.equal(c.kpiKind, "revenue");
  assert.deepEqual(c.channels.map((ch) => [ch.name, ch.spend]), [["tv", "tv"], [
    "search",
    "search_spend",
  ]]);
  assert.equal(c.channels[0]!.adstock.kind, "geometric");
  assert.equal(c.channels[0]!.type, undefined);
  const typed = parseMmmConfig({ ...base, channels: { tv: { type: "tv" } } });
  assert.equal(typed.channels[0]!.type, "tv");
  assert.equal(c.channels[0]!.saturation.kind, "hill");
  assert.equal(c.yearlyFourier, 2);
  assert.equal(c.trend, "linear");
  assert.equal(c.holdoutWeeks, 13);
  assert.equal(c.model.kind, "ridge");
  assert.equal(c.model.nonNegative, true);
  assert.equal(c.tuning, undefined);
  assert.equal(c.seed, 42);
  assert.deepEqual(c.crossValidation, { folds: 4, weeks: 13, rolling: true });
  const bayes = parseMmmConfig({ ...base, model: { kind: "bayes" } });
  assert.deepEqual([bayes.crossValidation.folds, bayes.crossValidation.rolling], [0, false]);
  assert.deepEqual(c.cleaning, {
    missing: { kpi: "error", spend: "error", controls: "error" },
    duplicates: "error",
    nullValues: [],
  });
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.channels[0]));
  const t = parseMmmConfig({ ...base, tuning: true });
  assert.deepEqual(t.tuning, {
    strategy: "differential-evolution",
    trials: 10000,
    objectives: ["nrmse"],
    folds: 5,
    validation: "in-sample",
    families: {
      adstock: ["geometric", "weibull-pdf"],
      saturation: ["hill", "logistic"],
      trials: 200,
    },
  });
  assert.deepEqual(c.bootstrap, { replicates: 100, trials: 1000 });
  assert.deepEqual(t.bootstrap, { replicates: 30, trials: 1000 });
  assert.deepEqual(c.channels[0]!.given, { adstock: false, saturation: false });
  assert.deepEqual(c.guardrails, {});
  const g = parseMmmConfig({ ...base, guardrails: { creditRatio: 0.75, intervalRatio: 3 } });
  assert.deepEqual(g.guardrails, { creditRatio: 0.75, intervalRatio: 3 });
});

const bad: [string, unknown, RegExp][] = [
  [
    "a prior with a bad parameter",
    { ...base, model: { kind: "bayes", priors: { "tv.roas": { dist: "lognormal", mu: 0 } } } },
    /"model.priors.tv.roas"/,
  ],
  [
    "a lift test without its standard error",
    {
      ...base,
      calibration: {
        liftTests: [{ channel: "tv", start: "2024-01-01", end: "2024-01-29", lift: 5 }],
      },
    },
    /"calibration.liftTests\[0\].standardError" is required/,
  ],
  [
    "a lift test on an unknown channel",
    {
      ...base,
      calibration: {
        liftTests: [{
          channel: "radio",
          start: "2024-01-01",
          end: "2024-01-29",
          lift: 5,
          standardError: 1,
        }],
      },
    },
    /"calibration.liftTests\[0\].channel" must be one of the channels/,
  ],
  [
    "a lift test that ends before it starts",
    {
      ...base,
      calibration: {
        liftTests: [{
          channel: "tv",
          start: "2024-02-01",
          end: "2024-01-29",
          lift: 5,
          standardError: 1,
        }],
      },
    },
    /"calibration.liftTests\[0\].end" must not be before start/,
  ],
  ["not an object", [1, 2], /must be an object/],
  ["missing data", { kpi: "y", channels: { tv: {} } }, /"data" is required/],
  ["missing kpi", { data: "x.csv", channels: { tv: {} } }, /"kpi" is required/],
  ["no channels", { ...base, channels: {} }, /"channels" must name at least one channel/],
  ["unknown top key", { ...base, colour: "red" }, /"colour" is not a known key/],
  [
    "unknown channel key",
    { ...base, channels: { tv: { spnd: "x" } } },
    /"channels.tv.spnd" is not a known key/,
  ],
  [
    "bad kpi kind",
    { ...base, kpi: { column: "y", kind: "profit" } },
    /"kpi.kind" must be one of "revenue", "conversions"/,
  ],
  ["bad model kind", { ...base, model: { kind: "xgboost" } }, /"model.kind" must be one of/],
  ["negative lambda", { ...base, model: { lambda: -1 } }, /"model.lambda" must be a number from 0/],
  [
    "fractional trials",
    { ...base, tuning: { trials: 10.5 } },
    /"tuning.trials" must be a whole number/,
  ],
  [
    "bad objective",
    { ...base, tuning: { objectives: ["mae"] } },
    /"tuning.objectives\[0\]" must be one of/,
  ],
  [
    "bad holiday date",
    { ...base, holidays: { xmas: ["25/12/2024"] } },
    /"holidays.xmas\[0\]" must be an ISO date/,
  ],
  [
    "mediator not a channel",
    { ...base, mediation: { mediator: "google", upstream: ["tv"] } },
    /"mediation.mediator" must be one of the channels/,
  ],
  [
    "bounds reversed",
    { ...base, channels: { tv: { bounds: { decay: [0.8, 0.2] } } } },
    /"channels.tv.bounds.decay" must have lower < upper/,
  ],
  [
    "bad trend",
    { ...base, trend: "cubic" },
    /"trend" must be one of "none", "linear", "quadratic"/,
  ],
  ["negative seed", { ...base, seed: -3 }, /"seed" must be a whole number from 0/],
  [
    "two CV errors",
    { ...base, tuning: { objectives: ["nrmse", "mse"] } },
    /"tuning.objectives" must hold exactly one of "nrmse", "mse"/,
  ],
  [
    "a tree setting on a linear model",
    { ...base, model: { kind: "ridge", trees: 100 } },
    /"model.trees" does not apply to model.kind "ridge"/,
  ],
  [
    "a learning rate on a random forest",
    { ...base, model: { kind: "random-forest", learningRate: 0.1 } },
    /"model.learningRate" does not apply to model.kind "random-forest"/,
  ],
  [
    "one cross-validation fold",
    { ...base, crossValidation: { folds: 1 } },
    /"crossValidation.folds" must be 0 \(no cross-validation\) or at least 2/,
  ],
  [
    "a lag of an unknown column",
    { ...base, features: { lags: { sales: [1] } } },
    /features.lags.sales must name a channel or control/,
  ],
  [
    "an unknown feature key",
    { ...base, features: { lagz: {} } },
    /"features.lagz" is not a known key/,
  ],
  [
    "monthOfYear that is not a boolean",
    { ...base, seasonality: { monthOfYear: 1 } },
    /seasonality.monthOfYear must be true or false/,
  ],
  [
    "lags of a channel with tuning",
    { ...base, tuning: true, features: { lags: { tv: [1] } } },
    /"features.lags" adds columns to channels, which tuning does not support yet/,
  ],
  [
    "an on-air term with a Bayesian model",
    { ...base, model: { kind: "bayes" }, features: { zeroSpend: ["tv"] } },
    /"features.zeroSpend" adds columns to channels, which model.kind "bayes" does not support/,
  ],
  [
    "an unknown cleaning key",
    { ...base, cleaning: { missing_kpi: "interpolate" } },
    /"cleaning.missing_kpi" is not a known key/,
  ],
  [
    "a bad missing-KPI policy",
    { ...base, cleaning: { missing: { kpi: "mean" } } },
    /"cleaning.missing.kpi" must be one of "error", "interpolate", "forward-fill", "zero", "drop"/,
  ],
  [
    "a bad duplicate rule",
    { ...base, cleaning: { duplicates: "keep" } },
    /"cleaning.duplicates" must be one of "error", "first"/,
  ],
  [
    "an outlier column that is not mapped",
    { ...base, cleaning: { outliers: { columns: ["revenue", "price"] } } },
    /"cleaning.outliers.columns\[1\]" must be the KPI, a spend or a control column, got "price"/,
  ],
  [
    "a bad outlier action",
    { ...base, cleaning: { outliers: { action: "delete" } } },
    /"cleaning.outliers.action" must be one of "flag", "winsorize", "dummy"/,
  ],
  [
    "a zero outlier threshold",
    { ...base, cleaning: { outliers: { threshold: 0 } } },
    /"cleaning.outliers.threshold" must be a number from/,
  ],
  [
    "an unknown channel type",
    { ...base, channels: { tv: { type: "podcast" } } },
    /"channels.tv.type" must be one of "tv"/,
  ],
  [
    "reversed media share range",
    { ...base, guardrails: { mediaShare: [0.7, 0.2] } },
    /"guardrails.mediaShare" must have lower <= upper/,
  ],
  [
    "media share above 1",
    { ...base, guardrails: { mediaShare: [0, 1.5] } },
    /"guardrails.mediaShare\[1\]" must be a number from 0 to 1/,
  ],
  [
    "a credit ratio of 0",
    { ...base, guardrails: { creditRatio: 0 } },
    /"guardrails.creditRatio" must be a number above 0 and at most guardrails.shareRatio \(2\), got 0/,
  ],
  [
    "a credit ratio above the share ratio",
    { ...base, guardrails: { shareRatio: 3, creditRatio: 3.5 } },
    /"guardrails.creditRatio" must be a number above 0 and at most guardrails.shareRatio \(3\), got 3.5/,
  ],
  [
    "a credit ratio that is not a number",
    { ...base, guardrails: { creditRatio: "0.9" } },
    /"guardrails.creditRatio" must be a number above 0/,
  ],
  [
    "unknown guardrail",
    { ...base, guardrails: { roi: [0, 5] } },
    /"guardrails.roi" is not a known key/,
  ],
  [
    "bootstrap on a Bayesian fit",
    { ...base, model: { kind: "bayes" }, bootstrap: true },
    /"bootstrap" does not apply to Bayesian fits/,
  ],
  [
    "one replicate",
    { ...base, bootstrap: { replicates: 1 } },
    /"bootstrap.replicates" must be a whole number from 2/,
  ],
  [
    "unknown validation",
    { ...base, tuning: { validation: "holdout" } },
    /"tuning.validation" must be one of "in-sample", "cv"/,
  ],
];

for (const [what, config, message] of bad) {
  Deno.test(`parseMmmConfig() rejects a config with ${what}, naming the key`, () => {
    assert.throws(() => parseMmmConfig(config), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, message);
      return true;
    });
  });
}

Deno.test("parseMmmConfig() reads a cleaning section; outliers default to the KPI column", () => {
  const c = parseMmmConfig({
    ...base,
    cleaning: {
      missing: { kpi: "interpolate", spend: "zero" },
      duplicates: "sum",
      outliers: { method: "robust-z", action: "winsorize" },
      nullValues: ["n/a"],
      numberFormat: { thousands: "," },
    },
  });
  assert.deepEqual(c.cleaning, {
    missing: { kpi: "interpolate", spend: "zero", controls: "error" },
    duplicates: "sum",
    nullValues: ["n/a"],
    outliers: { method: "robust-z", action: "winsorize", columns: ["revenue"] },
    numberFormat: { thousands: "," },
  });
});

Deno.test("parseMmmConfig() reads model features and calendar seasonality as the spec's keys", () => {
  const c = parseMmmConfig({
    ...base,
    controls: ["promo"],
    seasonality: { yearlyFourier: 1, monthOfYear: true },
    features: {
      lags: { tv: [1, 2] },
      interactions: [["promo", "tv"]],
      categoricals: ["season"],
      boxCox: { price: "auto" },
    },
  });
  assert.deepEqual(c.calendar, { monthOfYear: true });
  assert.deepEqual(c.features, {
    lags: { tv: [1, 2] },
    interactions: [["tv", "promo"]],
    categoricals: { season: null },
    boxCox: { price: "auto" },
  });
  // Control lags and control interactions are fine with tuning: they do not depend on media.
  const tuned = parseMmmConfig({
    ...base,
    controls: ["promo", "price"],
    tuning: true,
    features: { lags: { price: [1] }, interactions: [["price", "promo"]] },
  });
  assert.deepEqual(tuned.features.lags, { price: [1] });
});
