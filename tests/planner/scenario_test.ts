import assert from "node:assert/strict";
import {
  decodeScenario,
  defaultScenario,
  encodeScenario,
  type PlannerSetup,
} from "mixlab/planner/mod.ts";

const setup: PlannerSetup = {
  version: 1,
  title: "",
  source: "",
  kpi: { name: "sales", kind: "revenue" },
  basisWeeks: 13,
  horizon: 13,
  historyWeeks: 26,
  channels: [
    { name: "tv, national", today: 100.5, cap: 400, spend: [0, 400], response: [0, 1] },
    { name: "</script>", today: 20, cap: 90, spend: [0, 90], response: [0, 1] },
  ],
};

Deno.test("defaultScenario() is today's spend, the whole range, today's total as budget", () => {
  assert.deepEqual(defaultScenario(setup), {
    horizon: 13,
    budget: 120.5,
    spend: [100.5, 20],
    min: [0, 0],
    max: [400, 90],
  });
});

Deno.test("encodeScenario() keeps every digit, and decodeScenario() reads it back", () => {
  const scenario = {
    horizon: 26,
    budget: 0.1 + 0.2,
    spend: [1 / 3, 89.99999999999999],
    min: [0, 1e-7],
    max: [400, 90],
  };
  const hash = encodeScenario(scenario);
  assert.equal(
    hash,
    "h=26&b=0.30000000000000004&s=0.3333333333333333,89.99999999999999&lo=0,1e-7&hi=400,90",
  );
  assert.deepEqual(decodeScenario(`#${hash}`, setup), { ok: true, scenario });
});

Deno.test("decodeScenario() says why a hash is not a plan of this planner", () => {
  const good = "h=13&b=10&s=1,2&lo=0,0&hi=400,90";
  const cases: [string, RegExp][] = [
    [good.replace("h=13", "h=0"), /horizon must be 1 to 104/],
    [good.replace("h=13", "h=1.5"), /horizon must be 1 to 104/],
    [good.replace("b=10", "b=-1"), /budget must be a number ≥ 0/],
    [good.replace("s=1,2", "s=1"), /needs 2 spends and ranges/],
    [good.replace("s=1,2", "s=1,x"), /needs 2 spends and ranges/],
    [good.replace("s=1,2", "s=1,"), /needs 2 spends and ranges/],
    [good.replace("hi=400,90", "hi=400,95"), /channel "<\/script>" needs min ≤ spend ≤ max ≤ 90/],
    [good.replace("lo=0,0", "lo=5,0"), /channel "tv, national" needs min ≤ spend/],
    ["", /horizon/],
  ];
  for (const [hash, why] of cases) {
    const decoded = decodeScenario(hash, setup);
    assert.equal(decoded.ok, false, hash);
    if (!decoded.ok) assert.match(decoded.reason, why, hash);
  }
  assert.equal(decodeScenario(good, setup).ok, true);
});
