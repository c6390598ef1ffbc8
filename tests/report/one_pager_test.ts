import assert from "node:assert/strict";
import { defineModelSpec, fitRidge, Rng, summarizeModel } from "mixlab";
import { sliceRows } from "mixlab/core";
import { onePager } from "mixlab/report";
import { weeklyDates } from "../_toy_model.ts";

// KPI = 100 + 30·tv_adstocked/(1 + …) simplified: a linear response on two channels plus noise,
// with one channel named like an HTML injection.
const evil = '<script>alert("x")</script>';
const n = 104;
const rng = new Rng(7);
const tv = Float64Array.from({ length: n }, () => 50 + 50 * rng.uniform());
const other = Float64Array.from({ length: n }, () => 20 + 20 * rng.uniform());
const kpi = Float64Array.from(
  { length: n },
  (_, i) => 100 + 2 * tv[i]! + 1 * other[i]! + rng.normal(0, 5),
);
const data = {
  dates: weeklyDates("2022-01-03", n),
  kpi: { name: "sales", values: kpi },
  kpiKind: "revenue" as const,
  channels: [{ name: "tv", spend: tv }, { name: evil, spend: other }],
  controls: [],
};
const spec = defineModelSpec({
  channels: Object.fromEntries(
    ["tv", evil].map((c) => [c, {
      adstock: { kind: "geometric", params: { decay: 0 } },
      saturation: { kind: "identity" },
    }]),
  ),
  baseline: { yearlyFourier: 0, trend: "none" },
});

Deno.test("onePager() renders every section, escapes names and shows holdout metrics", () => {
  const fit = fitRidge(sliceRows(data, 0, 91), spec, { lambda: 0 });
  const summary = summarizeModel(fit, { holdout: sliceRows(data, 91) });
  // a linear truth fitted by OLS: R² well above 0.9 in training and holdout
  assert.ok(summary.metrics.r2Train > 0.9);
  assert.ok(summary.metrics.r2Holdout! > 0.8);
  // ROAS of tv ≈ its true slope 2 (identity transform on spend/scale: contribution = 2·spend)
  assert.ok(Math.abs(summary.returns.channels[0]!.roas.value - 2) < 0.1);
  const html = onePager(summary);
  for (
    const title of [
      "Model fit",
      "What drove the KPI",
      "Return on ad spend",
      "Response curves",
      "Carryover",
      "Diagnostics",
      "How to read this report",
    ]
  ) {
    assert.ok(html.includes(`>${title}</h2>`), title);
  }
  assert.ok(!html.includes("<script"), "no script element, the channel name is text");
  assert.ok(html.includes("&lt;script&gt;"));
  assert.match(html, /R² \(holdout\)/);
  assert.match(html, /MAE \(holdout\)/);
  for (
    const chart of [
      "Residuals against fitted values",
      "Autocorrelation of the residuals",
      "Normal QQ plot of the residuals",
      "Variance inflation of the model",
      "Scatter matrix of the KPI and spend",
    ]
  ) {
    assert.ok(html.includes(chart), chart);
  }
  assert.ok(
    !/https?:\/\//.test(html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, "")),
    "no network references",
  );
});

Deno.test("onePager() links to files beside it, escaped, and refuses absolute addresses", () => {
  const summary = summarizeModel(fitRidge(data, spec, { lambda: 0 }));
  const html = onePager(summary, {
    links: [{ label: "Open the <budget> planner", href: "planner.html?a=1&b=2" }],
  });
  assert.ok(
    html.includes(
      '<a class="action" href="planner.html?a=1&amp;b=2">Open the &lt;budget&gt; planner</a>',
    ),
  );
  for (const href of ["javascript:alert(1)", "https://example.com/x", "//example.com"]) {
    assert.throws(() => onePager(summary, { links: [{ label: "x", href }] }), TypeError);
  }
});
