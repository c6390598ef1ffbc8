import assert from "node:assert/strict";
import { ConfigError } from "mixlab";
import { getTransform, resolveTransform } from "mixlab/transforms";

Deno.test("getTransform() rejects an unknown kind and lists the allowed ones", () => {
  assert.throws(() => getTransform("hil"), (e: unknown) => {
    assert.ok(e instanceof ConfigError);
    assert.match(e.message, /Cannot find transform: unknown transform kind "hil"/);
    assert.match(e.hint ?? "", /"hill"/);
    return true;
  });
});

Deno.test("getTransform() enforces the family", () => {
  assert.throws(() => getTransform("hill", { family: "adstock", key: "channels.tv.adstock" }), {
    name: "ConfigError",
  });
  assert.equal(getTransform("geometric", { family: "adstock" }).kind, "geometric");
});

Deno.test("resolveTransform() fills defaults and freezes", () => {
  const s = resolveTransform({ kind: "weibull-pdf", params: { shape: 3 } });
  assert.deepEqual(s, { kind: "weibull-pdf", params: { shape: 3, scale: 3, maxLag: 52 } });
  assert.ok(Object.isFrozen(s) && Object.isFrozen(s.params));
});

Deno.test("resolveTransform() rejects unknown names, out-of-range and fractional lags", () => {
  assert.throws(
    () => resolveTransform({ kind: "geometric", params: { theta: 0.3 } }),
    (e: unknown) => e instanceof ConfigError && e.key === "kind.params.theta",
  );
  assert.throws(
    () => resolveTransform({ kind: "geometric", params: { decay: 1 } }, { key: "tv.adstock" }),
    (e: unknown) => e instanceof ConfigError && e.key === "tv.adstock.params.decay",
  );
  assert.throws(
    () => resolveTransform({ kind: "geometric-normalized", params: { maxLag: 2.5 } }),
    ConfigError,
  );
  assert.throws(() => resolveTransform({ kind: "hill", params: { shape: NaN } }), ConfigError);
});
