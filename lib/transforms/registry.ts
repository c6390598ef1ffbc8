/**
 * The transform registry: every transform is found by its `kind`, and a spec's transform is
 * resolved (parameters checked, defaults filled) here, once, at the edge.
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import type { TransformSpec } from "../types.ts";
import type { TransformDescriptor, TransformFamily } from "./descriptor.ts";
import { GEOMETRIC, GEOMETRIC_NORMALIZED } from "./adstock/geometric.ts";
import { DELAYED } from "./adstock/delayed.ts";
import { BINOMIAL } from "./adstock/binomial.ts";
import { WEIBULL_CDF, WEIBULL_PDF } from "./adstock/weibull.ts";
import { HILL, POWER_HILL } from "./saturation/hill.ts";
import { LOGISTIC } from "./saturation/logistic.ts";
import { MICHAELIS_MENTEN } from "./saturation/michaelis_menten.ts";
import { TANH } from "./saturation/tanh.ts";
import { LOG1P } from "./saturation/log1p.ts";
import { IDENTITY } from "./saturation/identity.ts";

const REGISTRY: ReadonlyMap<string, TransformDescriptor> = new Map(
  [
    GEOMETRIC,
    GEOMETRIC_NORMALIZED,
    DELAYED,
    BINOMIAL,
    WEIBULL_CDF,
    WEIBULL_PDF,
    HILL,
    POWER_HILL,
    LOGISTIC,
    MICHAELIS_MENTEN,
    TANH,
    LOG1P,
    IDENTITY,
  ].map((d) => [d.kind, d]),
);

/** Registered adstock kinds, in registration order. */
export const adstockKinds: readonly string[] = Object.freeze(
  [...REGISTRY.values()].filter((d) => d.family === "adstock").map((d) => d.kind),
);

/** Registered saturation kinds, in registration order. */
export const saturationKinds: readonly string[] = Object.freeze(
  [...REGISTRY.values()].filter((d) => d.family === "saturation").map((d) => d.kind),
);

/** Options of {@link getTransform} and {@link resolveTransform}. */
export interface TransformLookupOptions {
  /** Require this family. @default undefined (any family) */
  readonly family?: TransformFamily;
  /** Config key reported in errors, as a dotted path. @default "kind" */
  readonly key?: string;
}

/**
 * The descriptor registered under `kind`.
 *
 * @throws {ConfigError} when no transform (of the requested family) has that kind; the hint
 * lists the allowed kinds.
 *
 * @example Looking up a transform and using it
 * ```ts
 * import { getTransform } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const hill = getTransform("hill");
 * assert.equal(hill.family, "saturation");
 * assert.equal(hill.apply(new Float64Array([1]), { halfSaturation: 1, shape: 2 })[0], 0.5);
 * ```
 */
export function getTransform(
  kind: string,
  options: TransformLookupOptions = {},
): TransformDescriptor {
  const d = REGISTRY.get(kind);
  if (d === undefined || (options.family !== undefined && d.family !== options.family)) {
    const allowed = options.family === "adstock"
      ? adstockKinds
      : options.family === "saturation"
      ? saturationKinds
      : [...REGISTRY.keys()];
    throw new ConfigError(
      `Cannot find transform: unknown ${options.family ?? "transform"} kind "${kind}"`,
      {
        key: options.key ?? "kind",
        hint: `use one of ${allowed.map((k) => `"${k}"`).join(", ")}`,
      },
    );
  }
  return d;
}

/** A transform as a user may write it: parameters may be left out to take their defaults. */
export interface TransformInput {
  /** Registered kind. */
  readonly kind: string;
  /** Parameter values; missing ones take the descriptor's default. @default {} */
  readonly params?: Readonly<Record<string, number>>;
}

/**
 * Checks a transform against its descriptor and returns a frozen {@link TransformSpec} with
 * every parameter present (defaults filled in, in the descriptor's order; whole-number
 * parameters must be whole).
 *
 * @throws {ConfigError} for an unknown kind, an unknown parameter name, or a value that is not
 * finite, not whole where required, or outside the parameter's hard limits.
 *
 * @example Defaults are filled in
 * ```ts
 * import { resolveTransform } from "mixlab/transforms";
 * import assert from "node:assert/strict";
 * const s = resolveTransform({ kind: "hill", params: { shape: 2 } });
 * assert.deepEqual(s.params, { halfSaturation: 1, shape: 2 });
 * ```
 */
export function resolveTransform(
  input: TransformInput,
  options: TransformLookupOptions = {},
): TransformSpec {
  const key = options.key ?? "kind";
  if (input === null || typeof input !== "object" || typeof input.kind !== "string") {
    throw new ConfigError('Cannot resolve transform: expected an object with a string "kind"', {
      key,
    });
  }
  const d = getTransform(input.kind, { ...options, key: `${key}.kind` });
  const given = input.params ?? {};
  for (const name of Object.keys(given)) {
    if (!(name in d.params)) {
      throw new ConfigError(
        `Cannot resolve transform: "${d.kind}" has no parameter "${name}"`,
        {
          key: `${key}.params.${name}`,
          hint: `use ${Object.keys(d.params).map((k) => `"${k}"`).join(", ") || "no parameters"}`,
        },
      );
    }
  }
  const params: Record<string, number> = {};
  for (const [name, spec] of Object.entries(d.params)) {
    const v = given[name] ?? spec.default;
    const bad = typeof v !== "number" || !Number.isFinite(v) || v < spec.min || v > spec.max ||
      (spec.integer === true && !Number.isInteger(v));
    if (bad) {
      throw new ConfigError(
        `Cannot resolve transform: "${d.kind}" parameter "${name}" is ${String(v)}`,
        {
          key: `${key}.params.${name}`,
          hint: `use a ${spec.integer ? "whole number" : "number"} in [${spec.min}, ${spec.max}]`,
        },
      );
    }
    params[name] = v;
  }
  return Object.freeze({ kind: d.kind, params: Object.freeze(params) });
}
