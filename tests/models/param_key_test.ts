import assert from "node:assert/strict";
import { defineModelSpec } from "../../lib/models/model_spec.ts";
import { paramKey, parseParamKey, specWithParams } from "../../lib/models/param_key.ts";

Deno.test("paramKey and parseParamKey are inverses, also for channel names with dots", () => {
  for (
    const [channel, stage, param] of [
      ["tv", "adstock", "decay"],
      ["search.brand", "saturation", "halfSaturation"],
      ["a.adstock", "adstock", "maxLag"],
    ] as const
  ) {
    assert.deepEqual(parseParamKey(paramKey(channel, stage, param)), { channel, stage, param });
  }
});

Deno.test("parseParamKey rejects names that are not transform parameters", () => {
  for (const key of ["lambda", "roas.tv", "tv.decay", ".adstock.decay", "tv.carryover.decay"]) {
    assert.equal(parseParamKey(key), undefined, key);
  }
});

Deno.test("specWithParams replaces and appends by key, ignores other keys, leaves spec alone", () => {
  const spec = defineModelSpec({
    channels: {
      tv: { adstock: { kind: "geometric", params: { decay: 0.2 } } },
      radio: {},
    },
  });
  const out = specWithParams(spec, {
    "tv.adstock.decay": 0.8,
    "tv.saturation.halfSaturation": 2,
    "tv.adstock.extra": 5,
    "print.adstock.decay": 0.9,
    lambda: 3,
  });
  assert.deepEqual(out.channels[0]!.adstock, {
    kind: "geometric",
    params: { decay: 0.8, extra: 5 },
  });
  assert.equal(out.channels[0]!.saturation.params.halfSaturation, 2);
  assert.deepEqual(out.channels[1], spec.channels[1]);
  assert.equal(spec.channels[0]!.adstock.params.decay, 0.2);
  assert.equal(out.channels.length, 2);
});
