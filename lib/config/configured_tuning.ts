/**
 * A config's `tuning` section as options of `tune`: the search, its objectives, the
 * families each channel may take, and the bounds (fixed parameters and `channels.<name>.bounds`).
 *
 * @module
 */
import { ConfigError } from "../errors.ts";
import { paramKey } from "../models/param_key.ts";
import { getTransform } from "../transforms/registry.ts";
import type { BoundInput } from "../tuning/mmm_search_space.ts";
import type { TuneOptions } from "../tuning/tune.ts";
import type { MmmConfig } from "./mmm_config.ts";

/** The options of `tune` a config's `tuning` section (and model) asks for. */
export function configuredTuneOptions(config: MmmConfig): TuneOptions {
  const t = config.tuning;
  if (t === undefined) {
    throw new ConfigError("Cannot tune: the config has no tuning section", { key: "tuning" });
  }
  const model = config.model;
  return {
    trials: t.trials,
    sampler: t.strategy,
    seed: config.seed,
    folds: t.folds,
    metric: t.objectives.includes("mse") ? "mse" : "nrmse",
    rssd: t.objectives.includes("decomp_rssd"),
    validation: t.validation,
    nonNegative: model.nonNegative,
    guardrails: config.guardrails,
    families: t.families
      ? { ...t.families, keep: Object.fromEntries(config.channels.map((c) => [c.name, c.given])) }
      : false,
    bounds: tuningBounds(config),
    channelTypes: Object.fromEntries(
      config.channels.flatMap((c) => (c.type ? [[c.name, c.type]] : [])),
    ),
    ...(model.lambda === undefined ? {} : { lambda: model.lambda }),
  };
}

/**
 * Tuning bounds from the config: a channel's `bounds` entries, and every transform parameter the
 * config fixes (`params`), addressed as `"<channel>.<adstock|saturation>.<param>"`.
 */
function tuningBounds(config: MmmConfig): Record<string, BoundInput> {
  const out: Record<string, BoundInput> = {};
  for (const c of config.channels) {
    for (const stage of ["adstock", "saturation"] as const) {
      const t = c[stage];
      const params = getTransform(t.kind, { family: stage }).params;
      for (const [p, v] of Object.entries(t.params)) out[paramKey(c.name, stage, p)] = v;
      for (const [p, b] of Object.entries(c.bounds)) {
        if (p in params) out[paramKey(c.name, stage, p)] = b;
      }
    }
    for (const p of Object.keys(c.bounds)) {
      const known = ["adstock", "saturation"].some((stage) =>
        p in getTransform(c[stage as "adstock" | "saturation"].kind).params
      );
      if (!known) {
        throw new ConfigError(
          `Cannot tune: channels.${c.name}.bounds.${p} is not a parameter of "${c.adstock.kind}" or "${c.saturation.kind}"`,
          { key: `channels.${c.name}.bounds.${p}` },
        );
      }
    }
  }
  return out;
}
