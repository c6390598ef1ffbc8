/**
 * Lift tests in the Bayesian likelihood, on data made independently of mixlab (numpy,
 * tests/fixtures/reference/bayes_lift.py) with the true ROAS and the true lift of a test window
 * known: a correct test narrows its channel's ROAS interval and moves the estimate toward the
 * truth; a wrong one shows in the posterior predictive check against the fit without it.
 */
import { channelReturns, defineModelSpec, fitBayes } from "mixlab";
import { posteriorPredictive } from "mixlab/models/bayes";
import type { LiftTest, MmmData } from "mixlab/types.ts";
import assert from "node:assert/strict";
import { dirname, join } from "node:path";

const dir = join(dirname(new URL(import.meta.url).pathname), "..", "..", "fixtures", "reference");
const truth = JSON.parse(Deno.readTextFileSync(join(dir, "bayes_lift", "truth.json")));
const [header, ...lines] = Deno.readTextFileSync(join(dir, "bayes_lift", "data.csv")).trim()
  .split("\n").slice(0, 1 + truth.fit_rows);
const cols = header!.split(",");
const rows = lines.map((l) => l.split(","));
const column = (name: string) => Float64Array.from(rows, (r) => Number(r[cols.indexOf(name)]));
const channels = ["tv", "search", "social", "display"];
const data: MmmData = {
  dates: rows.map((r) => r[0]!),
  kpiKind: "revenue",
  kpi: { name: "revenue", values: column("revenue") },
  channels: channels.map((name) => ({ name, spend: column(`${name}_spend`) })),
  controls: ["price", "promo"].map((name) => ({ name, values: column(name) })),
};
const spec = defineModelSpec({
  channels,
  controls: ["price", "promo"],
  baseline: { yearlyFourier: 2, trend: "linear" },
});
const options = { chains: 4, warmup: 300, draws: 300, seed: 5 };
const test = (factor: number): LiftTest => ({
  channel: "tv",
  start: truth.lift_window[0],
  end: truth.lift_window[1],
  lift: factor * truth.lift.tv,
  standardError: 0.1 * truth.lift.tv,
});
const tvRoas = (fit: ReturnType<typeof fitBayes>) =>
  channelReturns(fit, { maxDraws: 400 }).channels.find((c) => c.channel === "tv")!.roas;

Deno.test("a lift test narrows its channel's ROAS interval and moves it toward the truth; a wrong one shows in the posterior predictive check", () => {
  const none = fitBayes(data, spec, options);
  const right = fitBayes(data, spec, { ...options, liftTests: [test(1)] });
  const wrong = fitBayes(data, spec, { ...options, liftTests: [test(3)] });
  const [a, b] = [tvRoas(none), tvRoas(right)];
  const width = (e: typeof a) => e.upper! - e.lower!;
  assert.ok(width(b) < 0.7 * width(a), `width ${width(b)} vs ${width(a)} without the test`);
  assert.ok(
    Math.abs(b.value - truth.roas.tv) < Math.abs(a.value - truth.roas.tv),
    `ROAS ${b.value} vs ${a.value} without the test, truth ${truth.roas.tv}`,
  );
  assert.ok(b.lower! <= truth.roas.tv && truth.roas.tv <= b.upper!);
  // The right test agrees with the data alone; the wrong one (three times the true lift) does not,
  // even though the fit that includes it bends to it.
  const agree = posteriorPredictive(right, { withoutLiftTests: none }).liftTests[0]!;
  const disagree = posteriorPredictive(wrong, { withoutLiftTests: none }).liftTests[0]!;
  assert.ok(agree.withoutTests!.pValue > 0.1, `p ${agree.withoutTests!.pValue}`);
  assert.ok(disagree.withoutTests!.pValue < 0.05, `p ${disagree.withoutTests!.pValue}`);
});
