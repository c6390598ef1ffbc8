import assert from "node:assert/strict";
import { optimizeBudget } from "mixlab";

const channels = [
  { name: "<b>tv</b>", currentSpend: 4, response: (x: number) => 2 * Math.log1p(x) },
  { name: "radio", currentSpend: 4, response: (x: number) => Math.log1p(x) },
];

Deno.test("AllocationResult displays an escaped HTML table and plain text", () => {
  const plan = optimizeBudget(channels, { budget: 8 });
  const display = plan[Symbol.for("Jupyter.display") as never] as unknown as () => Record<
    string,
    string
  >;
  const bundle = display.call(plan);
  assert.ok(bundle["text/html"]!.includes("&lt;b&gt;tv&lt;/b&gt;"));
  assert.ok(!bundle["text/html"]!.includes("<b>tv</b>"));
  assert.ok(bundle["text/plain"]!.includes("radio"));
  assert.equal(String(plan), "[object AllocationResult: max-response, 2 channels]");
});

Deno.test("AllocationResult.toJSON() keys the allocation by channel name", () => {
  // closed form: 2/(1+x) = 1/(1+y), x + y = 8 → x = 17/3, y = 7/3
  const json = JSON.parse(JSON.stringify(optimizeBudget(channels, { budget: 8 })));
  assert.deepEqual(Object.keys(json.allocation), ["<b>tv</b>", "radio"]);
  assert.ok(Math.abs(json.allocation["<b>tv</b>"] - 17 / 3) < 1e-3);
  assert.equal(json.mode, "max-response");
  assert.equal(json.channels.length, 2);
  // lift = 2 ln(1 + 17/3) + ln(1 + 7/3) − 3 ln 5
  const lift = 2 * Math.log(20 / 3) + Math.log(10 / 3) - 3 * Math.log(5);
  assert.ok(Math.abs(json.totals.lift - lift) < 1e-6);
});
