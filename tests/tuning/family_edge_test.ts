/**
 * Family tiers: for a channel that spent in every week, a saturation family whose best parameter
 * ends on its range's edge ranks behind one that fits inside its range. The data: an always-on
 * channel whose true response is convex across the observed spend (Hill with its
 * half-saturation at twice the mean spend, shape 2.5), which no concave family can draw: the
 * logistic's best fit is the straight line at its smallest λ, and Hill wins although the line's
 * BIC is lower (one parameter fewer). The true ROAS is computed from the generator below.
 */
import assert from "node:assert/strict";
import { channelReturns, defineModelSpec, fitRidge, type MmmData, Rng, tune } from "mixlab";
import { weeklyDates } from "../_toy_model.ts";

const N = 156, NOISE = 100;

/** Hill with half-saturation k and shape a. */
const hill = (x: number, k: number, a: number) => x ** a / (x ** a + k ** a);

function generate(seed: number): { data: MmmData; tvRoas: number } {
  const rng = new Rng(seed);
  const tv = Float64Array.from({ length: N }, () => 100 * rng.uniformIn(0.4, 1.6));
  const search = Float64Array.from(
    { length: N },
    () => (rng.uniform() < 0.4 ? 60 * rng.uniformIn(0.5, 1.5) : 0),
  );
  // tv: geometric carryover 0.2 on spend scaled by its settled level; search: flighted, a
  // straight line (8 per unit) with no carryover
  let c = 0;
  const tvCarried = tv.map((x) => (c = x + 0.2 * c) * 0.8);
  const tvEffect = tvCarried.map((x) => 3000 * hill(x, 200, 2.5));
  const kpi = Float64Array.from(
    { length: N },
    (_, t) => 5000 + tvEffect[t]! + 8 * search[t]! + rng.normal(0, NOISE),
  );
  const tvRoas = tvEffect.reduce((a, b) => a + b, 0) / tv.reduce((a, b) => a + b, 0);
  return {
    data: {
      dates: weeklyDates("2022-01-03", N),
      kpi: { name: "sales", values: kpi },
      kpiKind: "revenue",
      channels: [{ name: "tv", spend: tv }, { name: "search", spend: search }],
      controls: [],
    },
    tvRoas,
  };
}

Deno.test("tune() ranks a saturation family on its range's edge behind one inside it", async () => {
  const { data, tvRoas } = generate(11);
  const spec = defineModelSpec({
    channels: ["tv", "search"],
    baseline: { yearlyFourier: 0, trend: "none" },
  });
  const result = await tune(data, spec, {
    trials: 1500,
    workers: 0,
    seed: 3,
    validation: "in-sample",
    families: { adstock: ["geometric"], saturation: ["hill", "logistic"], trials: 300 },
  });
  const tv = result.families?.find((f) => f.channel === "tv");
  const line = tv?.scores.find((s) => s.saturation === "logistic");
  const curve = tv?.scores.find((s) => s.saturation === "hill");
  assert.ok(line && curve);
  // the logistic's best is the straight line at λ's lower end (0.1), with the lower BIC
  assert.ok(line.params["saturation.lambda"]! < 0.1 + 0.01 * (3.3 - 0.1));
  assert.equal(line.tier, 1);
  assert.ok(line.score < curve.score, `${line.score} vs ${curve.score}`);
  // search has weeks at zero: its line is seen down to zero spend, so none of its pairs is
  // demoted, though its Hill ends at the top of the half-saturation range (a line)
  const search = result.families?.find((f) => f.channel === "search");
  assert.ok(search?.scores.every((s) => s.tier === 0));
  // Hill, inside its ranges, is chosen
  assert.equal(curve.tier, 0);
  assert.equal(tv?.scores[tv.chosen]?.saturation, "hill");
  assert.equal(result.spec.channels[0]!.saturation.kind, "hill");
  // and its ROAS is nearer the truth than the line's, which credits every week at the margin
  const lineSpec = {
    ...result.spec,
    channels: result.spec.channels.map((c, j) =>
      j === 0
        ? {
          ...c,
          adstock: { kind: "geometric", params: { decay: line.params["adstock.decay"]! } },
          saturation: { kind: "logistic", params: { lambda: line.params["saturation.lambda"]! } },
        }
        : c
    ),
  };
  const roasOf = (fit: Parameters<typeof channelReturns>[0]) =>
    channelReturns(fit).channels[0]!.roas.value;
  const chosenError = Math.abs(roasOf(result.model) / tvRoas - 1);
  const lineError = Math.abs(
    roasOf(fitRidge(data, lineSpec, { lambda: result.lambda })) / tvRoas - 1,
  );
  assert.ok(chosenError < lineError, `chosen ${chosenError} vs line ${lineError}`);
});
