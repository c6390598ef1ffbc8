import assert from "node:assert/strict";
import { spendPlan } from "mixlab";
import { parsePlanCsv, planToCsv } from "mixlab/forecast";

const hostile = ['a,b "c"', "</script><!--", " padded\u2028"];
const history = {
  dates: ["2024-01-01", "2024-01-08"],
  kpiKind: "revenue" as const,
  kpi: { name: "sales", values: new Float64Array([1, 2]) },
  channels: hostile.map((name, i) => ({ name, spend: new Float64Array([i, 2 * i + 1]) })),
  controls: [{ name: "price, €", values: new Float64Array([9.5, 10.25]) }],
};

Deno.test("planToCsv() writes plans that parsePlanCsv() reads back to the same numbers", () => {
  const plan = spendPlan(history, {
    weeks: 3,
    weeklySpend: { [hostile[0]!]: 1 / 3, [hostile[1]!]: 123456789.123, [hostile[2]!]: 1e-7 },
    controls: { "price, €": 0.1 + 0.2 },
  });
  const text = planToCsv(plan);
  assert.equal(
    text.split("\n")[0],
    'date,"a,b ""c""",</script><!--," padded\u2028","price, €"',
  );
  assert.equal(
    text.split("\n")[1],
    "2024-01-15,0.3333333333333333,123456789.123,1e-7,0.30000000000000004",
  );
  assert.deepEqual(parsePlanCsv(text, history), plan);
});

Deno.test("parsePlanCsv() still reads hand-written plans with padded cells", () => {
  const plan = parsePlanCsv(
    `date , "a,b ""c""", </script><!-- ," padded\u2028"\n2024-01-15, 5 ,6,7\n`,
    history,
  );
  assert.deepEqual(plan.channels.map((c) => c.spend[0]), [5, 6, 7]);
  // the control missing from the plan holds its mean over the history's final weeks
  assert.equal(plan.controls[0]!.values[0], (9.5 + 10.25) / 2);
});
