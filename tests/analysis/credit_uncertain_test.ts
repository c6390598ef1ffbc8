import assert from "node:assert/strict";
import {
  defineModelSpec,
  fitOls,
  type FittedModel,
  type MmmData,
  resultJson,
  summarizeModel,
} from "mixlab";
import { guardrailDiagnostics } from "mixlab/guardrails";
import { onePager } from "mixlab/report";
import { weeklyDates } from "../_toy_model.ts";

// Constructed data, noise-free: sales = 1000 + 2·tv + b·radio, no carryover, no saturation, so
// OLS returns the coefficients exactly and every share has a closed form. tv spends
// 100 + 40·sin (3 whole periods in 52 weeks: mean 100), radio 20 + 10·cos (5 periods: mean 20): spend shares 100/120 and 20/120. At b = 3 radio's
// contribution is 3·20 = 60 per week against tv's 200, an effect share of 60/260 = 0.2308 on
// a spend share of 0.1667 (ratio 1.385, credited above its spend share, below `shareRatio` 2);
// tv's ratio is (200/260)/(100/120) = 0.923.
const n = 52;
const tv = Float64Array.from({ length: n }, (_, t) => 100 + 40 * Math.sin(2 * Math.PI * 3 * t / n));
const radio = Float64Array.from(
  { length: n },
  (_, t) => 20 + 10 * Math.cos(2 * Math.PI * 5 * t / n + 0.4),
);
const spec = defineModelSpec({
  channels: ["tv", "radio"].map((name) => ({
    name,
    adstock: { kind: "geometric", params: { decay: 0 } },
    saturation: { kind: "identity" },
  })),
  baseline: { yearlyFourier: 0, trend: "none" },
});
function data(tvRoas: number, radioRoas: number): MmmData {
  return {
    dates: weeklyDates("2023-01-02", n),
    kpi: { name: "sales", values: tv.map((x, t) => 1000 + tvRoas * x + radioRoas * radio[t]!) },
    kpiKind: "revenue",
    channels: [{ name: "tv", spend: tv }, { name: "radio", spend: radio }],
    controls: [],
  };
}

/**
 * Stand-ins for bootstrap replicates whose ROAS are known exactly: 21 noise-free fits with tv's
 * coefficient 2 and radio's coefficients evenly spaced on [lo, hi]. Each replicate's radio
 * ROAS is its coefficient, so the 5%–95% interval lies inside [lo + (hi − lo)/20, hi −
 * (hi − lo)/20] ⊂ [lo, hi] whatever the quantile rule.
 */
function replicates(lo: number, hi: number): FittedModel[] {
  return Array.from({ length: 21 }, (_, k) => fitOls(data(2, lo + (hi - lo) * k / 20), spec));
}

function warnings(reps: FittedModel[]) {
  const summary = summarizeModel(fitOls(data(2, 3), spec), { replicates: reps });
  const json = resultJson(summary, { seed: 1, seconds: 0 }).diagnostics.warnings;
  return { summary, json, html: onePager(summary) };
}

Deno.test("credit-uncertain names a channel credited above its spend share whose ROAS interval is wide", () => {
  // radio's replicate ROAS run from 1 to 5: the 90% interval is within [1.2, 4.8] and contains
  // it (ratio ≥ 4.8/1.2 = 4 > 2.4); tv's are all 2 (ratio 1)
  const { summary, json, html } = warnings(replicates(1, 5));
  const r = summary.returns.channels[1]!.roas;
  const eps = 1e-9;
  assert.ok(r.lower! >= 1 - eps && r.lower! <= 1.2 + eps);
  assert.ok(r.upper! >= 4.8 - eps && r.upper! <= 5 + eps);
  const radio = summary.decomposition.channels[1]!;
  assert.ok(Math.abs(radio.effectShare - 60 / 260) < 1e-6);
  assert.ok(Math.abs(radio.spendShare - 20 / 120) < 1e-6);
  const flagged = json.filter((w) => w.code === "credit-uncertain");
  assert.deepEqual(flagged.map((w) => w.channel), ["radio"]); // tv's interval is a point
  assert.match(flagged[0]!.message, /"radio" gets 23% of the media effect on 17% of the spend/);
  assert.match(flagged[0]!.hint ?? "", /lift test/);
  // the ROAS table marks radio with its codes (always-on, it is also extrapolated-effect)
  assert.match(html, /⚠ [a-z, -]*credit-uncertain/, "the ROAS table marks radio");
  assert.ok(html.includes("the data cannot tell this share from half of it"));
});

Deno.test("credit-uncertain stays quiet on a well-identified channel and on an under-credited one", () => {
  // the same fit, radio's replicate ROAS within [2.9, 3.1]: ratio ≤ 3.1/2.9 = 1.07 < 2.4
  assert.ok(!warnings(replicates(2.9, 3.1)).json.some((w) => w.code === "credit-uncertain"));
  // hand-made measures: a wide interval (5/1 = 5) on a channel credited at 0.8 of its spend
  // share (below 0.9, above 1/shareRatio = 0.5) is not flagged by either share check
  const channel = {
    channel: "radio",
    spend: 100,
    contribution: 240,
    roas: 2.4,
    effectShare: 0.16,
    spendShare: 0.2,
    flatness: 1,
    extrapolation: 0,
    baselineR2: 0,
    roasLower: 1,
    roasUpper: 5,
  };
  const base = { kpiKind: "revenue" as const, rows: 52, negativeBaselineRows: 0, mediaShare: 0.3 };
  assert.deepEqual(guardrailDiagnostics({ ...base, channels: [channel] }), []);
  // at 0.95 of its spend share (0.19 / 0.2) the same interval is flagged; at 2.5× it is
  // share-mismatch instead (one warning per channel)
  const codes = (effectShare: number) =>
    guardrailDiagnostics({ ...base, channels: [{ ...channel, effectShare }] }).map((d) => d.code);
  assert.deepEqual(codes(0.19), ["credit-uncertain"]);
  assert.deepEqual(codes(0.5), ["share-mismatch"]);
  // the 0.9 is the `creditRatio` limit: at 0.75 the channel at 0.8 of its spend share is flagged,
  // at 1 the one at 0.95 is not; the interval limit still applies (5/1 = 5 ≤ 6 passes)
  const withLimits = (effectShare: number, limits: Record<string, number>) =>
    guardrailDiagnostics({ ...base, channels: [{ ...channel, effectShare }] }, limits)
      .map((d) => d.code);
  assert.deepEqual(withLimits(0.16, { creditRatio: 0.75 }), ["credit-uncertain"]);
  assert.deepEqual(withLimits(0.19, { creditRatio: 1 }), []);
  assert.deepEqual(withLimits(0.16, { creditRatio: 0.75, intervalRatio: 6 }), []);
});
