/**
 * Mediation effects from any two fitted models, by counterfactual predictions: a mediator model
 * (the mediator's level from the upstream channels) and an outcome model (the KPI, with the
 * mediator among its channels or controls). It works with every estimator behind
 * `FittedModel` — OLS, ridge, trees, and Bayesian fits, whose posterior draws give the effects'
 * posterior (draw i of one model is paired with draw i of the other; the two posteriors are
 * independent, so each pair is a draw of the joint).
 *
 * For upstream channel j and a draw, with D the data, D₁ = {@link mediatorData}(D):
 * - induced_j = m̂(D₁) − m̂(D₁ with j's spend set to 0): the mediator the model attributes to j;
 * - direct_j = Σ_t [ŷ(D) − ŷ(D with j's spend set to 0)];
 * - indirect_j = Σ_t [ŷ(D) − ŷ(D with the mediator set to max(0, M − induced_j))];
 * - total_j = direct_j + indirect_j; per unit of spend: divided by Σ spend_j.
 *
 * @module
 */
import type { FittedModel, MmmData } from "../types.ts";
import { scaleSet, summarizeReplicates } from "./_summary.ts";
import { type ChannelEffects, type EffectSet, MediationResult } from "./effects.ts";

/** Which variables play which part. */
export interface MediatorDataOptions {
  /** The mediator: a channel of the data (its spend) or a control (e.g. clicks). */
  readonly mediator: string;
  /** The upstream channels. */
  readonly upstream: readonly string[];
}

/** Options of {@link mediationFromModels}. */
export interface ModelMediationOptions extends MediatorDataOptions {
  /** A model of the mediator fitted on `mediatorData(data, …)`. */
  readonly mediatorModel: FittedModel;
  /** The KPI model fitted on `data`, with the mediator among its regressors. */
  readonly outcomeModel: FittedModel;
  /** Interval level in (0, 1). @default 0.9 */
  readonly level?: number;
  /** At most this many posterior draws are used (evenly spaced). @default 200 */
  readonly maxDraws?: number;
}

/**
 * The data of the mediator model: the mediator's level as the KPI, the upstream channels as
 * channels, and the data's other controls.
 *
 * @throws {RangeError} when the mediator or an upstream channel is not in the data.
 *
 * @example Search spend as the KPI of a model of social channels
 * ```ts
 * import type { MmmData } from "mixlab";
 * import { mediatorData } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * const data: MmmData = {
 *   dates: ["2024-01-01"], kpiKind: "revenue", kpi: { name: "sales", values: new Float64Array([9]) },
 *   channels: [{ name: "tiktok", spend: new Float64Array([2]) }, { name: "search", spend: new Float64Array([3]) }],
 *   controls: [],
 * };
 * const d1 = mediatorData(data, { mediator: "search", upstream: ["tiktok"] });
 * assert.equal(d1.kpi.name, "search");
 * assert.deepEqual(d1.channels.map((c) => c.name), ["tiktok"]);
 * ```
 */
export function mediatorData(data: MmmData, options: MediatorDataOptions): MmmData {
  const values = mediatorValues(data, options.mediator);
  const channels = options.upstream.map((u) => {
    const c = data.channels.find((ch) => ch.name === u);
    if (c === undefined) {
      throw new RangeError(`Cannot build mediator data: upstream "${u}" is not a channel`);
    }
    return c;
  });
  return {
    ...data,
    kpi: { name: options.mediator, values },
    channels,
    controls: data.controls.filter((c) => c.name !== options.mediator),
  };
}

/**
 * Direct, indirect and total effects of each upstream channel from a mediator model and an
 * outcome model, with posterior intervals when the models have draws (point values otherwise,
 * with `interval: "point"`).
 *
 * @throws {RangeError} when a name is not in the data or an option is out of range.
 *
 * @example Two linear toy models
 * ```ts
 * import type { FittedModel, MmmData } from "mixlab";
 * import { mediationFromModels } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * const data: MmmData = {
 *   dates: ["2024-01-01", "2024-01-08"], kpiKind: "revenue",
 *   kpi: { name: "sales", values: new Float64Array([20, 30]) },
 *   channels: [{ name: "social", spend: new Float64Array([4, 6]) }, { name: "search", spend: new Float64Array([3, 4]) }],
 *   controls: [],
 * };
 * const model = (predict: (d: MmmData) => Float64Array) =>
 *   ({ nDraws: 0, predict, data } as unknown as FittedModel);
 * // search = 1 + 0.5·social; sales = 2·social + 3·search
 * const spendOf = (d: MmmData, n: string) => d.channels.find((c) => c.name === n)!.spend;
 * const r = mediationFromModels(data, {
 *   mediator: "search", upstream: ["social"],
 *   mediatorModel: model((d) => spendOf(d, "social").map((s) => 1 + 0.5 * s)),
 *   outcomeModel: model((d) => spendOf(d, "social").map((s, i) => 2 * s + 3 * spendOf(d, "search")[i]!)),
 * });
 * const e = r.channel("social").perSpend!;
 * assert.equal(e.direct.estimate, 2);
 * assert.equal(e.indirect.estimate, 1.5); // 0.5 · 3
 * ```
 */
export function mediationFromModels(
  data: MmmData,
  options: ModelMediationOptions,
): MediationResult {
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot compute mediation: level must be in (0, 1), got ${level}`);
  }
  const maxDraws = options.maxDraws ?? 200;
  if (!Number.isInteger(maxDraws) || maxDraws < 1) {
    throw new RangeError(
      `Cannot compute mediation: maxDraws must be a positive integer, got ${maxDraws}`,
    );
  }
  const { mediator, upstream, mediatorModel, outcomeModel } = options;
  const d1 = mediatorData(data, options);
  const mediatorIsChannel = data.channels.some((c) => c.name === mediator);
  const m = mediatorValues(data, mediator);
  const n = m.length, k = upstream.length;
  const withChannel = (d: MmmData, name: string, spend: Float64Array): MmmData => ({
    ...d,
    channels: d.channels.map((c) => (c.name === name ? { name: c.name, spend } : c)),
  });
  const withMediator = (values: Float64Array): MmmData =>
    mediatorIsChannel ? withChannel(data, mediator, values) : {
      ...data,
      controls: data.controls.map((c) => (c.name === mediator ? { name: c.name, values } : c)),
    };
  const zeros = new Float64Array(n);
  const noUpstream1 = upstream.map((u) => withChannel(d1, u, zeros));
  const noUpstream2 = upstream.map((u) => withChannel(data, u, zeros));

  const draws = Math.min(
    maxDraws,
    Math.max(mediatorModel.nDraws, outcomeModel.nDraws, 1),
  );
  const pick = (model: FittedModel, i: number) =>
    model.nDraws > 0 ? { draw: Math.floor((i * model.nDraws) / draws) } : {};
  const direct = upstream.map(() => new Float64Array(draws));
  const indirect = upstream.map(() => new Float64Array(draws));
  const induced = upstream.map(() => new Float64Array(draws));
  for (let i = 0; i < draws; i++) {
    const o1 = pick(mediatorModel, i), o2 = pick(outcomeModel, i);
    const m1 = mediatorModel.predict(d1, o1);
    const y = sum(outcomeModel.predict(data, o2));
    for (let j = 0; j < k; j++) {
      const m0 = mediatorModel.predict(noUpstream1[j] as MmmData, o1);
      const cf = new Float64Array(n);
      let inducedSum = 0;
      for (let t = 0; t < n; t++) {
        const part = (m1[t] as number) - (m0[t] as number);
        inducedSum += part;
        const v = (m[t] as number) - part;
        cf[t] = mediatorIsChannel ? Math.max(0, v) : v;
      }
      (induced[j] as Float64Array)[i] = inducedSum;
      (direct[j] as Float64Array)[i] = y -
        sum(outcomeModel.predict(noUpstream2[j] as MmmData, o2));
      (indirect[j] as Float64Array)[i] = y - sum(outcomeModel.predict(withMediator(cf), o2));
    }
  }

  const effects: ChannelEffects[] = upstream.map((u, j) => {
    const d = direct[j] as Float64Array, ind = indirect[j] as Float64Array;
    const tot = d.map((v, i) => v + (ind[i] as number));
    const period: EffectSet = {
      direct: summarizeReplicates(mean(d), d, level),
      indirect: summarizeReplicates(mean(ind), ind, level),
      total: summarizeReplicates(mean(tot), tot, level),
    };
    const spend = sum(data.channels.find((c) => c.name === u)?.spend as Float64Array);
    const perSpend = scaleSet(period, 1 / spend);
    const inducedMean = mean(induced[j] as Float64Array);
    return {
      channel: u,
      pathA: inducedMean / spend,
      pathB: period.indirect.estimate / inducedMean,
      perUnit: perSpend,
      period,
      perSpend,
      proportionMediated: period.indirect.estimate / period.total.estimate,
      sobel: undefined,
    };
  });
  return new MediationResult({
    mediator,
    outcome: data.kpi.name,
    effects,
    level,
    interval: draws > 1 ? "posterior" : "point",
    replicates: draws > 1 ? draws : 0,
    stage1: Object.fromEntries(mediatorModel.parameters?.map((p) => [p.name, p.estimate]) ?? []),
    stage2: Object.fromEntries(outcomeModel.parameters?.map((p) => [p.name, p.estimate]) ?? []),
    diagnostics: [],
  });
}

function mediatorValues(data: MmmData, mediator: string): Float64Array {
  const values = data.channels.find((c) => c.name === mediator)?.spend ??
    data.controls.find((c) => c.name === mediator)?.values;
  if (values === undefined) {
    throw new RangeError(
      `Cannot use mediator "${mediator}": it is not a channel or control of the data`,
    );
  }
  return values;
}

function mean(v: Float64Array): number {
  return sum(v) / v.length;
}

function sum(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] as number;
  return s;
}
