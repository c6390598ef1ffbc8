/**
 * `mmm refresh` on a simulated structural break, generated here (independent of lib/sim): TV's
 * effect doubles after week 104, radio's holds. Geometric adstock (decay 0.5, divided by its
 * total weight 2) of spend over the first fit's mean spend (the model's fixed scale), a Hill
 * curve u/(u + 1), normal noise. The first fit sees weeks 0–103; the refresh adds 104–207;
 * a second refresh adds 208–233.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { mmm } from "./_mmm.ts";
import { flightedSpend, mondays, normal } from "../features/_generate.ts";

const N = 234, BREAK = 104;
const dates = mondays(N);
const tv = flightedSpend(N, 51, 0.2), radio = flightedSpend(N, 52, 0.2);
const mean = (v: Float64Array) => v.subarray(0, BREAK).reduce((a, b) => a + b, 0) / BREAK;
const media = (spend: Float64Array) => {
  const scale = mean(spend);
  let carry = 0;
  return spend.map((x) => {
    carry = x + 0.5 * carry;
    const u = carry / 2 / scale;
    return u / (u + 1);
  });
};
const tvMedia = media(tv), radioMedia = media(radio), z = normal(53);
const revenue = Array.from(
  { length: N },
  (_, t) => 5000 + (t < BREAK ? 3000 : 6000) * tvMedia[t]! + 2000 * radioMedia[t]! + 60 * z(),
);
const csv = (end: number) =>
  ["date,revenue,tv_spend,radio_spend"].concat(
    dates.slice(0, end).map((d, t) => `${d},${revenue[t]!.toFixed(2)},${tv[t]},${radio[t]}`),
  ).join("\n");
const channel = (spend: string) => ({
  spend,
  adstock: { kind: "geometric", params: { decay: 0.5 } },
  saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
});

Deno.test({
  name: "mmm refresh flags the channel whose effect doubled, backtests and keeps the history",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "mixlab-refresh-" });
    try {
      await Deno.writeTextFile(join(dir, "old.csv"), csv(BREAK));
      await Deno.writeTextFile(join(dir, "new.csv"), csv(208));
      await Deno.writeTextFile(join(dir, "later.csv"), csv(N));
      await Deno.writeTextFile(
        join(dir, "config.json"),
        JSON.stringify({
          data: "old.csv",
          kpi: "revenue",
          channels: { tv: channel("tv_spend"), radio: channel("radio_spend") },
          seasonality: { yearlyFourier: 0 },
          trend: "none",
          holdoutWeeks: 0,
          model: { kind: "bayes-linear" },
          crossValidation: { folds: 0, rolling: false },
        }),
      );
      const v0 = join(dir, "v0"), v1 = join(dir, "v1"), v2 = join(dir, "v2");
      const fit = await mmm(["fit", "--config", join(dir, "config.json"), "--out", v0, "--quiet"]);
      assert.equal(fit.code, 0, fit.stderr);
      const r1 = await mmm([
        "refresh",
        "--model",
        join(v0, "model.json"),
        "--data",
        join(dir, "new.csv"),
        "--out",
        v1,
      ]);
      assert.equal(r1.code, 0, r1.stderr);
      assert.match(r1.stdout, /drift: "tv"/);
      const refresh = JSON.parse(await Deno.readTextFile(join(v1, "refresh.json")));
      assert.deepEqual(
        [refresh.window.first_week, refresh.window.weeks],
        [dates[BREAK], BREAK],
        "Robyn's rolling window: the old length, ending at the last new week",
      );
      const drift = Object.fromEntries(
        refresh.drift.map((c: { channel: string; drifted: boolean }) => [c.channel, c]),
      );
      assert.equal(drift.tv.drifted, true);
      assert.equal(drift.radio.drifted, false);
      assert.ok(drift.tv.roas_change > 0.6, `tv ROAS change ${drift.tv.roas_change}`);
      // the backtest's actual weeks are the file's; its scores are those of its forecast
      const b = refresh.backtest;
      assert.deepEqual(b.dates, dates.slice(BREAK, 208));
      b.actual.forEach((y: number, t: number) =>
        assert.equal(y, Number(revenue[BREAK + t]!.toFixed(2)))
      );
      const errors = b.actual.map((y: number, t: number) => y - b.forecast[t]);
      const rmse = Math.sqrt(errors.reduce((a: number, e: number) => a + e * e, 0) / errors.length);
      assert.ok(Math.abs(b.rmse - rmse) < 1e-6 * rmse);
      assert.ok(
        errors.reduce((a: number, e: number) => a + e, 0) > 0,
        "the old model forecasts too low",
      );
      // a second refresh continues the history
      const r2 = await mmm([
        "refresh",
        "--model",
        join(v1, "model.json"),
        "--data",
        join(dir, "later.csv"),
        "--out",
        v2,
        "--window",
        "all",
      ]);
      assert.equal(r2.code, 0, r2.stderr);
      const h1 = JSON.parse(await Deno.readTextFile(join(v1, "history.json")));
      const h2 = JSON.parse(await Deno.readTextFile(join(v2, "history.json")));
      assert.deepEqual(h2.entries.map((e: { version: number }) => e.version), [0, 1, 2]);
      assert.deepEqual(h2.entries.slice(0, 2), h1.entries);
      assert.deepEqual(
        h2.entries.map((e: { last_week: string; weeks: number }) => [e.last_week, e.weeks]),
        // "all" adds the new weeks to the refreshed model's own (its rolling window)
        [[dates[BREAK - 1], BREAK], [dates[207], BREAK], [dates[N - 1], N - BREAK]],
      );
      const html = await Deno.readTextFile(join(v2, "refresh.html"));
      for (const title of ["What changed", "Backtest", "History"]) {
        assert.ok(html.includes(`>${title}</h2>`));
      }
      // no new week: a clear message, nothing written
      const stale = await mmm([
        "refresh",
        "--model",
        join(v2, "model.json"),
        "--data",
        join(dir, "later.csv"),
        "--out",
        join(dir, "v3"),
      ]);
      assert.equal(stale.code, 2);
      assert.ok(stale.stderr.includes(`no week in the new data is after ${dates[N - 1]}`));
      await Deno.mkdir(join(dir, "bare"));
      await Deno.copyFile(join(v2, "model.json"), join(dir, "bare", "model.json"));
      const noConfig = await mmm([
        "refresh",
        "--model",
        join(dir, "bare", "model.json"),
        "--data",
        join(dir, "later.csv"),
        "--out",
        join(dir, "v4"),
      ]);
      assert.equal(noConfig.code, 2);
      assert.match(
        noConfig.stderr,
        /config\.json does not exist beside the model: pass --config FILE/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
