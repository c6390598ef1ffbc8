import assert from "node:assert/strict";
import { optimizeBudget } from "mixlab";
import { roasLpAllocation } from "mixlab/optimize";
import { plotAllocation, plotAllocationCurves, plotLift } from "mixlab/plot";

const a = [1.5, 2, 2.5], b = [1.2, 0.8, 1];
const tv = a.map((v) => (x: number) => v * Math.log1p(x));
const radio = b.map((v) => (x: number) => v * Math.log1p(x));
const channels = [
  { name: "tv", currentSpend: 5, response: tv[1]!, draws: tv },
  { name: "radio & <print>", currentSpend: 5, response: radio[2]!, draws: radio },
];
const plan = optimizeBudget(channels, { budget: 10 });

Deno.test("plotAllocation() labels spend with its unit and escapes channel names", () => {
  const html = plotAllocation(plan, { currency: "EUR" }).html;
  assert.ok(html.includes("Spend per period (EUR)"));
  assert.ok(html.includes("radio &amp; &lt;print&gt;"));
  assert.ok(!html.includes("<print>"));
});

Deno.test("plotAllocationCurves() marks current and recommended spend on each curve", () => {
  const html = plotAllocationCurves(plan, channels, { kpiName: "sales" }).html;
  assert.ok(html.includes("sales per period"));
  assert.ok(html.includes("current") && html.includes("recommended"));
  // one polyline per channel
  assert.equal((html.match(/<path/g) ?? []).length >= 2, true);
});

Deno.test("plotLift() shows each plan and the interval of a plan with draws", () => {
  const html = plotLift([plan, roasLpAllocation(channels, { budget: 10 })]).html;
  assert.ok(html.includes("lp") && html.includes("roas-lp"));
  assert.ok(html.includes("Lift in KPI per period"));
});
