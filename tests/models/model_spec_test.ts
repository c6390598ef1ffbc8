import assert from "node:assert/strict";
import { ConfigError, defineModelSpec } from "mixlab";
import { specFromJSON, specToJSON } from "mixlab/models";

Deno.test("defineModelSpec() fills defaults and deep-freezes", () => {
  const spec = defineModelSpec({ channels: ["tv"] });
  assert.deepEqual(spec, {
    channels: [{
      name: "tv",
      adstock: { kind: "geometric", params: { decay: 0.3 } },
      saturation: { kind: "hill", params: { halfSaturation: 1, shape: 1 } },
    }],
    controls: [],
    baseline: { yearlyFourier: 2, trend: "linear", events: {} },
    specification: "linear",
  });
  assert.ok(Object.isFrozen(spec.channels[0]!.adstock.params));
  assert.ok(Object.isFrozen(spec.baseline.events));
});

Deno.test("defineModelSpec() defaults log-log media to log1p", () => {
  const spec = defineModelSpec({ channels: { tv: {} }, specification: "log-log" });
  assert.equal(spec.channels[0]!.saturation.kind, "log1p");
});

Deno.test("defineModelSpec() names the bad key", () => {
  const cases: [unknown, string][] = [
    [{ channels: { tv: { adstock: { kind: "geometrc" } } } }, "channels.tv.adstock.kind"],
    [
      { channels: { tv: { saturation: { kind: "hill", params: { k: 1 } } } } },
      "channels.tv.saturation.params.k",
    ],
    [{ channels: { tv: { scale: -1 } } }, "channels.tv.scale"],
    [{ channels: ["tv"], baseline: { trend: "cubic" } }, "baseline.trend"],
    [{ channels: ["tv"], baseline: { yearlyFourier: 1.5 } }, "baseline.yearlyFourier"],
    [{ channels: ["tv"], baseline: { events: { xmas: ["24/12/2024"] } } }, "baseline.events.xmas"],
    [{ channels: ["tv", "tv"] }, "channels.tv"],
    [{ channels: ["trend"] }, "channels.trend"],
    [{ channels: ["tv"], controls: ["tv"] }, "controls.0"],
    [{ channels: ["tv"], specification: "log" }, "specification"],
  ];
  for (const [input, key] of cases) {
    assert.throws(
      () => defineModelSpec(input as never),
      (e: unknown) => e instanceof ConfigError && e.key === key,
      key,
    );
  }
});

Deno.test("specToJSON() and specFromJSON() round-trip every registered kind", () => {
  const spec = defineModelSpec({
    channels: [
      { name: "a", adstock: { kind: "geometric-normalized" }, saturation: { kind: "logistic" } },
      { name: "b", adstock: { kind: "delayed" }, saturation: { kind: "michaelis-menten" } },
      { name: "c", adstock: { kind: "weibull-cdf" }, saturation: { kind: "tanh" }, scale: 2 },
      { name: "d", adstock: { kind: "weibull-pdf" }, saturation: { kind: "power-hill" } },
      { name: "e", saturation: { kind: "identity" } },
      { name: "f", saturation: { kind: "log1p" } },
    ],
    controls: ["price"],
    baseline: { events: { launch: ["2024-03-04"] }, trend: "quadratic" },
  });
  assert.deepEqual(specFromJSON(JSON.parse(JSON.stringify(specToJSON(spec)))), spec);
  assert.throws(() => specFromJSON({ format: "other" }), ConfigError);
});
