/**
 * Everything a one-page report and `result.json` say about a fitted model, computed once: fit
 * metrics on the training and holdout rows, the decomposition, returns, response and adstock
 * curves, residual tests, VIF, and plain-language warnings.
 *
 * @module
 */
import { sum } from "../_internal/array.ts";
import { formatNumber } from "../_internal/html.ts";
import { type AdstockCurves, adstockCurves } from "./adstock_curve.ts";
import { type Contributions, contributions } from "./contributions.ts";
import { vif, type VifResult } from "./diagnostics/vif.ts";
import { type ResidualReport, residualReport } from "./diagnostics/residual_report.ts";
import { decompRssd, mae, mape, nrmse, r2, rmse } from "./metrics.ts";
import type { CrossValidation } from "./cross_validate.ts";
import {
  type ResidualDiagnostics,
  residualDiagnostics,
} from "./diagnostics/residual_diagnostics.ts";
import type { RollingStability } from "./diagnostics/rolling_stability.ts";
import { type ChannelReturns, channelReturns } from "./roas.ts";
import { type ResponseCurves, responseCurves } from "./response_curve.ts";
import { guardrails } from "../guardrails/guardrails.ts";
import { GUARDRAIL_CODES, type GuardrailLimits } from "../guardrails/limits.ts";
import type { Diagnostic, FittedModel, MmmData } from "../types.ts";

/** Fit quality on the training rows and, when there is one, the holdout. */
export interface FitMetrics {
  /** R² on the training rows. */
  readonly r2Train: number;
  /** RMSE on the training rows. */
  readonly rmseTrain: number;
  /** NRMSE on the training rows (Robyn's definition). */
  readonly nrmse: number;
  /** Robyn's DECOMP.RSSD of the training decomposition. */
  readonly decompRssd: number;
  /** R² on the holdout rows. */
  readonly r2Holdout?: number;
  /** RMSE on the holdout rows. */
  readonly rmseHoldout?: number;
  /** MAE on the holdout rows. */
  readonly maeHoldout?: number;
  /** MAPE on the holdout rows (zero KPI rows skipped). */
  readonly mapeHoldout?: number;
  /** Mean scores of time-series cross-validation on the training rows, when it was run. */
  readonly cv?: {
    readonly folds: number;
    readonly rmse: number;
    readonly mae: number;
    readonly mape: number;
    readonly r2: number;
  };
}

/** Options of {@link summarizeModel}. */
export interface SummarizeOptions {
  /** Rows after the training data, predicted with adstock carried over, to score the model. */
  readonly holdout?: MmmData;
  /** Interval probability for models with draws. @default 0.9 */
  readonly level?: number;
  /** Limits of the guardrails (config `guardrails`). @default {} */
  readonly guardrails?: Partial<GuardrailLimits>;
  /**
   * Bootstrap replicates of the fit (`bootstrapFits`, `bootstrapTune`): the ROAS, mROAS and
   * contribution intervals come from them. @default undefined (draws, if the model has them)
   */
  readonly replicates?: readonly FittedModel[];
  /** Time-series cross-validation of the model, reported with the metrics. @default undefined */
  readonly crossValidation?: CrossValidation;
  /** Channel ROAS in rolling windows (refits the caller ran). @default undefined */
  readonly stability?: RollingStability;
}

/** The computed summary of a fitted model. */
export interface ModelSummary {
  /** The model. */
  readonly fit: FittedModel;
  /** The holdout rows, if any. */
  readonly holdout: MmmData | undefined;
  /** Prediction of the holdout rows. */
  readonly holdoutPrediction: Float64Array | undefined;
  /** Fit metrics. */
  readonly metrics: FitMetrics;
  /** Decomposition of the training rows. */
  readonly decomposition: Contributions;
  /** ROAS, mROAS and CPA per channel. */
  readonly returns: ChannelReturns;
  /** Steady-state response curves. */
  readonly curves: ResponseCurves;
  /** Carryover profiles. */
  readonly adstock: AdstockCurves;
  /** Residual tests with verdicts. */
  readonly residuals: ResidualReport;
  /** VIF of the model's terms. */
  readonly vif: VifResult | undefined;
  /** Residuals against fitted values, their autocorrelation and QQ points. */
  readonly residualPlots: ResidualDiagnostics;
  /** Channel ROAS in rolling windows, when the caller refitted them. */
  readonly stability: RollingStability | undefined;
  /**
   * Plain-language warnings, most important first: the guardrails (which qualify the ROAS and
   * the decomposition), then fit quality, collinearity and residual checks.
   */
  readonly warnings: readonly Diagnostic[];
}

/**
 * Computes the summary of a fitted model: metrics, decomposition, returns, curves, diagnostics.
 *
 * @example A noise-free fit explains every week
 * ```ts
 * import { defineModelSpec, fitRidge, summarizeModel } from "mixlab";
 * import assert from "node:assert/strict";
 * // sales = 10 + 4 · tv spend, no carryover, no saturation: every unit of tv returns 4
 * const tv = new Float64Array([1, 3, 0, 2, 5, 4]);
 * const data = {
 *   dates: ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29", "2024-02-05"],
 *   kpiKind: "revenue" as const, controls: [], channels: [{ name: "tv", spend: tv }],
 *   kpi: { name: "sales", values: tv.map((v) => 10 + 4 * v) },
 * };
 * const spec = defineModelSpec({
 *   channels: [{
 *     name: "tv",
 *     adstock: { kind: "geometric", params: { decay: 0 } },
 *     saturation: { kind: "identity" },
 *   }],
 *   baseline: { yearlyFourier: 0, trend: "none" },
 * });
 * const fit = fitRidge(data, spec, { lambda: 0 });
 * const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-6, `${a} vs ${b}`);
 * const summary = summarizeModel(fit);
 * near(summary.metrics.r2Train, 1);
 * near(summary.returns.channels[0]!.roas.value, 4);
 * ```
 */
export function summarizeModel(fit: FittedModel, options: SummarizeOptions = {}): ModelSummary {
  const data = fit.data;
  const actual = data.kpi.values;
  const d = contributions(fit);
  const returns = channelReturns(fit, {
    level: options.level ?? 0.9,
    ...(options.replicates ? { replicates: options.replicates } : {}),
  });
  const curves = responseCurves(fit);
  const holdout = options.holdout;
  const holdoutPrediction = holdout ? fit.predict(holdout, { history: data }) : undefined;
  const effect = Float64Array.from(d.channels, (c) => Math.max(0, c.contribution));
  const spend = Float64Array.from(d.channels, (c) => c.spend);
  let metrics: FitMetrics = {
    r2Train: r2(actual, fit.fitted),
    rmseTrain: rmse(actual, fit.fitted),
    nrmse: nrmse(actual, fit.fitted),
    decompRssd: decompRssd(effect, spend),
  };
  if (holdout && holdoutPrediction && holdout.dates.length > 0) {
    const y = holdout.kpi.values;
    metrics = {
      ...metrics,
      r2Holdout: holdout.dates.length > 1 ? r2(y, holdoutPrediction) : NaN,
      rmseHoldout: rmse(y, holdoutPrediction),
      maeHoldout: mae(y, holdoutPrediction),
      mapeHoldout: mape(y, holdoutPrediction, { zeros: "skip" }),
    };
  }
  if (options.crossValidation) {
    metrics = {
      ...metrics,
      cv: { folds: options.crossValidation.folds.length, ...options.crossValidation.mean() },
    };
  }
  const residuals = actual.map((y, i) => y - (fit.fitted[i] as number));
  const regressors = d.terms.filter((t) => t.group !== "intercept" && !isConstant(t.values));
  const vifResult = regressors.length >= 2
    ? vif(regressors.map((t) => t.values), { names: regressors.map((t) => t.name) })
    : undefined;
  const residualTable = residualReport(
    residuals,
    regressors.length > 0 ? regressors.map((t) => t.values) : undefined,
  );
  const guards = guardrails(fit, {
    limits: options.guardrails ?? {},
    intervals: returns.channels.map((c) => c.roas),
  });
  const warnings = [
    ...guards,
    ...collectWarnings(fit, d, metrics, vifResult, residualTable),
    ...(options.stability?.diagnostics ?? []),
  ];
  return {
    fit,
    holdout,
    holdoutPrediction,
    metrics,
    decomposition: d,
    returns,
    curves,
    adstock: adstockCurves(fit),
    residuals: residualTable,
    vif: vifResult,
    residualPlots: residualDiagnostics(fit),
    stability: options.stability,
    warnings,
  };
}

function isConstant(v: Float64Array): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
  return true;
}

/**
 * Holdout RMSE above this multiple of the training RMSE is flagged. For a correct model with
 * Gaussian noise, a 13-week holdout's RMSE² is σ²·χ²₁₃/13 (95th percentile 1.72σ², so a ratio of
 * 1.31) and the training RMSE sits about √(n/(n−p)) ≈ 1.08 below σ at 143 weeks and 20 terms:
 * 1.5 is exceeded by chance in about 3 fits in 100.
 */
const HOLDOUT_ERROR_RATIO = 1.5;

function collectWarnings(
  fit: FittedModel,
  d: Contributions,
  metrics: FitMetrics,
  vifResult: VifResult | undefined,
  residuals: ResidualReport,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Judged on the error's size, not on R²: a 13-week holdout's R² is near 0 whenever the KPI
  // varies little in those weeks, even for the true model.
  const rmseHoldout = metrics.rmseHoldout;
  if (rmseHoldout !== undefined && rmseHoldout > HOLDOUT_ERROR_RATIO * metrics.rmseTrain) {
    out.push({
      level: "warning",
      code: "holdout-drop",
      message: `The model's error on the holdout weeks (RMSE ${formatNumber(rmseHoldout)}) is ${
        (rmseHoldout / metrics.rmseTrain).toFixed(1)
      }× its error in training (RMSE ${
        formatNumber(metrics.rmseTrain)
      }): it may be over-fitted or the market changed; treat its ROAS with caution`,
    });
  }
  for (const c of d.channels) {
    if (c.contribution <= 1e-9 * Math.abs(sum(d.fitted))) {
      out.push({
        level: "warning",
        code: "zero-effect",
        subject: c.channel,
        message:
          `"${c.channel}" gets no effect: its coefficient is at the non-negativity bound or its signal is too weak to separate from other channels`,
      });
    }
  }
  for (const row of vifResult?.rows ?? []) {
    if (row.vif > 10 && fit.spec.channels.some((c) => c.name === row.name)) {
      out.push({
        level: "warning",
        code: "vif-high",
        subject: row.name,
        message: `"${row.name}" moves together with other terms (VIF ${
          row.vif.toFixed(1)
        } > 10): its own effect is hard to separate, so its ROAS is uncertain`,
      });
    }
  }
  for (const row of residuals.rows) {
    if (row.flagged) {
      out.push({
        level: "info",
        code: `residual-${row.test.toLowerCase()}`,
        message: `${row.test}: ${row.verdict}`,
      });
    }
  }
  // the guardrails are recomputed above with the configured limits and the intervals; only
  // what the fit alone knows (a tuned parameter on its bound) is taken from its diagnostics
  out.push(
    ...fit.diagnostics.filter((x) =>
      (!GUARDRAIL_CODES.has(x.code) || x.code === "param-on-bound") &&
      !out.some((o) => o.code === x.code && o.subject === x.subject)
    ),
  );
  return out;
}
