import { plotObjectiveByTrial, plotParameterDistributions, plotParetoFront } from "mixlab/plot";
import { defineSearchSpace, minimize } from "mixlab/tuning";
import assert from "node:assert/strict";

const space = defineSearchSpace([
  { name: "a", lower: 0, upper: 1 },
  { name: "b", lower: 0, upper: 2 },
  { name: "fixed", lower: 0, upper: 1, fixed: 0.5 },
]);
const search = await minimize(
  {
    objectives: ["f1", "f2"],
    extras: [],
    evaluate(p, out) {
      out[0] = p[0]!;
      out[1] = 1 - p[0]! + (p[1]! - 1) ** 2;
    },
  },
  space,
  { trials: 40, sampler: "random", seed: 2 },
);

const count = (html: string, tag: string) => html.split(`<${tag}`).length - 1;

Deno.test("plotParetoFront() draws every trial, the front and the highlights", () => {
  const chart = plotParetoFront(search, { highlight: [search.front[0]!] });
  // 40 trials + front points + 1 highlight, all as circles
  assert.equal(count(chart.html, "circle"), 40 + search.front.length + 1);
  assert.ok(chart.html.includes(`#${search.front[0]}`));
});

Deno.test("plotObjectiveByTrial() draws one dot per trial", () => {
  assert.equal(count(plotObjectiveByTrial(search, { objective: "f2" }).html, "circle"), 40);
  assert.throws(() => plotObjectiveByTrial(search, { objective: "nope" }), RangeError);
});

Deno.test("plotParameterDistributions() shows the free parameters only", () => {
  const html = plotParameterDistributions(search, { top: 0.25 }).html;
  assert.ok(html.includes(">a<") && html.includes(">b<"));
  assert.ok(!html.includes(">fixed<"));
});
