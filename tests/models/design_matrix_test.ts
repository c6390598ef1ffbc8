import assert from "node:assert/strict";
import { defineModelSpec, FitError, type MmmData, MmmDataError } from "mixlab";
import { designBasis, designMatrix } from "mixlab/models";
import { weeklyDates } from "./_fixed_design.ts";

function data(n: number, start = "2023-01-02"): MmmData {
  return {
    dates: weeklyDates(n, start),
    kpiKind: "revenue",
    kpi: { name: "sales", values: new Float64Array(n).fill(10) },
    channels: [{ name: "tv", spend: Float64Array.from({ length: n }, (_, i) => (i % 2) * 4) }],
    controls: [],
  };
}

Deno.test("designMatrix() trend runs 0 → 1 over training and extrapolates", () => {
  const train = data(5),
    spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 0 } });
  const basis = designBasis(train, spec);
  assert.equal(basis.spec.channels[0]!.scale, 1.6); // mean of 0, 4, 0, 4, 0
  assert.deepEqual(Array.from(designMatrix(train, basis).values[1]!), [0, 0.25, 0.5, 0.75, 1]);
  const future = data(2, "2023-02-06"); // weeks 5 and 6 after the origin
  assert.deepEqual(Array.from(designMatrix(future, basis, { response: false }).values[1]!), [
    1.25,
    1.5,
  ]);
});

Deno.test("designMatrix() Fourier terms follow the calendar day of year / 365.25", () => {
  const d = data(2, "2023-04-02"); // day 91 of 2023 (0-based)
  const spec = defineModelSpec({ channels: ["tv"], baseline: { yearlyFourier: 1, trend: "none" } });
  const m = designMatrix(d, designBasis(d, spec));
  assert.ok(Math.abs(m.values[1]![0]! - Math.sin(2 * Math.PI * 91 / 365.25)) < 1e-15);
  assert.ok(Math.abs(m.values[2]![1]! - Math.cos(2 * Math.PI * 98 / 365.25)) < 1e-15);
});

Deno.test("designMatrix() flags an event in the week that contains it", () => {
  const d = data(4); // 2023-01-02, -09, -16, -23
  const spec = defineModelSpec({
    channels: ["tv"],
    baseline: { yearlyFourier: 0, trend: "none", events: { sale: ["2023-01-11", "2023-01-23"] } },
  });
  assert.deepEqual(Array.from(designMatrix(d, designBasis(d, spec)).values[1]!), [0, 1, 0, 1]);
});

Deno.test("designMatrix() carries adstock over from history rows", () => {
  const all = data(6),
    spec = defineModelSpec({
      channels: [{
        name: "tv",
        scale: 1,
        saturation: { kind: "identity" },
        adstock: { kind: "geometric", params: { decay: 0.5 } },
      }],
      baseline: { yearlyFourier: 0, trend: "none" },
    });
  const basis = designBasis(all, spec);
  const full = designMatrix(all, basis).values[0]!;
  const slice = (m: MmmData, a: number, b: number): MmmData => ({
    ...m,
    dates: m.dates.slice(a, b),
    kpi: { ...m.kpi, values: m.kpi.values.slice(a, b) },
    channels: m.channels.map((c) => ({ name: c.name, spend: c.spend.slice(a, b) })),
  });
  const tail = designMatrix(slice(all, 3, 6), basis, { history: slice(all, 0, 3) }).values[0]!;
  // spend 0,4,0,4,0,4 → adstock 0, 4, 2, 5, 2.5, 5.25, over the gain 1/(1 − 0.5) = 2
  assert.deepEqual(Array.from(full), [0, 2, 1, 2.5, 1.25, 2.625]);
  assert.deepEqual(Array.from(tail), [2.5, 1.25, 2.625]);
});

Deno.test("designMatrix() adstocks each geo separately", () => {
  const base = data(4);
  const panel: MmmData = {
    ...base,
    dates: [...base.dates.slice(0, 2), ...base.dates.slice(0, 2)],
    channels: [{ name: "tv", spend: new Float64Array([2, 0, 4, 0]) }],
    geo: { name: "region", values: ["a", "a", "b", "b"] },
  };
  const spec = defineModelSpec({
    channels: [{
      name: "tv",
      scale: 1,
      saturation: { kind: "identity" },
      adstock: { kind: "geometric", params: { decay: 0.5 } },
    }],
    baseline: { yearlyFourier: 0, trend: "none" },
  });
  // geo a: 2, 1; geo b: 4, 2 (no carryover across geos), over the gain 2
  assert.deepEqual(Array.from(designMatrix(panel, designBasis(panel, spec)).values[0]!), [
    1,
    0.5,
    2,
    1,
  ]);
});

Deno.test("designBasis() and designMatrix() reject unusable data", () => {
  const d = data(3), spec = defineModelSpec({ channels: ["tv"] });
  assert.throws(
    () => designBasis({ ...d, channels: [{ name: "tv", spend: new Float64Array(3) }] }, spec),
    (e: unknown) => e instanceof FitError && e.channel === "tv",
  );
  assert.throws(() => designBasis(d, defineModelSpec({ channels: ["radio"] })), {
    name: "ConfigError",
  });
  const logSpec = defineModelSpec({ channels: ["tv"], specification: "log-log" });
  const zero = { ...d, kpi: { name: "sales", values: new Float64Array([1, 0, 2]) } };
  assert.throws(
    () => designMatrix(zero, designBasis(zero, logSpec)),
    (e: unknown) => e instanceof MmmDataError && e.rows?.[0] === 1,
  );
});
