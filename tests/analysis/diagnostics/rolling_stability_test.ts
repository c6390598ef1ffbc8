import assert from "node:assert/strict";
import { defineModelSpec, fitRidge } from "mixlab";
import { rollingStability } from "mixlab/analysis";

// Two channels entering as their spend: radio returns 1.5 throughout; tv returns 2 for the
// first 60 weeks and 4 after. Noise-free, so OLS on a window inside one regime is exact.
const n = 120;
const dates = Array.from(
  { length: n },
  (_, i) => new Date(Date.UTC(2022, 0, 3 + 7 * i)).toISOString().slice(0, 10),
);
const tv = Float64Array.from({ length: n }, (_, i) => 10 + ((i * 7) % 11));
const radio = Float64Array.from({ length: n }, (_, i) => 5 + ((i * 5) % 7));
const data = {
  dates,
  kpiKind: "revenue" as const,
  controls: [],
  channels: [{ name: "tv", spend: tv }, { name: "radio", spend: radio }],
  kpi: { name: "sales", values: tv.map((x, i) => 100 + (i < 60 ? 2 : 4) * x + 1.5 * radio[i]!) },
};
const linear = (name: string) => ({
  name,
  scale: 1,
  adstock: { kind: "geometric", params: { decay: 0 } },
  saturation: { kind: "identity" },
});
const spec = defineModelSpec({
  channels: [linear("tv"), linear("radio")],
  baseline: { yearlyFourier: 0, trend: "none" },
});

Deno.test("rollingStability() shows a channel's ROAS move between regimes and flags it", () => {
  const r = rollingStability(data, (d) => fitRidge(d, spec, { lambda: 0 }), {
    windowWeeks: 30,
    step: 30,
  });
  // windows: weeks 0–29, 30–59 (first regime), 60–89, 90–119 (second)
  assert.deepEqual(r.windows.map((w) => w.start), [dates[0], dates[30], dates[60], dates[90]]);
  const tvRoas = r.windows.map((w) => w.roas.tv!), radioRoas = r.windows.map((w) => w.roas.radio!);
  [2, 2, 4, 4].forEach((v, k) => assert.ok(Math.abs(tvRoas[k]! - v) < 1e-9, `${tvRoas[k]}`));
  radioRoas.forEach((v) => assert.ok(Math.abs(v - 1.5) < 1e-9));
  // tv: mean 3, sd √(4/3) → cv 0.385 > 0.3; radio: cv 0
  const flagged = r.diagnostics.map((d) => d.subject);
  assert.deepEqual(
    rollingStability(data, (d) => fitRidge(d, spec, { lambda: 0 }), {
      windowWeeks: 30,
      step: 30,
      cvThreshold: 0.3,
    }).diagnostics.map((d) => d.subject),
    ["tv"],
  );
  assert.deepEqual(flagged, [], "under the default threshold 0.5 nothing is flagged");
  assert.match(r.toTable().toHtml(), /ROAS in 4 rolling windows/);
});
