import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { plannerPage, type PlannerSetup } from "mixlab/planner/mod.ts";
import { jsonForScript } from "../../lib/_internal/html.ts";

const hostile = [
  "</script><script>alert(1)</script>",
  "<!--",
  "<script>",
  `"quotes' & amp;`,
  "line\u2028para\u2029",
  "</SCRIPT >",
];

Deno.test("jsonForScript() writes no character that HTML reads inside a script element", () => {
  const value = { names: hostile, nested: { [hostile[0]!]: 1 } };
  const text = jsonForScript(value);
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(text), value);
});

Deno.test("plannerPage() keeps hostile names in their elements and as text", () => {
  const setup: PlannerSetup = {
    version: 1,
    title: hostile[0]!,
    source: hostile[1]!,
    kpi: { name: hostile[3]!, kind: "revenue" },
    basisWeeks: 13,
    horizon: 13,
    historyWeeks: 26,
    channels: hostile.map((name) => ({ name, today: 1, cap: 3, spend: [0, 3], response: [0, 1] })),
  };
  const model = { format: "mixlab.linear-model", names: hostile };
  const html = plannerPage({ setup, model, script: "/* app */", subtitle: hostile[4]! });
  const { document } = parseHTML(html);
  const scripts = [...document.querySelectorAll("script")];
  assert.deepEqual(
    scripts.map((s) => s.getAttribute("type") ?? "classic"),
    ["classic", "application/json", "application/json", "module"],
  );
  assert.deepEqual(JSON.parse(scripts[1]!.textContent!), setup);
  assert.deepEqual(JSON.parse(scripts[2]!.textContent!), model);
  assert.equal(scripts[3]!.textContent, "/* app */");
  assert.equal(document.querySelector("title")!.textContent, hostile[0]);
  assert.equal(document.querySelector("h1")!.textContent, hostile[0]);
  assert.equal(document.querySelector("header p")!.textContent, hostile[4]);
  // nothing to load: a policy that allows no source, and no src or href attributes
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.equal(document.querySelectorAll("[src], [href]").length, 0);
});
