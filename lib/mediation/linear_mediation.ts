/**
 * Two-stage linear mediation on plain arrays. Stage 1 regresses the mediator on the upstream
 * features and the controls; stage 2 regresses the outcome on the mediator, the upstream
 * features, the controls and any other regressors. Both by ordinary least squares with an
 * intercept. Effects are defined in {@link ChannelEffects}.
 *
 * Intervals:
 * - `"normal"`: direct from its OLS standard error, indirect from the Sobel standard error,
 *   total by the delta method (Var = b²·Var a + a²·Var b + Var c' + 2a·Cov(b, c'), stages
 *   independent), all with normal quantiles.
 * - `"bootstrap"`: percentiles of moving-block bootstrap replicates (rows resampled in blocks,
 *   both stages refitted on the same rows).
 * - `"monte-carlo"`: percentiles of effects computed from coefficient draws from each stage's
 *   asymptotic normal N(β̂, σ²(X'X)⁻¹) — the quasi-Bayesian method of Imai, Keele & Tingley
 *   (2010, Psychological Methods 15(4)) that statsmodels' `Mediation.fit(method="parametric")`
 *   uses.
 *
 * @module
 */
import normalQuantile from "@stdlib/dist-normal-quantile";
import type { NamedSeries } from "../types.ts";
import { fromColumns } from "../_internal/linalg.ts";
import { scaleSet, summarizeReplicates } from "./_summary.ts";
import { resolveIntervalOptions } from "./_interval_options.ts";
import { runTwoStage } from "./_two_stage.ts";
import {
  type ChannelEffects,
  type EffectSet,
  type EffectSummary,
  type IntervalMethod,
  MediationResult,
} from "./effects.ts";
import { type SobelTest, sobelTest } from "./sobel.ts";

/** The variables of a two-stage linear mediation. */
export interface LinearMediationInput {
  /** The outcome (KPI) per row. */
  readonly outcome: NamedSeries;
  /** The mediator per row (e.g. search spend or clicks). */
  readonly mediator: NamedSeries;
  /** Upstream features per row (e.g. social channels' transformed spend), one per channel. */
  readonly upstream: readonly NamedSeries[];
  /** Regressors in both stages (controls, confounders). @default [] */
  readonly controls?: readonly NamedSeries[];
  /** Regressors in stage 2 only (other channels that do not drive the mediator). @default [] */
  readonly others?: readonly NamedSeries[];
  /**
   * Spend per row by upstream name, to report effects per unit of spend. @default {}
   */
  readonly spend?: Readonly<Record<string, Float64Array>>;
}

/** Options of {@link mediateLinear}. */
export interface LinearMediationOptions {
  /** Interval level in (0, 1). @default 0.9 */
  readonly level?: number;
  /** How intervals are made. @default "bootstrap" */
  readonly interval?: "normal" | "bootstrap" | "monte-carlo";
  /** Bootstrap replicates or Monte Carlo draws. @default 1000 */
  readonly replicates?: number;
  /** Rows per bootstrap block. @default Math.round(n ** (1 / 3)) */
  readonly blockLength?: number;
  /** Seed of the generator for bootstrap and Monte Carlo. @default 0 */
  readonly seed?: number;
}

/** Column layout of the two stage designs. */
interface Layout {
  readonly n: number;
  readonly k: number;
  readonly stage1Names: readonly string[];
  readonly stage2Names: readonly string[];
  readonly stage1Columns: readonly Float64Array[];
  readonly stage2Columns: readonly Float64Array[];
}

/**
 * Two-stage linear mediation with Sobel tests and normal, moving-block bootstrap or Monte Carlo
 * intervals.
 *
 * @throws {TypeError} when series lengths differ.
 * @throws {RangeError} on non-finite values, duplicate names or options out of range.
 * @throws {FitError} when a stage's regressors are collinear or there are too few rows.
 *
 * @example Total = direct + indirect = the simple regression slope of y on x
 * ```ts
 * import { mediateLinear } from "mixlab/mediation";
 * import assert from "node:assert/strict";
 * const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
 * const m = Float64Array.from([2, 3, 7, 6, 9, 13, 12, 17]);
 * const y = Float64Array.from([5, 6, 11, 10, 15, 19, 18, 26]);
 * const r = mediateLinear({
 *   outcome: { name: "y", values: y },
 *   mediator: { name: "m", values: m },
 *   upstream: [{ name: "x", values: x }],
 * }, { interval: "normal" });
 * // OLS identity (no controls): a·b + c' = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)² = 118 / 42
 * const e = r.channel("x").perUnit;
 * assert.ok(Math.abs(e.total.estimate - 118 / 42) < 1e-9);
 * assert.ok(Math.abs(e.direct.estimate + e.indirect.estimate - e.total.estimate) < 1e-12);
 * ```
 */
export function mediateLinear(
  input: LinearMediationInput,
  options: LinearMediationOptions = {},
): MediationResult {
  const { level, method, replicates } = resolveIntervalOptions(options, "run mediation");
  const layout = resolveLayout(input);
  const { k } = layout;
  const x1 = fromColumns(layout.stage1Columns), x2 = fromColumns(layout.stage2Columns);
  // Stage-1 a_j is column 1 + j; stage-2 b is column 1 and c'_j column 2 + j.
  const run = runTwoStage(
    {
      x1,
      y1: input.mediator.values,
      x2,
      y2: input.outcome.values,
      stage1Name: `stage 1 ("${input.mediator.name}")`,
      stage2Name: `stage 2 ("${input.outcome.name}")`,
    },
    {
      method: method === "normal" ? "none" : method,
      replicates,
      blockLength: options.blockLength,
      seed: options.seed ?? 0,
    },
    3 * k,
    (c1, c2, out) => {
      const bb = c2[1] as number;
      for (let j = 0; j < k; j++) {
        const a = c1[1 + j] as number, c = c2[2 + j] as number;
        out[3 * j] = c;
        out[3 * j + 1] = a * bb;
        out[3 * j + 2] = a * bb + c;
      }
    },
  );
  const { fit1, fit2, used } = run;
  const p1 = x1.cols, p2 = x2.cols;
  const b = fit2.coef[1] as number, varB = fit2.cov[1 * p2 + 1] as number;

  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const normal = (estimate: number, se: number): EffectSummary => ({
    estimate,
    stdError: se,
    lower: estimate - z * se,
    upper: estimate + z * se,
  });
  const sobels: SobelTest[] = [];
  const sets = Array.from({ length: k }, (_, j): EffectSet => {
    const a = fit1.coef[1 + j] as number, varA = fit1.cov[(1 + j) * p1 + 1 + j] as number;
    const c = fit2.coef[2 + j] as number, varC = fit2.cov[(2 + j) * p2 + 2 + j] as number;
    const covBC = fit2.cov[1 * p2 + 2 + j] as number;
    const sobel = sobelTest({ a, seA: Math.sqrt(varA), b, seB: Math.sqrt(varB) });
    sobels.push(sobel);
    if (method !== "normal") {
      const draws = (q: number) => (run.values[3 * j + q] as Float64Array).subarray(0, used);
      return {
        direct: summarizeReplicates(c, draws(0), level),
        indirect: summarizeReplicates(a * b, draws(1), level),
        total: summarizeReplicates(a * b + c, draws(2), level),
      };
    }
    const varTotal = b * b * varA + a * a * varB + varC + 2 * a * covBC;
    return {
      direct: normal(c, Math.sqrt(varC)),
      indirect: normal(a * b, sobel.stdError),
      total: normal(a * b + c, Math.sqrt(Math.max(0, varTotal))),
    };
  });

  const effects: ChannelEffects[] = input.upstream.map((u, j) => {
    const perUnit = sets[j] as EffectSet;
    const featureSum = sum(u.values);
    const period = scaleSet(perUnit, featureSum);
    const spend = input.spend?.[u.name];
    return {
      channel: u.name,
      pathA: fit1.coef[1 + j] as number,
      pathB: b,
      perUnit,
      period,
      perSpend: spend === undefined ? undefined : scaleSet(period, 1 / sum(spend)),
      proportionMediated: perUnit.indirect.estimate / perUnit.total.estimate,
      sobel: sobels[j],
    };
  });
  return new MediationResult({
    mediator: input.mediator.name,
    outcome: input.outcome.name,
    effects,
    level,
    interval: method as IntervalMethod,
    replicates: method === "normal" ? 0 : used,
    stage1: named(layout.stage1Names, fit1.coef),
    stage2: named(layout.stage2Names, fit2.coef),
    diagnostics: run.diagnostics,
  });
}

function resolveLayout(input: LinearMediationInput): Layout {
  const controls = input.controls ?? [];
  const others = input.others ?? [];
  if (input.upstream.length === 0) {
    throw new RangeError("Cannot run mediation: at least one upstream series is needed");
  }
  const all = [input.outcome, input.mediator, ...input.upstream, ...controls, ...others];
  const n = input.outcome.values.length;
  const seen = new Set<string>();
  for (const s of all) {
    if (!(s.values instanceof Float64Array)) {
      throw new TypeError(`Cannot run mediation: series "${s.name}" must be a Float64Array`);
    }
    if (s.values.length !== n) {
      throw new TypeError(
        `Cannot run mediation: series "${s.name}" has ${s.values.length} rows, expected ${n}`,
      );
    }
    if (seen.has(s.name)) {
      throw new RangeError(`Cannot run mediation: series name "${s.name}" is used twice`);
    }
    seen.add(s.name);
    const bad = s.values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new RangeError(
        `Cannot run mediation: series "${s.name}" has a non-finite value at row ${bad}`,
      );
    }
  }
  for (const [name, spend] of Object.entries(input.spend ?? {})) {
    if (!input.upstream.some((u) => u.name === name)) {
      throw new RangeError(
        `Cannot run mediation: spend given for "${name}", not an upstream series`,
      );
    }
    if (spend.length !== n || !(sum(spend) > 0)) {
      throw new RangeError(
        `Cannot run mediation: spend of "${name}" must have ${n} rows and a positive total`,
      );
    }
  }
  const ones = new Float64Array(n).fill(1);
  return {
    n,
    k: input.upstream.length,
    stage1Names: [
      "intercept",
      ...input.upstream.map((s) => s.name),
      ...controls.map((s) => s.name),
    ],
    stage2Names: [
      "intercept",
      input.mediator.name,
      ...input.upstream.map((s) => s.name),
      ...controls.map((s) => s.name),
      ...others.map((s) => s.name),
    ],
    stage1Columns: [ones, ...input.upstream.map((s) => s.values), ...controls.map((s) => s.values)],
    stage2Columns: [
      ones,
      input.mediator.values,
      ...input.upstream.map((s) => s.values),
      ...controls.map((s) => s.values),
      ...others.map((s) => s.values),
    ],
  };
}

function sum(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}

function named(names: readonly string[], values: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  names.forEach((name, i) => (out[name] = values[i] as number));
  return out;
}
