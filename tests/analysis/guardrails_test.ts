import assert from "node:assert/strict";
import {
  defineModelSpec,
  fitOls,
  fitRidge,
  type FittedModel,
  guardrails,
  type MmmData,
  resultJson,
  Rng,
  summarizeModel,
} from "mixlab";
import {
  boundDiagnostics,
  columnFlatness,
  extrapolationShare,
  guardrailDiagnostics,
  measureGuardrails,
} from "mixlab/guardrails";
import { BaggedModel } from "mixlab/models";
import { onePager } from "mixlab/report";
import { weeklyDates } from "../_toy_model.ts";

// Constructed data: one always-on channel whose spend stays within ±20% of 100 each week, and a
// KPI that is a known linear function of it (so every estimate below has a closed form).
const n = 104;
const rng = new Rng(11);
const tv = Float64Array.from({ length: n }, () => rng.uniformIn(80, 120));
function data(kpi: (x: number) => number, noise = 1): MmmData {
  return {
    dates: weeklyDates("2022-01-03", n),
    kpi: { name: "sales", values: tv.map((x) => kpi(x) + rng.normal(0, noise)) },
    kpiKind: "revenue",
    channels: [{ name: "tv", spend: tv }],
    controls: [],
  };
}
function spec(saturation: { kind: string; params?: Record<string, number> }) {
  return defineModelSpec({
    channels: [{ name: "tv", adstock: { kind: "geometric", params: { decay: 0 } }, saturation }],
    baseline: { yearlyFourier: 0, trend: "none" },
  });
}

/** The warnings of a fit as result.json and the one-pager show them. */
function shown(fit: FittedModel): { json: [string, string | null][]; html: string } {
  const summary = summarizeModel(fit);
  const json = resultJson(summary, { seed: 1, seconds: 0 }).diagnostics.warnings.map((
    w,
  ) => [w.code, w.channel] as [string, string | null]);
  return { json, html: onePager(summary) };
}

/** The warnings section comes before the first numbers (the "Model fit" section). */
function warnedAtTop(html: string, text: string): void {
  const top = html.indexOf(">Before you use these numbers</h2>");
  const fit = html.indexOf(">Model fit</h2>");
  assert.ok(top > 0 && top < fit, "warnings come first");
  const at = html.indexOf(text);
  assert.ok(at > top && at < fit, `"${text}" is in the warnings section`);
}

Deno.test("extrapolationShare() and columnFlatness() match their closed forms", () => {
  // min / mean: 2 / ((2 + 4 + 6) / 3) = 0.5
  assert.equal(extrapolationShare(new Float64Array([2, 4, 6])), 0.5);
  assert.equal(extrapolationShare(new Float64Array([0, 4, 6])), 0);
  // a line through 0 keeps the input's coefficient of variation: ratio 1
  const u = new Float64Array([0.5, 1, 1.5]);
  assert.ok(Math.abs(columnFlatness(u, u.map((v) => 7 * v)) - 1) < 1e-12);
  // h = u² = [0.25, 1, 2.25]: mean 7/6, population variance 49/72, so CV(h) = √(49/72)/(7/6)
  // = √(1/2); CV(u) = √(1/6) / 1; the ratio is √3
  const h = u.map((v) => v * v);
  assert.ok(Math.abs(columnFlatness(u, h) - Math.sqrt(3)) < 1e-12);
});

Deno.test("a saturated, near-constant media column is flagged in the fit, result.json and the report", () => {
  // Hill with half-saturation 0.05 of mean spend and shape 3: on inputs 0.8–1.2 the column is
  // 1 − (0.05/u)³ ≈ 1 − 1e-4, so it keeps far below 25% of the spend's variation and almost all
  // of the contribution lies below the lowest observed input
  const fit = fitOls(
    data((x) => 1000 + 2 * x),
    spec({ kind: "hill", params: { halfSaturation: 0.05, shape: 3 } }),
  );
  const m = measureGuardrails(fit);
  assert.ok(m.channels[0]!.flatness < 0.01);
  assert.ok(m.channels[0]!.extrapolation > 0.99);
  const own = fit.diagnostics.filter((d) => d.subject === "tv").map((d) => d.code);
  assert.ok(own.includes("flat-column") && own.includes("extrapolated-effect"));
  const { json, html } = shown(fit);
  assert.ok(json.some(([c, ch]) => c === "flat-column" && ch === "tv"));
  warnedAtTop(html, "its media column is nearly constant");
  assert.match(html, /⚠ flat-column/); // the ROAS table marks the channel
});

Deno.test("extrapolated-effect names the ROAS of the part above the lowest spend", () => {
  // KPI = 1000 + 2·spend exactly, identity curve, no carryover: OLS returns the slope 2, so the
  // ROAS is 2 and the contribution below the lowest weekly spend is 2·min(spend) a week, a share
  // min/mean (≈ 0.8 > 0.6) of the contribution; the part above it is a ROAS of 2·(1 − min/mean)
  const fit = fitOls(data((x) => 1000 + 2 * x, 0), spec({ kind: "identity" }));
  const lo = Math.min(...tv), mean = tv.reduce((a, b) => a + b, 0) / n;
  const warning = fit.diagnostics.find((d) => d.code === "extrapolated-effect");
  assert.ok(warning, "extrapolated-effect fired");
  assert.match(warning.message, /its ROAS \(2\.00\) rests on the assumed curve/);
  const above = (2 * (1 - lo / mean)).toFixed(2);
  assert.ok(warning.message.endsWith(`is a ROAS of ${above}`), warning.message);
  warnedAtTop(shown(fit).html, `is a ROAS of ${above}`);
});

Deno.test("a bagged model's extrapolation share is its members' mean contribution's, not its reference curve's", () => {
  // KPI = 1000 + 2·spend exactly. Member A: identity curve, so OLS gives tv's term 2·x. Member
  // B: a Hill switch (half-saturation 1.1 × mean spend, shape 10) that is nearly off at the
  // lowest weeks; its OLS coefficient is cov(h, y) / var(h), so its term is known in closed form.
  const d = data((x) => 1000 + 2 * x, 0);
  const a = fitOls(d, spec({ kind: "identity" }));
  const b = fitOls(d, spec({ kind: "hill", params: { halfSaturation: 1.1, shape: 10 } }));
  const mean = tv.reduce((s, x) => s + x, 0) / n;
  const h = tv.map((x) => (x / mean) ** 10 / ((x / mean) ** 10 + 1.1 ** 10));
  const hBar = h.reduce((s, v) => s + v, 0) / n;
  let cov = 0, v = 0;
  for (let t = 0; t < n; t++) {
    cov += (h[t]! - hBar) * (2 * tv[t]!);
    v += (h[t]! - hBar) ** 2;
  }
  const bag = tv.map((x, t) => (2 * x + (cov / v) * h[t]!) / 2);
  const expected = Math.min(...bag) / (bag.reduce((s, c) => s + c, 0) / n);
  const curveShare = Math.min(...h) / hBar;
  assert.ok(curveShare < 0.1 && expected > 0.3, `${curveShare} ${expected}`);
  assert.ok(Math.abs(measureGuardrails(b).channels[0]!.extrapolation - curveShare) < 1e-9);
  const bagged = new BaggedModel(b, [a, b]);
  const share = measureGuardrails(bagged).channels[0]!.extrapolation;
  assert.ok(Math.abs(share - expected) < 1e-9, `${share} against ${expected}`);
  assert.ok(guardrails(bagged).some((w) => w.code === "extrapolated-effect" && w.subject === "tv"));
  assert.ok(!guardrails(b).some((w) => w.code === "extrapolated-effect"));
});

Deno.test("a baseline pushed negative is flagged with the media share it implies", () => {
  // KPI = −200 + 3·spend: OLS on identity media recovers the intercept −200, so the baseline
  // (intercept only) is negative in every week and media is 3·x̄ / (3·x̄ − 200) of the KPI
  const fit = fitOls(data((x) => -200 + 3 * x, 0.5), spec({ kind: "identity" }));
  const m = measureGuardrails(fit);
  assert.equal(m.negativeBaselineRows, n);
  const xbar = tv.reduce((a, b) => a + b, 0) / n;
  assert.ok(Math.abs(m.mediaShare - 3 * xbar / (3 * xbar - 200)) < 0.02);
  const { json, html } = shown(fit);
  assert.deepEqual(
    json.filter(([c]) => c === "negative-baseline" || c === "media-share"),
    [["negative-baseline", null], ["media-share", null]],
  );
  warnedAtTop(html, `is negative in ${n} of ${n} weeks`);
});

Deno.test("an implausible ROAS is flagged, and the range is the user's to set", () => {
  // KPI = 5000 + 50·spend: ROAS 50 on identity media, outside the default [0, 20]
  const fit = fitOls(data((x) => 5000 + 50 * x), spec({ kind: "identity" }));
  const { json, html } = shown(fit);
  assert.ok(json.some(([c, ch]) => c === "roas-range" && ch === "tv"));
  warnedAtTop(html, "is outside the plausible range 0.00–20.0");
  const wide = guardrails(fit, { limits: { roas: [0, 100] } });
  assert.ok(!wide.some((w) => w.code === "roas-range"));
});

Deno.test("a media column that follows the trend is collinear with the baseline", () => {
  // spend rising by 1 a week is a straight line in time, exactly the trend column: R² = 1
  const rising = Float64Array.from({ length: n }, (_, i) => 50 + i);
  const d: MmmData = {
    dates: weeklyDates("2022-01-03", n),
    kpi: { name: "sales", values: rising.map((x, i) => 500 + 2 * x + 3 * Math.sin(i)) },
    kpiKind: "revenue",
    channels: [{ name: "tv", spend: rising }],
    controls: [],
  };
  const s = defineModelSpec({
    channels: [{
      name: "tv",
      adstock: { kind: "geometric", params: { decay: 0 } },
      saturation: { kind: "identity" },
    }],
    baseline: { yearlyFourier: 0, trend: "linear" },
  });
  // ridge splits the slope between the two (OLS could not: the columns are collinear)
  const fit = fitRidge(d, s, { lambda: 1 });
  const m = measureGuardrails(fit);
  assert.ok(m.channels[0]!.contribution > 0);
  assert.ok(m.channels[0]!.baselineR2 > 0.999);
  assert.ok(guardrails(fit).some((x) => x.code === "baseline-collinear" && x.subject === "tv"));
});

Deno.test("share-mismatch needs both a share far from spend and a wide interval", () => {
  const base = {
    kpiKind: "revenue" as const,
    rows: 10,
    negativeBaselineRows: 0,
    mediaShare: 0.3,
  };
  const channel = {
    channel: "social",
    spend: 100,
    contribution: 400,
    roas: 4,
    effectShare: 0.8,
    spendShare: 0.2,
    flatness: 0.8,
    extrapolation: 0.1,
    baselineR2: 0.1,
  };
  const codes = (lower: number, upper: number) =>
    guardrailDiagnostics({
      ...base,
      channels: [{ ...channel, roasLower: lower, roasUpper: upper }],
    }).map((d) => d.code);
  assert.deepEqual(codes(0.5, 9), ["share-mismatch"]); // 4× its spend share, 9 / 0.5 = 18 > 3
  assert.deepEqual(codes(3.5, 4.6), []); // a narrow interval: the data pin the share down
  assert.deepEqual(guardrailDiagnostics({ ...base, channels: [channel] }), []); // no interval
});

Deno.test("boundDiagnostics() names the channel and the config key to widen", () => {
  const [w] = boundDiagnostics([
    { name: "social.saturation.halfSaturation", value: 0.5, lower: 0.5, upper: 5 },
  ]);
  assert.equal(w?.code, "param-on-bound");
  assert.equal(w?.subject, "social");
  assert.match(w!.hint!, /channels\.social\.bounds\.halfSaturation/);
  assert.deepEqual(
    boundDiagnostics([{ name: "lambda", value: 10, lower: 1e-4, upper: 10 }]).map((d) => d.code),
    ["param-on-bound"],
  );
});
