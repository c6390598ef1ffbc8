/**
 * Two-stage mediation on `MmmData` with media transforms: how much of each upstream channel's
 * effect (social) flows through a mediator (search spend or clicks).
 *
 * - Stage 2 (KPI) is the linear MMM of `spec`: intercept, every channel's
 *   `saturation(adstock(spend / scale))` column — the mediator's included — controls, trend,
 *   seasonality and events (the columns of `designMatrix`), fitted by OLS.
 * - Stage 1 (mediator) regresses the mediator's raw level (its spend, or the control's values) on
 *   the upstream channels' features — their media columns, or their raw spend with
 *   `stage1Features: "spend"` — and the same controls, trend, seasonality and events.
 *
 * Effects of upstream channel j over the period, in KPI units:
 * - direct_j = c'_j · Σ_t h_j,t, with h_j its stage-2 media column and c'_j its coefficient;
 * - indirect_j = b · Σ_t [g(M)_t − g(M⁻ʲ)_t], where g is the mediator's stage-2 column, b its
 *   coefficient and M⁻ʲ = max(0, M − a_j·f_j) the mediator without the part stage 1 attributes to
 *   channel j (a_j its stage-1 coefficient, f_j its stage-1 feature). For a linear g this is
 *   b·a_j·Σ f_j, the product-of-coefficients effect;
 * - total_j = direct_j + indirect_j. Per unit of spend: divided by Σ spend_j.
 *
 * Only the linear specification is supported (the log-log model's effects are not additive).
 *
 * Stage 1 identifies a_j only when nothing unobserved drives both channel j's spend and the
 * mediator's own level (e.g. one budget decision that moves social and search together): such a
 * common cause is a back-door path the controls do not close, and biases a_j however many weeks
 * there are.
 *
 * @module
 */
import normalQuantile from "@stdlib/dist-normal-quantile";
import { ConfigError } from "../errors.ts";
import type { ChannelSpec, FittedModel, MmmData, ModelSpec } from "../types.ts";
import { fitOls } from "../models/ols.ts";
import { scaleSet, summarizeReplicates } from "./_summary.ts";
import { resolveIntervalOptions } from "./_interval_options.ts";
import { runTwoStage } from "./_two_stage.ts";
import {
  type MediationDesign,
  mediationDesign,
  type MediationInputs,
  type MediationSettings,
  sum,
} from "./_mediation_design.ts";
import { mediationDiagnostics } from "./_mediation_diagnostics.ts";
import type { CausalDag } from "./dag.ts";
import { type AttributionRow, MediationFit } from "./mediation_fit.ts";
import {
  type ChannelEffects,
  type EffectSet,
  type EffectSummary,
  MediationResult,
} from "./effects.ts";
import { sobelTest } from "./sobel.ts";

/** Options of {@link fitMediation}. */
export interface FitMediationOptions {
  /** The mediator: a channel of the spec (its spend) or one of its controls (e.g. clicks). */
  readonly mediator: string;
  /** Upstream channels whose effect may flow through the mediator. */
  readonly upstream: readonly string[];
  /**
   * A fitted KPI model: mediation uses its fitted spec ({@link FittedModel.spec}: tuned or
   * posterior-mean transform parameters, the scales of its training data). Give this or `spec`.
   */
  readonly model?: FittedModel;
  /**
   * The KPI model's spec: channels (the mediator's included), controls and baseline. Give this
   * or `model`.
   */
  readonly spec?: ModelSpec;
  /**
   * Upstream features of stage 1: `"media"` uses their transformed media columns, `"spend"`
   * their raw spend (when the mediator's spend is set as a share of upstream spend).
   * @default "media"
   */
  readonly stage1Features?: "media" | "spend";
  /**
   * Errors of stage 1: `"independent"` fits it by OLS; `"ar1"` by feasible GLS with AR(1)
   * errors (Prais-Winsten), for a mediator whose own spend drifts slowly (budget pacing), which
   * otherwise correlates by chance with the upstream spend: a_j then varies more than OLS
   * reports, and the intervals are too narrow. With `"independent"`, a lag-1 autocorrelation of
   * the stage-1 residuals beyond ±2.5/√n (a 1% test) is reported as a `"stage1-autocorrelated"` warning.
   * @default "independent"
   */
  readonly stage1Errors?: "independent" | "ar1";
  /** A causal graph to check both stages' regressors against. @default undefined */
  readonly dag?: CausalDag;
  /** Interval level in (0, 1). @default 0.9 */
  readonly level?: number;
  /**
   * How intervals are made: `"normal"` (delta method), `"bootstrap"` (moving blocks) or
   * `"monte-carlo"` (draws from each stage's asymptotic normal).
   * @default "bootstrap"
   */
  readonly interval?: "normal" | "bootstrap" | "monte-carlo";
  /** Bootstrap replicates or Monte Carlo draws. @default 1000 */
  readonly replicates?: number;
  /** Rows per bootstrap block. @default Math.round(n ** (1 / 3)) */
  readonly blockLength?: number;
  /** Seed of the generator for bootstrap and Monte Carlo. @default 0 */
  readonly seed?: number;
}

/**
 * Fits the two-stage mediation model on `data` and returns each upstream channel's direct,
 * indirect and total effect with intervals, and the attribution table.
 *
 * @throws {ConfigError} when neither or both of `model` and `spec` are given, the mediator or an
 * upstream channel is not in the spec, a channel is both, or the spec is log-log.
 * @throws {FitError} when a stage's regressors are collinear.
 *
 * @example With a linear mediator the indirect effect is a·b
 * ```ts
 * import type { MmmData } from "mixlab";
 * import { fitMediation } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * const n = 40;
 * const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
 * const spendSocial = Float64Array.from({ length: n }, (_, i) => 10 + ((i * 7) % 11));
 * const own = Float64Array.from({ length: n }, (_, i) => 5 + ((i * 5) % 7));
 * const search = spendSocial.map((s, i) => own[i]! + 0.5 * s);
 * const kpi = spendSocial.map((s, i) => 100 + 2 * s + 3 * search[i]!);
 * const data: MmmData = { dates, kpiKind: "revenue", kpi: { name: "sales", values: kpi },
 *   channels: [{ name: "social", spend: spendSocial }, { name: "search", spend: search }], controls: [] };
 * const linear = (name: string) => ({ name, scale: 1,
 *   adstock: { kind: "geometric", params: { decay: 0 } }, saturation: { kind: "identity", params: {} } });
 * const spec = { channels: [linear("social"), linear("search")], controls: [],
 *   baseline: { yearlyFourier: 0, trend: "none" as const, events: {} }, specification: "linear" as const };
 * const fit = fitMediation(data, { mediator: "search", upstream: ["social"], spec, interval: "normal" });
 * const social = fit.effects.channel("social");
 * // noise-free stage 2: c' = 2 and b = 3 exactly; with a linear mediator, indirect = a·b
 * assert.ok(Math.abs(social.perSpend!.direct.estimate - 2) < 1e-9);
 * assert.ok(Math.abs(social.pathB - 3) < 1e-9);
 * assert.ok(Math.abs(social.perSpend!.indirect.estimate - social.pathA * 3) < 1e-9);
 * ```
 */
export function fitMediation(data: MmmData, mediationOptions: FitMediationOptions): MediationFit {
  const options = withSpec(mediationOptions);
  const settings = resolveMediationOptions(options);
  const design = mediationDesign(data, options, settings);
  const run = runStages(data, options, settings, design);
  const effects = channelEffects(options, settings, design, run);
  const { fit1, fit2 } = run;
  const names1 = ["intercept", ...options.upstream, ...design.rest1.map((r) => r.c.name)];
  const names2 = ["intercept", ...design.cols.map((c) => c.name)];
  const result = new MediationResult({
    mediator: options.mediator,
    outcome: data.kpi.name,
    effects,
    level: settings.level,
    interval: settings.method,
    replicates: settings.method === "normal" ? 0 : run.used,
    stage1: Object.fromEntries(names1.map((name, i) => [name, fit1.coef[i] as number])),
    stage2: Object.fromEntries(names2.map((name, i) => [name, fit2.coef[i] as number])),
    diagnostics: run.diagnostics,
  });
  const attribution = attributionRows(options, design, run, effects);
  const diagnostics = mediationDiagnostics(data, options, settings, design, run);
  const outcomeModel = fitOls(data, options.spec, { level: settings.level });
  return new MediationFit(result, attribution, diagnostics, outcomeModel, options.dag);
}

/** The options with the KPI model's spec: the fitted model's, or the one given. */
function withSpec(options: FitMediationOptions): MediationInputs {
  const { model, spec, ...rest } = options;
  if ((model === undefined) === (spec === undefined)) {
    throw new ConfigError(
      `Cannot fit mediation: give ${
        model === undefined ? "either" : "only one of"
      } "model" or "spec"`,
      { key: "model", hint: "pass the fitted KPI model as model (its fitted spec is used)" },
    );
  }
  return { ...rest, spec: model?.spec ?? (spec as ModelSpec) };
}

function resolveMediationOptions(options: MediationInputs): MediationSettings {
  const spec = options.spec;
  const { level, method, replicates } = resolveIntervalOptions(options, "fit mediation");
  const stage1Features = options.stage1Features ?? "media";
  if (stage1Features !== "media" && stage1Features !== "spend") {
    throw new RangeError(
      `Cannot fit mediation: stage1Features must be "media" or "spend", got "${stage1Features}"`,
    );
  }
  const stage1Errors = options.stage1Errors ?? "independent";
  if (stage1Errors !== "independent" && stage1Errors !== "ar1") {
    throw new RangeError(
      `Cannot fit mediation: stage1Errors must be "independent" or "ar1", got "${stage1Errors}"`,
    );
  }
  if (spec.specification !== "linear") {
    throw new ConfigError(
      `Cannot fit mediation: specification "${spec.specification}" is not supported`,
      { key: "spec.specification", hint: 'use the "linear" specification' },
    );
  }
  const channelNames = spec.channels.map((c) => c.name);
  const mediatorIsChannel = channelNames.includes(options.mediator);
  if (!mediatorIsChannel && !spec.controls.includes(options.mediator)) {
    throw new ConfigError(
      `Cannot fit mediation: mediator "${options.mediator}" is not a channel or control of the spec`,
      { key: "mediator", hint: `use one of ${[...channelNames, ...spec.controls].join(", ")}` },
    );
  }
  if (options.upstream.length === 0) {
    throw new ConfigError("Cannot fit mediation: no upstream channels given", { key: "upstream" });
  }
  for (const u of options.upstream) {
    if (!channelNames.includes(u) || u === options.mediator) {
      throw new ConfigError(
        `Cannot fit mediation: upstream "${u}" must be a channel of the spec other than the mediator`,
        { key: "upstream", channel: u },
      );
    }
  }

  return { level, method, replicates, stage1Features, stage1Errors, mediatorIsChannel };
}
type TwoStageRun = ReturnType<typeof runTwoStage>;

/**
 * Fits both stages, and re-fits them on bootstrap or Monte Carlo replicates, keeping each
 * upstream channel's direct and indirect effect per replicate.
 */
function runStages(
  data: MmmData,
  options: MediationInputs,
  settings: MediationSettings,
  design: MediationDesign,
): TwoStageRun {
  const { mediatorCol, upstreamCols, featureSums2, inducedBy } = design;
  const k = options.upstream.length;
  const method = settings.method;
  return runTwoStage(
    {
      x1: design.whitened.x,
      y1: design.whitened.y,
      x2: design.x2,
      y2: data.kpi.values,
      stage1Name: `stage 1 ("${options.mediator}")`,
      stage2Name: `stage 2 ("${data.kpi.name}")`,
    },
    {
      method: method === "normal" ? "none" : method,
      replicates: settings.replicates,
      blockLength: options.blockLength,
      seed: options.seed ?? 0,
    },
    2 * k,
    (c1, c2, out) => {
      const b = c2[1 + mediatorCol] as number;
      for (let j = 0; j < k; j++) {
        out[2 * j] = (c2[1 + (upstreamCols[j] as number)] as number) * (featureSums2[j] as number);
        out[2 * j + 1] = b * inducedBy(j, c1[1 + j] as number);
      }
    },
  );
}

/** Direct, indirect and total effects of each upstream channel, with intervals. */
function channelEffects(
  options: MediationInputs,
  settings: MediationSettings,
  design: MediationDesign,
  run: TwoStageRun,
): ChannelEffects[] {
  const { level, method } = settings;
  const { upstreamCols, featureSums2, inducedBy, spendOf } = design;
  const { fit1, fit2 } = run;
  const p1 = design.whitened.x.cols, p2 = design.x2.cols;
  const bIdx = 1 + design.mediatorCol;
  const b = fit2.coef[bIdx] as number, varB = fit2.cov[bIdx * p2 + bIdx] as number;
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);

  return options.upstream.map((u, j) => {
    const cIdx = 1 + (upstreamCols[j] as number);
    const a = fit1.coef[1 + j] as number, varA = fit1.cov[(1 + j) * p1 + 1 + j] as number;
    const c = fit2.coef[cIdx] as number, varC = fit2.cov[cIdx * p2 + cIdx] as number;
    const covBC = fit2.cov[bIdx * p2 + cIdx] as number;
    const h = featureSums2[j] as number;
    const s = inducedBy(j, a);
    const direct = c * h, indirect = b * s;
    let period: EffectSet;
    if (method === "normal") {
      // Delta method in (a, b, c'), with dS/da by a central difference.
      const step = 1e-6 * Math.max(Math.abs(a), 1e-3);
      const dS = (inducedBy(j, a + step) - inducedBy(j, a - step)) / (2 * step);
      const varInd = s * s * varB + b * b * dS * dS * varA;
      const varTot = varInd + h * h * varC + 2 * h * s * covBC;
      const normal = (estimate: number, variance: number): EffectSummary => {
        const se = Math.sqrt(Math.max(0, variance));
        return { estimate, stdError: se, lower: estimate - z * se, upper: estimate + z * se };
      };
      period = {
        direct: normal(direct, h * h * varC),
        indirect: normal(indirect, varInd),
        total: normal(direct + indirect, varTot),
      };
    } else {
      const used = run.used;
      const d = (run.values[2 * j] as Float64Array).subarray(0, used);
      const ind = (run.values[2 * j + 1] as Float64Array).subarray(0, used);
      const tot = d.map((v, i) => v + (ind[i] as number));
      period = {
        direct: summarizeReplicates(direct, d, level),
        indirect: summarizeReplicates(indirect, ind, level),
        total: summarizeReplicates(direct + indirect, tot, level),
      };
    }
    return {
      channel: u,
      pathA: a,
      pathB: b,
      perUnit: scaleSet(period, 1 / h),
      period,
      perSpend: scaleSet(period, 1 / sum(spendOf(u))),
      proportionMediated: indirect / (direct + indirect),
      sobel: sobelTest({ a, seA: Math.sqrt(varA), b, seB: Math.sqrt(varB) }),
    };
  });
}

/** Naive credit (stage-2 contributions) next to mediation-aware credit, per channel. */
function attributionRows(
  options: MediationInputs,
  design: MediationDesign,
  run: TwoStageRun,
  effects: readonly ChannelEffects[],
): AttributionRow[] {
  const { fit1, fit2 } = run;
  const { basis, stage2Index, spendOf } = design;
  const b = fit2.coef[1 + design.mediatorCol] as number;
  const inducedAll = design.removed(options.upstream.map((_, j) => fit1.coef[1 + j] as number));
  return basis.spec.channels.map((ch: ChannelSpec): AttributionRow => {
    const col = stage2Index(ch.name);
    const spend = sum(spendOf(ch.name));
    const naive = (fit2.coef[1 + col] as number) * sum(design.design.values[col] as Float64Array);
    const j = options.upstream.indexOf(ch.name);
    if (j >= 0) {
      const e = effects[j] as ChannelEffects;
      return {
        channel: ch.name,
        role: "upstream",
        spend,
        naiveContribution: naive,
        naiveRoas: naive / spend,
        totalContribution: e.period.total.estimate,
        totalRoas: e.period.total.estimate / spend,
        totalRoasLower: e.period.total.lower / spend,
        totalRoasUpper: e.period.total.upper / spend,
      };
    }
    const aware = ch.name === options.mediator ? naive - b * inducedAll : naive;
    return {
      channel: ch.name,
      role: ch.name === options.mediator ? "mediator" : "other",
      spend,
      naiveContribution: naive,
      naiveRoas: naive / spend,
      totalContribution: aware,
      totalRoas: aware / spend,
      totalRoasLower: undefined,
      totalRoasUpper: undefined,
    };
  });
}
