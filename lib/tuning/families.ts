/**
 * Choosing each channel's adstock and saturation families from the data, after a tuning run
 * (Robyn and PyMC-Marketing make the user pick them).
 *
 * For each channel in turn, every candidate pair (adstock family × saturation family) is fitted
 * with the other channels held at their current transforms and λ held at its chosen value: a
 * small differential evolution search over that channel's parameters only. Pairs are compared
 * by an information criterion, so a family with more parameters must earn them:
 * - in-sample scoring: BIC, `n·ln(SSE/n) + ln(n)·k`, with k the channel's free transform
 *   parameters (Schwarz 1978); each extra parameter must cut the residual sum of squares by a
 *   factor of about `n^(1/n)` (3.5% at 143 weeks);
 * - cross-validated scoring: the one-standard-error rule (Breiman et al. 1984, §3.4.3): the pair
 *   with the fewest parameters whose CV error is within one standard error of the best pair's.
 *
 * Pairs rank in three tiers before their scores count: sound pairs; then, for a channel that
 * spent in every week, sound pairs whose best saturation parameter ends on its range's edge
 * (within 1% of its width, the `param-on-bound` rule); then pairs with no sound candidate at
 * all. A saturation parameter on its edge means the family cannot bend the way the data do: the
 * logistic at its smallest λ is a straight line through zero, the fit asking for a curve that
 * rises faster than a line across the observed spend (the foot of an S-shaped response), which
 * no concave family can draw. For a channel that was never dark, nothing in the data shows the
 * curve below its lowest spend, and a line through zero credits all of it at the marginal
 * return; a channel with weeks at zero shows that part, so its line is measured, not assumed
 * (the recovery study's figures with and without the rule: README, "Tuning defaults, and why").
 *
 * Ties go to the channel's current pair. A channel moves to a new pair only when it scores
 * better; the channels are visited in the spec's order, each against the others' latest choice.
 *
 * @module
 */
import { boundDiagnostics } from "../guardrails/guardrails.ts";
import { getTransform } from "../transforms/registry.ts";
import type { ChannelSpec, MmmData, ModelSpec, TransformSpec } from "../types.ts";
import { minimize } from "./minimize.ts";
import { searchedParams } from "./_searched_params.ts";
import { mmmSearchSpace, type MmmSearchSpaceOptions } from "./mmm_search_space.ts";
import type { MmmObjectivePayload } from "./mmm_objective.ts";
import { differentialEvolutionSampler } from "./differential_evolution_sampler.ts";

/** Candidate families and the screening budget. */
export interface FamilyOptions {
  /** Adstock kinds to try for every channel. @default ["geometric", "weibull-pdf"] */
  readonly adstock?: readonly string[];
  /** Saturation kinds to try for every channel. @default ["hill", "logistic"] */
  readonly saturation?: readonly string[];
  /** Trials of each channel × pair search. @default 200 */
  readonly trials?: number;
  /**
   * Stages whose family the user chose, per channel: they keep it (`{ tv: { adstock: true } }`
   * tries only saturation families for tv). @default {}
   */
  readonly keep?: Readonly<
    Record<string, { readonly adstock?: boolean; readonly saturation?: boolean }>
  >;
}

/** How one family pair scored for one channel. */
export interface FamilyScore {
  /** Adstock kind. */
  readonly adstock: string;
  /** Saturation kind. */
  readonly saturation: string;
  /** Free transform parameters of the pair. */
  readonly parameters: number;
  /** In-sample: BIC; cross-validated: mean CV error. Lower is better. */
  readonly score: number;
  /** Cross-validated: the standard error of the CV error; in-sample: 0. */
  readonly se: number;
  /**
   * Rank before the score: 0 sound, 1 sound but (for a channel never dark) with a saturation
   * parameter on its range's edge, 2 no sound candidate (see the module doc).
   */
  readonly tier: 0 | 1 | 2;
  /** The pair's best parameters for this channel (`"<stage>.<param>"`). */
  readonly params: Readonly<Record<string, number>>;
}

/** What each {@link FamilyScore.tier} means, as the families table shows it. */
export const FAMILY_TIER_LABELS = [
  "sound",
  "saturation on its range's edge",
  "no sound candidate",
] as const;

/** The families chosen for one channel and the scores behind the choice. */
export interface FamilyChoice {
  /** Channel name. */
  readonly channel: string;
  /** Scores of every pair tried, in the order tried (the current pair first). */
  readonly scores: readonly FamilyScore[];
  /** Index of the chosen pair in `scores`. */
  readonly chosen: number;
}

/** Context of {@link chooseFamilies}: what the tuning run searched and chose. */
export interface FamilyContext {
  /** The spec with the chosen transforms (scales filled). */
  readonly spec: ModelSpec;
  /** The chosen λ. */
  readonly lambda: number;
  /** The evaluator's settings (without data, spec and parameter names). */
  readonly objective: Omit<MmmObjectivePayload, "data" | "spec" | "paramNames">;
  /** Bounds and channel types of the tuning run. */
  readonly space: MmmSearchSpaceOptions;
  /** Seed. */
  readonly seed: number;
}

function freeCount(t: TransformSpec, stage: "adstock" | "saturation"): number {
  return Object.values(getTransform(t.kind, { family: stage }).params).filter((p) => !p.integer)
    .length;
}

/**
 * Screens each channel's family pairs against the others' current transforms (see the module
 * doc) and returns the spec with the chosen pairs and their best parameters, and the scores.
 */
export async function chooseFamilies(
  data: MmmData,
  context: FamilyContext,
  options: FamilyOptions = {},
): Promise<{ spec: ModelSpec; choices: FamilyChoice[] }> {
  const adstocks = options.adstock ?? ["geometric", "weibull-pdf"];
  const saturations = options.saturation ?? ["hill", "logistic"];
  const trials = options.trials ?? 200;
  const inSample = context.objective.validation === "in-sample";
  const n = data.dates.length;
  let spec = context.spec;
  const choices: FamilyChoice[] = [];
  for (let j = 0; j < spec.channels.length; j++) {
    const current = spec.channels[j] as ChannelSpec;
    const keep = options.keep?.[current.name] ?? {};
    const pairs: [string, string][] = [[current.adstock.kind, current.saturation.kind]];
    for (const a of keep.adstock ? [current.adstock.kind] : adstocks) {
      for (const s of keep.saturation ? [current.saturation.kind] : saturations) {
        if (!(a === current.adstock.kind && s === current.saturation.kind)) pairs.push([a, s]);
      }
    }
    if (pairs.length === 1) continue;
    const scores: FamilyScore[] = [];
    for (const [a, s] of pairs) {
      const same = a === current.adstock.kind && s === current.saturation.kind;
      const channel: ChannelSpec = {
        ...current,
        adstock: same ? current.adstock : { kind: a, params: defaults(a, "adstock") },
        saturation: same ? current.saturation : { kind: s, params: defaults(s, "saturation") },
      };
      const trialSpec = { ...spec, channels: spec.channels.map((c, i) => i === j ? channel : c) };
      scores.push(await screen(data, trialSpec, j, context, trials, inSample, n));
    }
    const chosen = pick(scores, inSample);
    choices.push({ channel: current.name, scores, chosen });
    const best = scores[chosen] as FamilyScore;
    spec = {
      ...spec,
      channels: spec.channels.map((c, i) =>
        i === j
          ? {
            ...c,
            adstock: { kind: best.adstock, params: stageParams(best.params, "adstock") },
            saturation: { kind: best.saturation, params: stageParams(best.params, "saturation") },
          }
          : c
      ),
    };
  }
  return { spec, choices };
}

function defaults(kind: string, stage: "adstock" | "saturation"): Record<string, number> {
  return Object.fromEntries(
    Object.entries(getTransform(kind, { family: stage }).params).map(([k, p]) => [k, p.default]),
  );
}

function stageParams(params: Readonly<Record<string, number>>, stage: string) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (k.startsWith(`${stage}.`)) out[k.slice(stage.length + 1)] = v;
  }
  return out;
}

/**
 * The lowest score in the best tier; with cross-validation, the fewest parameters within one SE
 * of it, in that tier.
 */
function pick(scores: readonly FamilyScore[], inSample: boolean): number {
  const tier = Math.min(...scores.map((s) => s.tier));
  let best = scores.findIndex((s) => s.tier === tier);
  scores.forEach((s, i) => {
    if (s.tier === tier && s.score < (scores[best] as FamilyScore).score) best = i;
  });
  if (inSample) return best;
  const limit = (scores[best] as FamilyScore).score + (scores[best] as FamilyScore).se;
  let chosen = best;
  scores.forEach((s, i) => {
    const c = scores[chosen] as FamilyScore;
    if (
      s.tier === tier && s.score <= limit &&
      (s.parameters < c.parameters || (s.parameters === c.parameters && i < chosen))
    ) {
      chosen = i;
    }
  });
  return chosen;
}

/** Whether a channel spent in every week of the data (no week shows its response at zero). */
function neverDark(data: MmmData, channel: string): boolean {
  const spend = data.channels.find((c) => c.name === channel)?.spend ?? [];
  return spend.length > 0 && spend.every((v) => v > 0);
}

/** `n·ln(SSE/n)` up to a constant, from the in-sample error (NRMSE = RMSE / range). */
function fitTerm(value: number, n: number, metric: string): number {
  return metric === "mse" ? n * Math.log(value) : 2 * n * Math.log(value);
}

/** One channel × pair search with everything else fixed. */
async function screen(
  data: MmmData,
  spec: ModelSpec,
  j: number,
  context: FamilyContext,
  trials: number,
  inSample: boolean,
  n: number,
): Promise<FamilyScore> {
  const target = spec.channels[j] as ChannelSpec;
  const fixed: Record<string, number | readonly [number, number]> = {};
  for (const c of spec.channels) {
    if (c.name === target.name) continue;
    for (const stage of ["adstock", "saturation"] as const) {
      for (const [k, v] of Object.entries(c[stage].params)) fixed[`${c.name}.${stage}.${k}`] = v;
    }
  }
  // the tuning run's own bounds for this channel still apply when they name its parameters
  const own = Object.fromEntries(
    Object.entries(context.space.bounds ?? {}).filter(([k]) => {
      const [ch, stage, p] = k.split(".");
      if (ch !== target.name || p === undefined) return false;
      const t = stage === "adstock" ? target.adstock : target.saturation;
      return p in getTransform(t.kind).params;
    }),
  );
  const space = mmmSearchSpace(spec, {
    ...context.space,
    bounds: { ...own, ...fixed },
    lambda: context.lambda,
  });
  const payload: MmmObjectivePayload = {
    data,
    spec,
    paramNames: space.names,
    ...context.objective,
    rssd: false,
    liftTests: [],
  };
  const search = await minimize(
    { module: new URL("./mmm_objective.ts", import.meta.url).href, payload },
    space,
    {
      trials,
      workers: 0,
      seed: context.seed + j,
      sampler: (d) => differentialEvolutionSampler(d, { seed: context.seed + j }),
    },
  );
  const g = search.extras.indexOf("guard.failures"), se = search.extras.indexOf("cv.se");
  const e = search.extras.length, m = search.objectives.length;
  let best = -1;
  for (const t of search.trials) {
    const v = search.valueMatrix[t.index * m] as number;
    if (!Number.isFinite(v)) continue;
    const sound = g < 0 || search.extraMatrix[t.index * e + g] === 0;
    const b = best < 0 ? undefined : search.trials[best];
    const bSound = b === undefined || g < 0 || search.extraMatrix[b.index * e + g] === 0;
    if (
      best < 0 || (sound && !bSound) ||
      (sound === bSound && v < (search.valueMatrix[best * m] as number))
    ) best = t.index;
  }
  const k = freeCount(target.adstock, "adstock") + freeCount(target.saturation, "saturation");
  const trial = search.trials[Math.max(0, best)];
  const value = best < 0 ? Infinity : search.valueMatrix[best * m] as number;
  const sound = best >= 0 && (g < 0 || search.extraMatrix[best * e + g] === 0);
  const params: Record<string, number> = {};
  for (const [name, v] of Object.entries(trial?.params ?? {})) {
    const prefix = `${target.name}.`;
    if (name.startsWith(prefix)) params[name.slice(prefix.length)] = v;
  }
  const saturation = searchedParams(space.params, trial?.params ?? {}).filter((p) =>
    p.name.startsWith(`${target.name}.saturation.`) && p.value !== undefined
  );
  const onEdge = neverDark(data, target.name) && boundDiagnostics(saturation).length > 0;
  return {
    adstock: target.adstock.kind,
    saturation: target.saturation.kind,
    parameters: k,
    score: inSample ? fitTerm(value, n, context.objective.metric) + Math.log(n) * k : value,
    se: inSample || best < 0 ? 0 : search.extraMatrix[best * e + se] as number,
    tier: !sound ? 2 : onEdge ? 1 : 0,
    params,
  };
}
