/**
 * Mediation effects from posterior (or any joint) draws of the path coefficients: each draw
 * gives direct = c', indirect = a·b, total = a·b + c', and the effects are summarised by their
 * posterior mean, sd and equal-tailed interval. When the two stages are sampled separately, pair
 * draws by index: the stages' posteriors are then independent, and the product of paired draws
 * is a draw of a·b.
 *
 * @module
 */
import { scaleSet, summarizeReplicates } from "./_summary.ts";
import { type ChannelEffects, type EffectSet, MediationResult } from "./effects.ts";

/** Coefficient draws of a two-stage mediation model. */
export interface MediationDraws {
  /** Mediator name. */
  readonly mediator: string;
  /** Outcome (KPI) name. */
  readonly outcome: string;
  /** Upstream channel names, in the order of `pathA` and `direct`. */
  readonly upstream: readonly string[];
  /** Per upstream channel: draws of the stage-1 coefficient a_j. */
  readonly pathA: readonly Float64Array[];
  /** Draws of the stage-2 mediator coefficient b. */
  readonly pathB: Float64Array;
  /** Per upstream channel: draws of the stage-2 coefficient c'_j. */
  readonly direct: readonly Float64Array[];
  /** Σ over the period of each upstream feature, for period totals. @default 1 each */
  readonly featureSums?: Readonly<Record<string, number>>;
  /** Total spend over the period by upstream name, for effects per unit of spend. @default {} */
  readonly spendTotals?: Readonly<Record<string, number>>;
}

/** Options of {@link mediationFromDraws}. */
export interface MediationFromDrawsOptions {
  /** Interval level in (0, 1). @default 0.9 */
  readonly level?: number;
}

/**
 * Summarises the posterior of each upstream channel's direct, indirect and total effect.
 *
 * @throws {RangeError} when draw arrays differ in length, are empty, or the level is not in (0, 1).
 *
 * @example Three draws, summarised by hand
 * ```ts
 * import { mediationFromDraws } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * const r = mediationFromDraws({
 *   mediator: "search", outcome: "revenue", upstream: ["tiktok"],
 *   pathA: [new Float64Array([1, 2, 3])],
 *   pathB: new Float64Array([2, 2, 2]),
 *   direct: [new Float64Array([0, 1, 2])],
 * });
 * const e = r.channel("tiktok").perUnit;
 * assert.equal(e.indirect.estimate, 4); // mean of 2, 4, 6
 * assert.equal(e.total.estimate, 5); // mean of 2, 5, 8
 * assert.ok(Math.abs(e.total.lower - 2.3) < 1e-12); // 5% quantile (type 7): 2 + 0.1·(5 − 2)
 * ```
 */
export function mediationFromDraws(
  draws: MediationDraws,
  options: MediationFromDrawsOptions = {},
): MediationResult {
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot summarise mediation draws: level must be in (0, 1), got ${level}`);
  }
  const s = draws.pathB.length;
  const k = draws.upstream.length;
  if (s === 0) throw new RangeError("Cannot summarise mediation draws: there are no draws");
  if (draws.pathA.length !== k || draws.direct.length !== k) {
    throw new RangeError(
      `Cannot summarise mediation draws: expected ${k} pathA and direct arrays, got ${draws.pathA.length} and ${draws.direct.length}`,
    );
  }
  for (const arr of [...draws.pathA, ...draws.direct]) {
    if (arr.length !== s) {
      throw new RangeError(
        `Cannot summarise mediation draws: every draw array must have ${s} draws, got ${arr.length}`,
      );
    }
  }
  const b = draws.pathB;
  const effects: ChannelEffects[] = draws.upstream.map((name, j) => {
    const a = draws.pathA[j] as Float64Array, c = draws.direct[j] as Float64Array;
    const ind = new Float64Array(s), tot = new Float64Array(s);
    for (let i = 0; i < s; i++) {
      ind[i] = (a[i] as number) * (b[i] as number);
      tot[i] = (ind[i] as number) + (c[i] as number);
    }
    const perUnit: EffectSet = {
      direct: summarizeReplicates(mean(c), c, level),
      indirect: summarizeReplicates(mean(ind), ind, level),
      total: summarizeReplicates(mean(tot), tot, level),
    };
    const period = scaleSet(perUnit, draws.featureSums?.[name] ?? 1);
    const spend = draws.spendTotals?.[name];
    return {
      channel: name,
      pathA: mean(a),
      pathB: mean(b),
      perUnit,
      period,
      perSpend: spend === undefined ? undefined : scaleSet(period, 1 / spend),
      proportionMediated: perUnit.indirect.estimate / perUnit.total.estimate,
      sobel: undefined,
    };
  });
  return new MediationResult({
    mediator: draws.mediator,
    outcome: draws.outcome,
    effects,
    level,
    interval: "posterior",
    replicates: s,
    stage1: Object.fromEntries(draws.upstream.map((n, j) => [n, mean(draws.pathA[j]!)])),
    stage2: {
      [draws.mediator]: mean(b),
      ...Object.fromEntries(draws.upstream.map((n, j) => [n, mean(draws.direct[j]!)])),
    },
    diagnostics: [],
  });
}

function mean(v: Float64Array): number {
  let t = 0;
  for (let i = 0; i < v.length; i++) t += v[i] as number;
  return t / v.length;
}
