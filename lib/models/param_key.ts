/**
 * The name of one transform parameter of a spec, `"<channel>.<stage>.<param>"`
 * (`"tv.adstock.decay"`): how tuning bounds, search trials and fitted parameter rows address it.
 * The one place that writes and reads such a name, and that puts values back into a spec.
 *
 * @module
 */
import type { ModelSpec } from "../types.ts";

/** The two transform stages of a channel. */
export type TransformStage = "adstock" | "saturation";

/** The parts of a transform parameter's key. */
export interface ParamKeyParts {
  /** Channel name (may itself contain dots). */
  readonly channel: string;
  /** The transform's stage. */
  readonly stage: TransformStage;
  /** Parameter name, e.g. `"decay"`. */
  readonly param: string;
}

/**
 * The key of one transform parameter.
 *
 * @example
 * ```ts
 * import { paramKey } from "mixlab/models/param_key.ts";
 * import assert from "node:assert/strict";
 * assert.equal(paramKey("tv", "adstock", "decay"), "tv.adstock.decay");
 * ```
 */
export function paramKey(channel: string, stage: TransformStage, param: string): string {
  return `${channel}.${stage}.${param}`;
}

/**
 * A key's parts, or `undefined` when it does not name a transform parameter (`"lambda"`, …).
 * The stage and parameter are the last two segments, so a channel name may contain dots.
 *
 * @example
 * ```ts
 * import { parseParamKey } from "mixlab/models/param_key.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseParamKey("search.brand.saturation.halfSaturation"), {
 *   channel: "search.brand", stage: "saturation", param: "halfSaturation",
 * });
 * assert.equal(parseParamKey("lambda"), undefined);
 * ```
 */
export function parseParamKey(key: string): ParamKeyParts | undefined {
  const last = key.lastIndexOf(".");
  const middle = key.lastIndexOf(".", last - 1);
  if (last < 0 || middle <= 0) return undefined;
  const stage = key.slice(middle + 1, last);
  if (stage !== "adstock" && stage !== "saturation") return undefined;
  return { channel: key.slice(0, middle), stage, param: key.slice(last + 1) };
}

/**
 * The spec with transform parameters replaced by the values named by key. A key for a parameter
 * the spec does not list adds it after the listed ones; keys that name no transform parameter of
 * the spec's channels (`"lambda"`, another channel) are ignored.
 *
 * @param spec The spec whose transforms to fill.
 * @param values Values by key, e.g. a tuning trial's parameters.
 * @returns A new spec; `spec` is not changed.
 *
 * @example
 * ```ts
 * import { defineModelSpec } from "mixlab/models/model_spec.ts";
 * import { specWithParams } from "mixlab/models/param_key.ts";
 * import assert from "node:assert/strict";
 * const spec = defineModelSpec({ channels: ["tv"] });
 * const tuned = specWithParams(spec, { "tv.adstock.decay": 0.7, lambda: 0.1 });
 * assert.equal(tuned.channels[0]!.adstock.params.decay, 0.7);
 * assert.equal(spec.channels[0]!.adstock.params.decay, 0.3);
 * ```
 */
export function specWithParams(
  spec: ModelSpec,
  values: Readonly<Record<string, number>>,
): ModelSpec {
  const parsed = Object.entries(values).flatMap(([key, value]) => {
    const parts = parseParamKey(key);
    return parts === undefined ? [] : [{ ...parts, value }];
  });
  return {
    ...spec,
    channels: spec.channels.map((ch) => {
      const pick = (stage: TransformStage) => {
        const params: Record<string, number> = { ...ch[stage].params };
        for (const p of parsed) {
          if (p.channel === ch.name && p.stage === stage) params[p.param] = p.value;
        }
        return { kind: ch[stage].kind, params };
      };
      return { ...ch, adstock: pick("adstock"), saturation: pick("saturation") };
    }),
  };
}
