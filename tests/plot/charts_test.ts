import assert from "node:assert/strict";
import { channelReturns, contributions, forecast, responseCurves, spendPlan } from "mixlab";
import { adstockCurves } from "mixlab/analysis";
import { compareScenarios } from "mixlab/forecast";
import { scaleSpend } from "mixlab/core";
import {
  plotAdstock,
  plotContributions,
  plotCorrelation,
  plotDistributions,
  plotEffectShares,
  plotFit,
  plotForecast,
  plotResponseCurves,
  plotRoas,
  plotScenarios,
  plotSpend,
  plotWaterfall,
} from "mixlab/plot";
import { correlationMatrix } from "mixlab/prep";
import { toyData, toyModel } from "../_toy_model.ts";

const evil = "<script>alert(1)</script>";
const channels = [
  { name: "tv", theta: 0.5, k: 1, shape: 1, beta: 100, scale: 10 },
  { name: evil, theta: 0, k: 1, shape: 2, beta: 40, scale: 5 },
];
const n = 30;
const data = toyData({
  tv: Array.from({ length: n }, (_, i) => 5 + (i % 4) * 5),
  [evil]: Array.from({ length: n }, (_, i) => (i % 3) * 4),
});
const fit = toyModel(data, channels, 20, [0.9, 1, 1.1]);
const d = contributions(fit);
const charts = {
  fit: plotFit({ dates: data.dates, actual: fit.fitted, predicted: fit.fitted, kpiName: "sales" }, {
    holdoutStart: 20,
  }),
  contributions: plotContributions(d, "sales"),
  waterfall: plotWaterfall(d, "sales"),
  shares: plotEffectShares(d, channelReturns(fit)),
  response: plotResponseCurves(responseCurves(fit), { kpiName: "sales" }),
  adstock: plotAdstock(adstockCurves(fit)),
  forecast: plotForecast(fit, forecast(fit, spendPlan(data, { weeks: 4 }))),
  roas: plotRoas(channelReturns(fit), { reference: { label: "truth", values: { tv: 3 } } }),
  scenarios: plotScenarios(
    compareScenarios(fit, {
      base: spendPlan(data, { weeks: 4 }),
      "tv +20%": scaleSpend(spendPlan(data, { weeks: 4 }), { tv: 1.2 }),
    }),
  ),
};

Deno.test("every chart renders with a title and labelled axes", () => {
  for (const [name, chart] of Object.entries(charts)) {
    assert.match(chart.html, /<svg/, name);
    assert.match(chart.html, /<h2>[^<]+<\/h2>/, `${name} has a title`);
    assert.ok(!chart.html.includes("NaN"), `${name} has no NaN coordinates`);
  }
  assert.match(charts.fit.html, /Week/);
  assert.match(charts.fit.html, /holdout/);
  assert.match(charts.response.html, /Weekly spend/);
  assert.match(charts.adstock.html, /Weeks after spend/);
});

Deno.test("channel names are escaped in every chart that shows them", () => {
  for (
    const name of ["contributions", "waterfall", "shares", "response", "adstock", "roas"] as const
  ) {
    const html = charts[name].html;
    assert.ok(!html.includes(evil), `${name} contains the raw name`);
    assert.ok(html.includes("&lt;script&gt;"), `${name} shows the name as text`);
  }
});

Deno.test("EDA charts render outside a browser, names escaped", () => {
  const cols = [
    { name: "sales", values: new Float64Array([1, 2, 3, 5]) },
    { name: evil, values: new Float64Array([2, 1, 4, 3]) },
  ];
  const corr = plotCorrelation(correlationMatrix(cols));
  assert.match(corr.html, /Pearson correlation/);
  assert.match(corr.html, />1\.00</);
  const dist = plotDistributions(cols);
  assert.equal((dist.html.match(/<svg/g) ?? []).length >= 2, true);
  const spend = plotSpend(data, { share: true });
  for (const c of [corr, dist, spend]) {
    assert.ok(!c.html.includes(evil));
    assert.ok(c.html.includes("&lt;script&gt;"));
  }
});

Deno.test("plotRoas() draws an interval per channel when the model has draws", () => {
  const html = charts.roas.html;
  assert.match(html, /ROAS per channel with 90% intervals \(red: truth\)/);
  // the link mark holds one interval path per channel (two channels)
  const links = /<g[^>]*aria-label="link"[^>]*>(.*?)<\/g>/s.exec(html)?.[1] ?? "";
  assert.equal((links.match(/<path/g) ?? []).length, 2);
});
