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
import type { ChannelSpec, Diagnostic, FittedModel, MmmData, ModelSpec } from "../types.ts";
import { type DenseMatrix, fromColumns } from "../_internal/linalg.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../display/jupyter.ts";
import { type Cell, type Table, table } from "../display/table.ts";
import { designBasis, designMatrix, mediaColumn } from "../models/design_matrix.ts";
import { fitOls } from "../models/ols.ts";
import { scaleSet, summarizeReplicates } from "./_summary.ts";
import { praisWinsten } from "./_prais_winsten.ts";
import { runTwoStage } from "./_two_stage.ts";
import type { CausalDag, DagInput } from "./dag.ts";
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
  /** The KPI model: channels (the mediator's included), controls and baseline. */
  readonly spec: ModelSpec;
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

/** One channel's credit: the naive model's next to the mediation-aware one. */
export interface AttributionRow {
  /** Channel name. */
  readonly channel: string;
  /** Its role in the analysis. */
  readonly role: "upstream" | "mediator" | "other";
  /** Spend over the period. */
  readonly spend: number;
  /** Contribution in the KPI model where every channel sits side by side (direct only). */
  readonly naiveContribution: number;
  /** naiveContribution / spend. */
  readonly naiveRoas: number;
  /**
   * Mediation-aware credit: the total effect for upstream channels; for the mediator, what it
   * would contribute without the part all upstream channels induce together; unchanged otherwise.
   */
  readonly totalContribution: number;
  /** totalContribution / spend. */
  readonly totalRoas: number;
  /** Interval of totalRoas at the result's level (upstream channels only). */
  readonly totalRoasLower: number | undefined;
  /** Interval of totalRoas at the result's level (upstream channels only). */
  readonly totalRoasUpper: number | undefined;
}

/** What {@link fitMediation} returns: effects, attribution, and the DAG findings. */
export class MediationFit {
  /** Direct, indirect and total effects per upstream channel. */
  readonly effects: MediationResult;
  /** Naive and mediation-aware credit per channel of the spec. */
  readonly attribution: readonly AttributionRow[];
  /** Findings from the causal graph and the fits. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The stage-2 KPI model fitted by `fitOls` (the naive, side-by-side model), for
   * decomposition, elasticities and diagnostics.
   */
  readonly outcomeModel: FittedModel;
  /** The causal graph the regressors were checked against, if one was given. */
  readonly dag: CausalDag | undefined;

  /** Wraps results; made by {@link fitMediation}. */
  constructor(
    effects: MediationResult,
    attribution: readonly AttributionRow[],
    diagnostics: readonly Diagnostic[],
    outcomeModel: FittedModel,
    dag?: CausalDag,
  ) {
    this.effects = effects;
    this.attribution = attribution;
    this.diagnostics = diagnostics;
    this.outcomeModel = outcomeModel;
    this.dag = dag;
  }

  /** Total-effect ROAS next to the naive (direct-only) ROAS, one row per channel. */
  attributionTable(): Table {
    const pct = Math.round(this.effects.level * 100);
    const rows: Record<string, Cell>[] = this.attribution.map((r) => ({
      channel: r.channel,
      role: r.role,
      spend: r.spend,
      "naive contribution": r.naiveContribution,
      "naive ROAS": r.naiveRoas,
      "total-effect contribution": r.totalContribution,
      "total-effect ROAS": r.totalRoas,
      [`${pct}% lower`]: r.totalRoasLower,
      [`${pct}% upper`]: r.totalRoasUpper,
      "credit moved": r.totalContribution - r.naiveContribution,
    }));
    return table(rows, {
      caption: `Attribution with mediation through "${this.effects.mediator}"`,
    });
  }

  /** A plain JSON form (without the outcome model, which serialises itself with its data). */
  toJSON(): {
    effects: ReturnType<MediationResult["toJSON"]>;
    attribution: readonly AttributionRow[];
    diagnostics: readonly Diagnostic[];
    dag: DagInput | undefined;
  } {
    return {
      effects: this.effects.toJSON(),
      attribution: this.attribution,
      diagnostics: this.diagnostics,
      dag: this.dag?.toJSON(),
    };
  }

  /** Shows the causal graph (when given), the effects and the attribution tables in Jupyter. */
  [JUPYTER_DISPLAY](): MimeBundle {
    const effects = this.effects.toTable("perSpend");
    const attribution = this.attributionTable();
    const graph = this.dag === undefined ? "" : this.dag.toSvg() + "\n";
    return {
      "text/html": graph + effects.toHtml() + "\n" + attribution.toHtml(),
      "text/plain": effects.toText() + "\n\n" + attribution.toText(),
    };
  }

  /** `"MediationFit"`. */
  get [Symbol.toStringTag](): string {
    return "MediationFit";
  }
}

/**
 * Fits the two-stage mediation model on `data` and returns each upstream channel's direct,
 * indirect and total effect with intervals, and the attribution table.
 *
 * @throws {ConfigError} when the mediator or an upstream channel is not in the spec, a channel
 * is both, or the spec is log-log.
 * @throws {FitError} when a stage's regressors are collinear.
 *
 * @example With a linear mediator the indirect effect is a·b
 * ```ts
 * import { fitMediation, type MmmData } from "mixlab";
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
export function fitMediation(data: MmmData, options: FitMediationOptions): MediationFit {
  const spec = options.spec;
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`Cannot fit mediation: level must be in (0, 1), got ${level}`);
  }
  const method = options.interval ?? "bootstrap";
  if (method !== "normal" && method !== "bootstrap" && method !== "monte-carlo") {
    throw new RangeError(
      `Cannot fit mediation: interval must be "normal", "bootstrap" or "monte-carlo", got "${method}"`,
    );
  }
  const replicates = options.replicates ?? 1000;
  if (!Number.isInteger(replicates) || replicates < 2) {
    throw new RangeError(
      `Cannot fit mediation: replicates must be an integer of at least 2, got ${replicates}`,
    );
  }
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

  // Stage 2: the MMM design. Stage 1: upstream features and the non-media columns.
  const basis = designBasis(data, spec);
  const design = designMatrix(data, basis);
  const cols = design.columns;
  const n = data.dates.length;
  const ones = new Float64Array(n).fill(1);
  const stage2Index = (name: string) => cols.findIndex((c) => c.name === name);
  const mediatorCol = stage2Index(options.mediator);
  const upstreamCols = options.upstream.map(stage2Index);
  const mediatorChannel = basis.spec.channels.find((c) => c.name === options.mediator);
  const mediatorValues = mediatorIsChannel
    ? (data.channels.find((c) => c.name === options.mediator)?.spend as Float64Array)
    : (data.controls.find((c) => c.name === options.mediator)?.values as Float64Array);
  const spendOf = (name: string) =>
    data.channels.find((c) => c.name === name)?.spend as Float64Array;
  const features1 = options.upstream.map((u, j) =>
    stage1Features === "spend" ? spendOf(u) : design.values[upstreamCols[j] as number]!
  );
  const rest1 = cols
    .map((c, i) => ({ c, v: design.values[i] as Float64Array }))
    .filter(({ c }) => c.group !== "media" && c.name !== options.mediator);
  const columns1 = [ones, ...features1, ...rest1.map((r) => r.v)];
  const starts = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = i === 0 || data.geo?.values[i] !== data.geo?.values[i - 1] ? 1 : 0;
  }
  const whitened = stage1Errors === "ar1"
    ? praisWinsten(columns1, mediatorValues, starts)
    : { x: fromColumns(columns1), y: mediatorValues, rho: 0 };
  const x1 = whitened.x;
  const x2 = fromColumns([ones, ...design.values]);
  const k = options.upstream.length;

  // g(M) and the counterfactual mediator column without upstream j's induced part.
  const gOf = (m: Float64Array): Float64Array =>
    mediatorChannel === undefined
      ? m
      : mediaColumn(withSpend(data, options.mediator, m), mediatorChannel);
  const gActual = design.values[mediatorCol] as Float64Array;
  const sumG = sum(gActual);
  const removed = (shares: readonly number[]): number => {
    const m = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = mediatorValues[i] as number;
      for (let j = 0; j < k; j++) {
        v -= (shares[j] as number) * ((features1[j] as Float64Array)[i] as number);
      }
      m[i] = mediatorIsChannel ? Math.max(0, v) : v;
    }
    return sumG - sum(gOf(m));
  };
  const inducedBy = (j: number, a: number): number =>
    removed(Array.from({ length: k }, (_, i) => (i === j ? a : 0)));
  const featureSums2 = upstreamCols.map((c) => sum(design.values[c] as Float64Array));

  const run = runTwoStage(
    {
      x1,
      y1: whitened.y,
      x2,
      y2: data.kpi.values,
      stage1Name: `stage 1 ("${options.mediator}")`,
      stage2Name: `stage 2 ("${data.kpi.name}")`,
    },
    {
      method: method === "normal" ? "none" : method,
      replicates,
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
  const { fit1, fit2 } = run;
  const p1 = x1.cols, p2 = x2.cols;
  const bIdx = 1 + mediatorCol;
  const b = fit2.coef[bIdx] as number, varB = fit2.cov[bIdx * p2 + bIdx] as number;
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);

  const effects: ChannelEffects[] = options.upstream.map((u, j) => {
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

  const names1 = ["intercept", ...options.upstream, ...rest1.map((r) => r.c.name)];
  const names2 = ["intercept", ...cols.map((c) => c.name)];
  const result = new MediationResult({
    mediator: options.mediator,
    outcome: data.kpi.name,
    effects,
    level,
    interval: method,
    replicates: method === "normal" ? 0 : run.used,
    stage1: Object.fromEntries(names1.map((name, i) => [name, fit1.coef[i] as number])),
    stage2: Object.fromEntries(names2.map((name, i) => [name, fit2.coef[i] as number])),
    diagnostics: run.diagnostics,
  });

  // Attribution: naive = stage-2 contributions; aware = total effects and the mediator's own part.
  const inducedAll = removed(options.upstream.map((_, j) => fit1.coef[1 + j] as number));
  const attribution = basis.spec.channels.map((ch: ChannelSpec): AttributionRow => {
    const col = stage2Index(ch.name);
    const spend = sum(spendOf(ch.name));
    const naive = (fit2.coef[1 + col] as number) * sum(design.values[col] as Float64Array);
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

  const diagnostics: Diagnostic[] = [...run.diagnostics];
  if (stage1Errors === "independent") {
    const r1 = lagOneAutocorrelation(residuals(x1, whitened.y, fit1.coef), starts);
    if (Math.abs(r1.value) > 2.5 / Math.sqrt(r1.pairs)) {
      diagnostics.push({
        level: "warning",
        code: "stage1-autocorrelated",
        message: `Stage 1 residuals have lag-1 autocorrelation ${
          r1.value.toFixed(3)
        } (beyond ±2.5/√${r1.pairs}): OLS standard errors, and the normal and Monte Carlo intervals of the indirect effects, are too narrow; fit stage 1 with stage1Errors "ar1"`,
        subject: options.mediator,
      });
    }
  }
  if (stage1Errors === "ar1") {
    diagnostics.push({
      level: "info",
      code: "stage1-ar1",
      message: `Stage 1 errors have lag-1 autocorrelation ${
        whitened.rho.toFixed(3)
      } (Prais-Winsten)`,
      subject: options.mediator,
    });
  }
  if (options.dag !== undefined) {
    const seen = new Set<string>();
    const regressors2 = [...new Set(cols.map((c) => c.term))];
    const regressors1 = [...options.upstream, ...new Set(rest1.map((r) => r.c.term))];
    for (const u of options.upstream) {
      const found = [
        ...options.dag.checkRegressors(u, data.kpi.name, regressors2, { effect: "direct" }),
        ...options.dag.checkRegressors(u, options.mediator, regressors1),
      ];
      for (const d of found) {
        const key = `${d.code}|${d.message}`;
        if (!seen.has(key)) {
          seen.add(key);
          diagnostics.push(d);
        }
      }
    }
  }
  const outcomeModel = fitOls(data, spec, { level });
  return new MediationFit(result, attribution, diagnostics, outcomeModel, options.dag);
}

/** y − X·coef for a row-major design. */
function residuals(x: DenseMatrix, y: Float64Array, coef: Float64Array): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let f = 0;
    for (let j = 0; j < x.cols; j++) f += (x.data[i * x.cols + j] as number) * (coef[j] as number);
    out[i] = (y[i] as number) - f;
  }
  return out;
}

/**
 * Lag-1 autocorrelation Σ e_t·e_{t−1} / Σ e_t² of residuals, pairing rows within a series only
 * (`starts[t]` = 1 where a geo begins), and the number of pairs: under independent errors it is
 * about normal with sd 1/√pairs (Box & Jenkins 1976, §2.1.6).
 */
function lagOneAutocorrelation(
  e: Float64Array,
  starts: Uint8Array,
): { value: number; pairs: number } {
  let num = 0, den = 0, pairs = 0;
  for (let i = 0; i < e.length; i++) {
    den += (e[i] as number) ** 2;
    if (i === 0 || starts[i] === 1) continue;
    num += (e[i] as number) * (e[i - 1] as number);
    pairs++;
  }
  return { value: den > 0 ? num / den : 0, pairs: Math.max(1, pairs) };
}

function withSpend(data: MmmData, channel: string, spend: Float64Array): MmmData {
  return {
    ...data,
    channels: data.channels.map((c) => (c.name === channel ? { name: c.name, spend } : c)),
  };
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}
