/**
 * The searched parameters of a chosen candidate, as the `param-on-bound` check reads them: each
 * free parameter's value and range and, given the spec, what its transform's curve becomes at
 * the range's ends (the descriptor's `edges`).
 *
 * @module
 */
import type { SearchedParam } from "../guardrails/guardrails.ts";
import { getTransform } from "../transforms/registry.ts";
import type { ModelSpec } from "../types.ts";
import type { ParamDef } from "./search_space.ts";

/**
 * The free parameters among `params` with their chosen `values`; with `spec`, each transform
 * parameter carries its descriptor's `edges`.
 *
 * @example The logistic's λ carries what the curve is at its ends
 * ```ts
 * import { defineModelSpec } from "mixlab";
 * import { searchedParams } from "./_searched_params.ts";
 * import assert from "node:assert/strict";
 * const spec = defineModelSpec({ channels: [{ name: "tv", saturation: { kind: "logistic" } }] });
 * const [p] = searchedParams(
 *   [{ name: "tv.saturation.lambda", lower: 0.1, upper: 3.3 }, { name: "x", lower: 1, upper: 1, fixed: 1 }],
 *   { "tv.saturation.lambda": 0.1 },
 *   spec,
 * );
 * assert.equal(p!.value, 0.1);
 * assert.ok(p!.edges?.lower?.includes("straight line"));
 * ```
 */
export function searchedParams(
  params: readonly ParamDef[],
  values: Readonly<Record<string, number>>,
  spec?: ModelSpec,
): SearchedParam[] {
  return params.filter((p) => p.fixed === undefined).map((p) => {
    const edges = spec === undefined ? undefined : edgesOf(spec, p.name);
    return {
      name: p.name,
      value: values[p.name] as number,
      lower: p.lower,
      upper: p.upper,
      ...(edges === undefined ? {} : { edges }),
    };
  });
}

/** What a transform parameter's curve becomes at its range's ends (its descriptor's `edges`). */
function edgesOf(spec: ModelSpec, name: string) {
  const [channel, stage, param] = name.split(".");
  const c = spec.channels.find((x) => x.name === channel);
  if (c === undefined || (stage !== "adstock" && stage !== "saturation")) return undefined;
  return getTransform(c[stage].kind).params[param as string]?.edges;
}
