// A refresh on a simulated structural break: TV's effect doubles after week 104, radio's does
// not. The data are generated here (independent of lib/sim): Robyn's geometric adstock
// (decay 0.5, divided by its total weight 2) on spend over a fixed scale of 100, a Hill curve
// u/(u + 1), normal noise.
import assert from "node:assert/strict";
import { defineModelSpec, fitBayesLinear, type MmmData, MmmDataError } from "mixlab";
import { refresh } from "mixlab/forecast";
import { sliceRows } from "mixlab/core";
import { flightedSpend, mondays, normal } from "../features/_generate.ts";

const N = 208, BREAK = 104;
const dates = mondays(N);
const tv = flightedSpend(N, 41, 0.2), radio = flightedSpend(N, 42, 0.2);
const hillOfAdstock = (spend: Float64Array) => {
  let carry = 0;
  return spend.map((x) => {
    carry = x + 0.5 * carry;
    const u = carry / 2 / 100;
    return u / (u + 1);
  });
};
const tvMedia = hillOfAdstock(tv), radioMedia = hillOfAdstock(radio);
const z = normal(43);
const kpi = Float64Array.from(
  { length: N },
  (_, t) => 1000 + (t < BREAK ? 300 : 600) * tvMedia[t]! + 200 * radioMedia[t]! + 8 * z(),
);
const data: MmmData = {
  dates,
  kpiKind: "revenue",
  kpi: { name: "sales", values: kpi },
  channels: [{ name: "tv", spend: tv }, { name: "radio", spend: radio }],
  controls: [],
};
const channel = (name: string) => ({
  name,
  scale: 100,
  adstock: { kind: "geometric", params: { decay: 0.5 } },
  saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
});
const spec = defineModelSpec({
  channels: [channel("tv"), channel("radio")],
  baseline: { yearlyFourier: 0, trend: "none" },
});
const fit = (rows: MmmData) => fitBayesLinear(rows, spec, { seed: 7 });
const previous = fit(sliceRows(data, 0, BREAK));

Deno.test("refresh() flags the channel whose effect doubled and not the one that held", () => {
  const r = refresh(previous, sliceRows(data, BREAK), fit);
  assert.deepEqual([r.window.dates[0], r.window.dates.length], [dates[BREAK], BREAK]);
  const tvDrift = r.drift.channels.find((c) => c.channel === "tv")!;
  const radioDrift = r.drift.channels.find((c) => c.channel === "radio")!;
  assert.equal(tvDrift.drifted, true);
  assert.equal(radioDrift.drifted, false);
  // the rolling window holds only the new regime: TV's ROAS about doubles
  assert.ok(tvDrift.roasChange > 0.7 && tvDrift.roasChange < 1.3, `${tvDrift.roasChange}`);
  assert.ok(Math.abs(radioDrift.roasChange) < 0.15, `${radioDrift.roasChange}`);
  assert.deepEqual(r.drift.drifted.map((c) => c.channel), ["tv"]);
});

Deno.test("the backtest is the previous model's forecast of the new weeks", () => {
  const r = refresh(previous, sliceRows(data, BREAK), fit);
  const mean = previous.predict(sliceRows(data, BREAK), { history: previous.data });
  r.backtest.forecast.mean.forEach((v, t) => assert.ok(Math.abs(v - mean[t]!) < 1e-6));
  let se = 0, ae = 0;
  mean.forEach((v, t) => {
    se += (kpi[BREAK + t]! - v) ** 2;
    ae += Math.abs(kpi[BREAK + t]! - v);
  });
  assert.ok(Math.abs(r.backtest.scores.rmse - Math.sqrt(se / mean.length)) < 1e-6);
  assert.ok(Math.abs(r.backtest.scores.mae - ae / mean.length) < 1e-6);
  // the old model misses the extra TV effect: it forecasts too low on average
  assert.ok(mean.reduce((a, v, t) => a + kpi[BREAK + t]! - v, 0) > 0);
  // with every week, the window is the whole history
  assert.equal(refresh(previous, data, fit, { window: "all" }).window.dates.length, N);
});

Deno.test("refresh() needs the weeks right after the model's last", () => {
  assert.throws(() => refresh(previous, sliceRows(data, 0, BREAK), fit), MmmDataError);
  assert.throws(
    () => refresh(previous, sliceRows(data, BREAK + 2), fit),
    /add the weeks in between/,
  );
});
