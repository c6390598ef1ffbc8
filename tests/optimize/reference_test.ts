// Checks the optimizer against brute-force optima recorded by
// tests/fixtures/reference/optimize_slsqp.py (scipy SLSQP from ~300 starts per case).
import assert from "node:assert/strict";
import { optimizeBudget } from "mixlab";
import {
  type ChannelResponse,
  maximizeAtTargetEfficiency,
  minimizeSpendForTarget,
} from "mixlab/optimize";

interface Curve {
  kind: "hill" | "logistic" | "mm";
  beta?: number;
  halfSaturation?: number;
  shape?: number;
  lambda?: number;
  vmax?: number;
  km?: number;
}
interface Fixture {
  mode: "max-response" | "min-spend" | "target-efficiency";
  channels: { name: string; currentSpend: number; curve: Curve }[];
  options: Record<string, unknown>;
  expects: {
    objective: number;
    totalResponse: number;
    totalSpend: number;
    allocation: Record<string, number>;
  };
}

/** The fixture's curve formulas, written out independently of lib/transforms. */
function curve(c: Curve): (x: number) => number {
  switch (c.kind) {
    case "hill":
      return (x) => c.beta! * x ** c.shape! / (x ** c.shape! + c.halfSaturation! ** c.shape!);
    case "logistic":
      return (x) => c.beta! * (1 - Math.exp(-c.lambda! * x)) / (1 + Math.exp(-c.lambda! * x));
    case "mm":
      return (x) => c.vmax! * x / (c.km! + x);
  }
}

function load(name: string): { fx: Fixture; channels: ChannelResponse[] } {
  const url = new URL(`../fixtures/optimize/${name}.json`, import.meta.url);
  const fx = JSON.parse(Deno.readTextFileSync(url)) as Fixture;
  const channels = fx.channels.map((c) => ({
    name: c.name,
    currentSpend: c.currentSpend,
    response: curve(c.curve),
  }));
  return { fx, channels };
}

function checkBounds(fx: Fixture, allocation: Readonly<Record<string, number>>) {
  const bounds = (fx.options.bounds ?? {}) as Record<string, Record<string, number>>;
  for (const c of fx.channels) {
    const x = allocation[c.name]!;
    const b = bounds[c.name] ?? {};
    let lo = Math.max(0, b.min ?? 0), hi = b.max ?? Infinity;
    if (b.minChange !== undefined) lo = Math.max(lo, c.currentSpend * (1 + b.minChange));
    if (b.maxChange !== undefined) hi = Math.min(hi, c.currentSpend * (1 + b.maxChange));
    assert.ok(x >= lo - 1e-6 && x <= hi + 1e-6, `${c.name}: ${x} outside [${lo}, ${hi}]`);
  }
}

for (const kind of ["concave", "sshape"] as const) {
  const tol = kind === "concave" ? 0.001 : 0.005;
  for (const n of [3, 5, 10]) {
    Deno.test(`optimizeBudget() is within ${tol * 100}% of the SLSQP optimum (${kind}, ${n} channels)`, () => {
      const { fx, channels } = load(`max_${kind}_${n}`);
      const plan = optimizeBudget(channels, fx.options);
      const budget = fx.options.budget as number;
      assert.ok(Math.abs(plan.totals.optimalSpend - budget) < 1e-6 * budget);
      checkBounds(fx, plan.allocation);
      const ref = fx.expects.objective;
      const got = plan.totals.optimalResponse;
      assert.ok(got >= ref * (1 - tol), `response ${got} vs reference ${ref}`);
      // concave problems have one optimum, which SLSQP finds: no room to beat it
      if (kind === "concave") assert.ok(got <= ref * (1 + 1e-6), `response ${got} above ${ref}`);
      // a global method may beat a local one, but not a valid upper bound
      assert.ok(
        plan.upperBound! >= ref * (1 - 1e-9),
        `bound ${plan.upperBound} < reference ${ref}`,
      );
    });
  }
}

Deno.test("optimizeBudget() respects a locked channel and a group share (SLSQP reference)", () => {
  const { fx, channels } = load("max_concave_5_groups");
  const plan = optimizeBudget(channels, fx.options);
  const locked = fx.channels[4]!;
  assert.equal(plan.allocation[locked.name], locked.currentSpend);
  const digital = plan.allocation[fx.channels[0]!.name]! + plan.allocation[fx.channels[1]!.name]!;
  assert.ok(digital >= 0.45 * plan.totals.optimalSpend - 1e-6);
  checkBounds(fx, plan.allocation);
  assert.ok(plan.totals.optimalResponse >= fx.expects.objective * (1 - 0.001));
});

for (
  const [name, tol] of [["target_concave_3", 0.001], ["target_concave_5", 0.001], [
    "target_sshape_3",
    0.005,
  ]] as const
) {
  Deno.test(`minimizeSpendForTarget() is within ${tol * 100}% of the SLSQP optimum (${name})`, () => {
    const { fx, channels } = load(name);
    const plan = minimizeSpendForTarget(channels, fx.options as { targetKpi: number });
    checkBounds(fx, plan.allocation);
    const target = fx.options.targetKpi as number;
    assert.ok(plan.totals.optimalResponse >= target * (1 - tol / 10), "target reached");
    assert.ok(
      plan.totals.optimalSpend <= fx.expects.totalSpend * (1 + tol),
      `spend ${plan.totals.optimalSpend} vs reference ${fx.expects.totalSpend}`,
    );
  });
}

Deno.test("maximizeAtTargetEfficiency() is within 0.1% of the SLSQP optimum", () => {
  const { fx, channels } = load("roas_concave_4");
  const plan = maximizeAtTargetEfficiency(channels, fx.options as { targetRoas: number });
  checkBounds(fx, plan.allocation);
  const roas = fx.options.targetRoas as number;
  assert.ok(plan.totals.optimalResponse >= roas * plan.totals.optimalSpend * (1 - 1e-4));
  assert.ok(plan.totals.optimalResponse >= fx.expects.totalResponse * (1 - 0.001));
});
