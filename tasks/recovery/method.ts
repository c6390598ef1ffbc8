/**
 * What a recovery method is: a name, one line saying what it does, and a function from a
 * generated data set to per-channel estimates and the warnings the fit raised. Every method
 * fits on the same weeks (all but the last {@link HOLDOUT_WEEKS}, as the CLI does) and is
 * scored against the truth over those weeks.
 *
 * @module
 */
import { fitConfigured, summarizeConfigured } from "../../lib/config/fit_configured.ts";
import { parseMmmConfig } from "../../lib/config/mmm_config.ts";
import { sliceRows } from "../../lib/mmm_data.ts";
import { measureGuardrails } from "../../lib/guardrails/measure.ts";
import type { MmmData } from "../../lib/types.ts";
import type { GeneratedSet } from "./generators/truth.ts";
import { type ConfigJson, HOLDOUT_WEEKS } from "./mixlab_input.ts";

/** What a method is given. */
export interface MethodInput {
  /** The generated set (its truth must not be used, except by the `*-true` ceiling methods). */
  readonly set: GeneratedSet;
  /** The set as mixlab data, every week (the method holds out the last {@link HOLDOUT_WEEKS}). */
  readonly data: MmmData;
  /** The config a new user writes for the set (`"tuning": true`, nothing else). */
  readonly config: ConfigJson;
  /** Short run for CI: fewer tuning trials and posterior draws. */
  readonly quick: boolean;
  /** The seed of every fit. */
  readonly seed: number;
}

/** One channel's estimate. */
export interface ChannelEstimate {
  /** Channel name. */
  readonly name: string;
  /** ROAS over the training weeks. */
  readonly roas: number;
  /** 90% interval of the ROAS, where the method has one. */
  readonly roasCi90?: readonly [number, number];
  /** Marginal ROAS: the return of the next unit at +1% spend, where the method reports it. */
  readonly mroas?: number;
  /** 90% interval of the marginal ROAS, where the method has one. */
  readonly mroasCi90?: readonly [number, number];
  /**
   * Share of the contribution below the lowest observed input, as the `extrapolated-effect`
   * guardrail measures it on the reported fit.
   */
  readonly extrapolation?: number;
  /** Share of the media effect. */
  readonly effectShare: number;
}

/** A method's answer on one set. */
export interface MethodEstimate {
  /** Per channel, in the set's channel order. */
  readonly channels: readonly ChannelEstimate[];
  /** Codes of the diagnostics of level "warning" the fit raised (with subjects, e.g. `vif-high:tv`). */
  readonly warnings: readonly string[];
}

/** A recovery method. */
export interface RecoveryMethod {
  /** Name used by `--methods` and in the table. */
  readonly name: string;
  /** One line: what it fits and how. */
  readonly summary: string;
  /** Fits one set. */
  estimate(input: MethodInput): Promise<MethodEstimate>;
}

/**
 * Runs a config through the library entry the CLI uses (`parseMmmConfig`, `fitConfigured`,
 * `summarizeModel` with the holdout, cross-validation and rolling stability, as `mmm fit` calls
 * it), seeded with `seed`, and reads what `result.json` would report: each channel's ROAS (and
 * `roas_ci90` where there are draws), effect share, and the warnings.
 *
 * One step of `mmm fit` is left out because the study does not use it: the refit on every week
 * for `model.json`. The model is fitted on the training weeks (`holdoutWeeks` 0 on those rows,
 * which is what `fitConfigured` does with the full data) and scored on the held-out weeks.
 */
export async function estimateConfigured(
  config: ConfigJson,
  data: MmmData,
  seed: number,
): Promise<MethodEstimate> {
  const parsed = parseMmmConfig({ ...config, seed });
  if (parsed.holdoutWeeks !== HOLDOUT_WEEKS) {
    throw new RangeError(`Cannot run a recovery method: holdoutWeeks must be ${HOLDOUT_WEEKS}`);
  }
  const n = data.dates.length;
  const holdout = sliceRows(data, n - HOLDOUT_WEEKS);
  const run = await fitConfigured(
    { ...parsed, holdoutWeeks: 0 },
    sliceRows(data, 0, n - HOLDOUT_WEEKS),
  );
  const summary = summarizeConfigured(parsed, { ...run, holdout });
  const shares = new Map(summary.decomposition.channels.map((c) => [c.channel, c.effectShare]));
  const measured = new Map(
    measureGuardrails(run.fit).channels.map((c) => [c.channel, c.extrapolation]),
  );
  return {
    channels: summary.returns.channels.map((r): ChannelEstimate => ({
      name: r.channel,
      roas: r.roas.value,
      mroas: r.mroas.value,
      ...(measured.has(r.channel) ? { extrapolation: measured.get(r.channel) as number } : {}),
      effectShare: shares.get(r.channel) ?? 0,
      ...(r.roas.lower === undefined ? {} : { roasCi90: [r.roas.lower, r.roas.upper as number] }),
      ...(r.mroas.lower === undefined
        ? {}
        : { mroasCi90: [r.mroas.lower, r.mroas.upper as number] as const }),
    })),
    warnings: summary.warnings.filter((w) => w.level === "warning").map((w) =>
      w.subject === undefined ? w.code : `${w.code}:${w.subject}`
    ),
  };
}
